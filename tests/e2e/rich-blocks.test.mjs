// Richer articles (issue: galleries, video and audio, tables, key points, corrections, live
// coverage): each new part as a reader meets it, at a phone's and a desktop's width, in the
// light and dark themes (screenshots in target/screenshots/), with axe-core. That the
// prerendered page and the viewer agree on them is takeover.test.mjs's (it walks every sample).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { ArticlePage, SCREENSHOTS, SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, sampleArticle, violations } from './support.mjs';

/** The sample with key points, a table (its last row short) and a correction. */
const CORRECTED = 'allotment-waiting-list-halves';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openArticle(id, { width = 1280, theme } = {}) {
  const page = await openPage(browser, { width, height: 900 });
  await page.goto(new URL(`articles/${id}`, SITE_URL).href);
  await new ArticlePage(page).waitForHeadline(sampleArticle(id).headline);
  if (theme) await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), theme);
  return page;
}

test('key points, a table and a correction at 375 and 1280 px, light and dark: in place, named, and axe finds nothing', async () => {
  const json = sampleArticle(CORRECTED);
  const [table] = json.body.filter((block) => block.type === 'table');
  const [correction] = json.corrections;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    for (const theme of ['light', 'dark']) {
      const label = `${width} px, ${theme}`;
      const page = await openArticle(CORRECTED, { width, theme });

      // Key points: a box between the header and the body, in the article's words.
      const keyPoints = page.locator('article .key-points');
      assert.equal(await keyPoints.getByRole('heading', { level: 2 }).textContent(), 'Key points', label);
      assert.equal(await keyPoints.getByRole('listitem').count(), json.keyPoints.length, label);
      const order = await page.evaluate(() => {
        const top = (selector) => document.querySelector(selector).getBoundingClientRect().top;
        return { header: top('.article-header'), points: top('.key-points'), body: top('.article-body') };
      });
      assert.ok(order.header < order.points && order.points < order.body, `${label}: ${JSON.stringify(order)}`);

      // The table: in a focusable box named by its caption, every row as wide as the header.
      const region = page.getByRole('region', { name: table.caption });
      assert.equal(await region.getAttribute('tabindex'), '0', label);
      assert.equal(await region.locator('caption').textContent(), table.caption, label);
      assert.deepEqual(await region.getByRole('columnheader').allTextContents(), table.header, label);
      const cellsPerRow = await region.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.cells.length));
      assert.deepEqual(cellsPerRow, table.rows.map(() => table.header.length), `${label}: the short last row is padded`);
      const widths = await region.evaluate((box) => ({
        box: box.clientWidth,
        table: box.scrollWidth,
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      assert.ok(widths.page <= widths.viewport, `${label}: the page never scrolls sideways: ${JSON.stringify(widths)}`);
      // Too wide for a phone: it scrolls inside its box.
      if (width === 375) assert.ok(widths.table > widths.box, `${label}: ${JSON.stringify(widths)}`);

      // The correction: a line under the byline, the dated note at the end, the byline's date.
      const line = page.getByRole('link', { name: 'This article has been corrected' });
      assert.match(await line.getAttribute('href'), new RegExp(`/articles/${CORRECTED}#corrections$`), label);
      const note = page.locator('#corrections');
      assert.equal(await note.getByRole('heading', { level: 2 }).textContent(), 'Corrections', label);
      assert.equal(await note.locator('time').getAttribute('datetime'), correction.date, label);
      assert.ok((await note.textContent()).includes(correction.text), label);
      assert.equal(await page.locator('.byline .dates time').last().getAttribute('datetime'), correction.date, `${label}: updated by the correction`);

      assert.deepEqual(await violations(page), [], label);
      const path = new URL(`${CORRECTED}-${theme}-${width}.png`, SCREENSHOTS);
      await page.screenshot({ path: path.pathname, fullPage: true });
      assert.ok(readFileSync(path).length > 10_000, label);
      if (width === 375) {
        // From the keyboard too.
        await region.focus();
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((box) => box.scrollLeft > 0, await region.elementHandle());
      }
      assert.deepEqual(page.errors, [], label);
      await page.context().close();
    }
  }
});

test('the corrected line leads to the note without a reload, and the JSON-LD carries the correction', async () => {
  const json = sampleArticle(CORRECTED);
  const page = await openArticle(CORRECTED, { width: 375 });
  await page.evaluate(() => (window.notReloaded = true));
  await page.getByRole('link', { name: 'This article has been corrected' }).click();
  await page.waitForURL(/#corrections$/);
  await page.waitForFunction(() => {
    const note = document.getElementById('corrections').getBoundingClientRect();
    return note.top >= 0 && note.top < window.innerHeight;
  });
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.deepEqual(ld.correction, json.corrections.map(({ date, text }) => ({ '@type': 'CorrectionComment', text, datePublished: date })));
  assert.equal(ld.dateModified, json.corrections.at(-1).date);
  await page.context().close();
});

test('in the article’s language: the key points, the corrections and an uncaptioned table', async () => {
  const json = sampleArticle(CORRECTED);
  json.id = 'allotments-in-arabic';
  json.language = 'ar';
  for (const block of json.body) if (block.type === 'table') delete block.caption;
  writeFileSync(`${SITE_DIR}/content/articles/${json.id}.json`, JSON.stringify(json));
  try {
    const page = await openPage(browser);
    await page.goto(new URL(`articles/${json.id}`, SITE_URL).href);
    await new ArticlePage(page).waitForHeadline(json.headline);
    assert.equal(await page.locator('.key-points h2').textContent(), 'النقاط الرئيسية');
    assert.equal(await page.locator('#corrections h2').textContent(), 'تصحيحات');
    assert.equal(await page.getByRole('link', { name: 'صُحِّح هذا المقال' }).count(), 1);
    assert.equal(await page.getByRole('region', { name: 'جدول' }).locator('caption').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    removeArticle(json.id);
  }
});
