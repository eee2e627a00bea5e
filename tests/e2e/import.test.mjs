// What `folio import` made of tests/fixtures/import/, read in the viewer: each article that
// expect.json lists shows its headline, byline, text, links and images (each with its box
// reserved), nothing from the sources' scripts runs, and the front page lists them. The
// native half (what the documents hold) is cli/tests/import.rs.
//
// The sources' images live on their original hosts; tests never leave the machine, so every
// request off loopback is refused.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, requireEnv, waitForLive } from './support.mjs';

const IMPORT_URL = requireEnv('FOLIO_IMPORT_URL');
const expect = JSON.parse(readFileSync(new URL('../fixtures/import/expect.json', import.meta.url), 'utf8'));

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openOffline() {
  const page = await openPage(browser);
  page.offLoopback = [];
  await page.context().route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      page.offLoopback.push(route.request().url());
      return route.abort();
    },
  );
  return page;
}

for (const [id, wanted] of Object.entries(expect.articles)) {
  test(`imported article "${id}" reads in the viewer`, async () => {
    const page = await openOffline();
    await page.goto(new URL(`articles/${id}`, IMPORT_URL).href);
    await page.getByRole('heading', { level: 1, name: wanted.headline, exact: true }).waitFor();
    await waitForLive(page);

    const article = page.locator('main article');
    // The text as written (innerText would apply the section label's text-transform).
    const text = (await article.textContent()).replace(/\s+/g, ' ');
    for (const expected of wanted.text ?? []) {
      assert.ok(text.includes(expected.replace(/\s+/g, ' ')), `shows ${JSON.stringify(expected)}`);
    }
    for (const absent of wanted.absent ?? []) assert.ok(!text.includes(absent), `never shows ${JSON.stringify(absent)}`);
    for (const author of wanted.authors ?? []) assert.ok(text.includes(author), `names ${author}`);
    if (wanted.section) assert.ok(text.includes(wanted.section), `shows the section ${wanted.section}`);

    const hrefs = await article.locator('a[href]').evaluateAll((links) => links.map((a) => a.href));
    for (const link of wanted.links ?? []) {
      assert.ok(hrefs.includes(new URL(link, IMPORT_URL).href), `links to ${link}: ${hrefs.join(' ')}`);
    }
    for (const href of hrefs) assert.match(href, /^(https?:|mailto:)/, href);

    // Every image the import kept has its box before it loads (they never load here).
    const images = await article.locator('img').evaluateAll((imgs) =>
      imgs.map((img) => ({ width: img.getAttribute('width'), height: img.getAttribute('height'), box: img.getBoundingClientRect().height })),
    );
    assert.equal(images.length, wanted.images, `${images.length} images`);
    for (const image of images) {
      assert.ok(Number(image.width) > 0 && Number(image.height) > 0, JSON.stringify(image));
      assert.ok(image.box > 0, `the box is reserved: ${JSON.stringify(image)}`);
    }

    assert.equal(await page.locator('main script, main iframe, main form, main svg:not([aria-hidden])').count(), 0);
    assert.equal(await page.evaluate(() => window.__imported_script_ran), undefined, 'no script from a source ran');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('the front page lists the imported articles, newest first, and opens them without a reload', async () => {
  const page = await openOffline();
  await page.goto(IMPORT_URL);
  await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  await waitForLive(page);
  const headlines = Object.values(expect.articles).map((article) => article.headline);
  for (const headline of headlines) {
    await page.getByRole('link', { name: headline }).first().waitFor();
  }
  const index = JSON.parse(readFileSync(new URL('content/index.json', `file://${requireEnv('FOLIO_IMPORT_SITE')}/`), 'utf8'));
  const newest = index.articles[0];
  const firstLink = page.locator('main a[href*="/articles/"]').first();
  assert.equal(await firstLink.getAttribute('href'), `/articles/${newest.id}`);

  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  await firstLink.click();
  await page.getByRole('heading', { level: 1, name: newest.headline, exact: true }).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
