// Advertisement slots: placed where the policy says, announced once as they near the viewport
// with the right facts, filled without moving anything (CLS exactly 0), released on
// navigation, held back until consent when consent is required.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_DIR, launchBrowser, openPage, sampleArticle } from './support.mjs';

const DESKTOP_MIN_WIDTH = 768;
const CONFIG_PATH = join(SITE_DIR, 'folio.config.json');
const shippedConfig = readFileSync(CONFIG_PATH, 'utf8');
const policy = JSON.parse(shippedConfig).ads;
const hostScripts = ['demo-ad-filler.js', 'layout-shift-meter.js'].map((name) =>
  readFileSync(new URL(`host/${name}`, import.meta.url), 'utf8'),
);

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  writeFileSync(CONFIG_PATH, shippedConfig);
  await browser?.close();
});

/** An article page with the demo ad filler and the layout-shift meter running from the start. */
async function openArticle(id, width) {
  const page = await openPage(browser, { width, height: 800 });
  for (const script of hostScripts) await page.addInitScript(script);
  const article = new ArticlePage(page);
  await article.open(id);
  await article.waitForHeadline(sampleArticle(id).headline);
  return { page, article };
}

/** Scrolls to the bottom the way a reader does, half a screen at a time. */
async function readToTheEnd(page) {
  for (;;) {
    const done = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight / 2);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await page.waitForTimeout(60);
    if (done) break;
  }
}

/** The body as the page shows it: `P` paragraph, `I` figure, `O` other block, or a slot id. */
function bodyLayout(page) {
  return page.locator('.article-body > *').evaluateAll((children) =>
    children.map((child) => {
      if (child.matches('aside.ad-slot')) return child.querySelector('[data-slot-id]').dataset.slotId;
      if (child.matches('p')) return 'P';
      if (child.matches('figure.figure')) return 'I';
      return 'O';
    }),
  );
}

/** Checks the placement rules of docs/ads.md against the page's layout of `json`. */
function assertPlacement(json, layout) {
  const isSlot = (item) => item.startsWith('body-');
  const blocks = json.body.filter((b) => b.type !== 'ad').map((b) => (b.type === 'paragraph' ? 'P' : b.type === 'image' ? 'I' : 'O'));
  assert.deepEqual(layout.filter((item) => !isSlot(item)), blocks, 'every block, in order');

  // Walk the article and the page together: a slot where the article has an `ad` block is
  // explicit; any other slot (it can only follow a block) is automatic.
  const explicit = new Set();
  let at = 0;
  json.body.forEach((block, index) => {
    if (block.type === 'ad') {
      assert.ok(isSlot(layout[at] ?? ''), `the explicit ad block body[${index}] is kept`);
      explicit.add(at);
      at += 1;
      return;
    }
    at += 1;
    if (isSlot(layout[at] ?? '') && json.body[index + 1]?.type !== 'ad') at += 1;
  });
  assert.equal(at, layout.length);

  let paragraphs = 0;
  let sinceSlot = 0;
  let automatic = 0;
  layout.forEach((item, index) => {
    if (item === 'P') {
      paragraphs += 1;
      sinceSlot += 1;
    } else if (isSlot(item)) {
      assert.equal(item, `body-${layout.slice(0, index + 1).filter(isSlot).length}`, 'slots are numbered in order');
      if (!explicit.has(index)) {
        automatic += 1;
        assert.equal(layout[index - 1], 'P', `${item} follows a paragraph`);
        assert.ok(index + 1 < layout.length, `${item} is not the last item of the body`);
        assert.ok(!['I'].includes(layout[index + 1]) && !isSlot(layout[index + 1]), `${item} is not next to an image or slot`);
        assert.ok(paragraphs >= policy.firstAfterParagraph, `${item} comes after paragraph ${policy.firstAfterParagraph}`);
        assert.ok(sinceSlot >= policy.everyParagraphs, `${item} is ${policy.everyParagraphs} paragraphs after the last slot`);
      }
      sinceSlot = 0;
    }
  });
  assert.ok(automatic <= Math.max(0, policy.maxInBody - explicit.size), `${automatic} automatic slots`);
  return { automatic, explicit: explicit.size };
}

const sampleIds = readdirSync(join(SITE_DIR, 'content/articles'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));
const report = [];

for (const id of sampleIds) {
  for (const width of [375, 1280]) {
    test(`ads on "${id}" at ${width} px: placement, announcements, fill, CLS 0`, async () => {
      const json = sampleArticle(id);
      const { page, article } = await openArticle(id, width);
      const containers = page.locator('.ad-slot__container');

      if (json.ads === false) {
        assert.equal(await article.adSlots.count(), 0);
        await readToTheEnd(page);
        await page.waitForTimeout(400);
        assert.deepEqual(await page.evaluate(() => window.__folio.adslot), []);
        report.push(`${id} @${width}: no slots, CLS ${await page.evaluate(() => window.__cls.value)}`);
        assert.equal(await page.evaluate(() => window.__cls.value), 0);
        await page.context().close();
        return;
      }

      const layout = await bodyLayout(page);
      const counts = assertPlacement(json, layout);
      const slotIds = await containers.evaluateAll((els) => els.map((el) => el.dataset.slotId));
      assert.deepEqual(slotIds, ['top', ...layout.filter((item) => item.startsWith('body-')), 'bottom']);
      const boxesBefore = await containers.evaluateAll((els) => els.map((el) => [el.offsetWidth, el.offsetHeight]));

      await readToTheEnd(page);
      await page.waitForFunction((n) => window.__folio.filled === n, slotIds.length);
      await page.waitForTimeout(300);

      const events = await page.evaluate(() => window.__folio.adslot);
      assert.deepEqual(events.map((e) => e.slotId).sort(), [...slotIds].sort(), 'one folio:adslot per slot');
      for (const event of events) {
        const element = page.locator(`#${event.divId}`);
        const data = await element.evaluate((el) => ({ ...el.dataset }));
        assert.equal(event.slotId, data.slotId);
        assert.equal(event.articleId, json.id);
        assert.equal(event.section, json.section ?? null);
        assert.deepEqual(event.tags, json.tags ?? []);
        const sizes = data.sizes.split(',').map((s) => (s === 'fluid' ? 'fluid' : s.split('x').map(Number)));
        assert.deepEqual(event.sizes, sizes.length === 1 && sizes[0] === 'fluid' ? 'fluid' : sizes);
        const chosen = width >= DESKTOP_MIN_WIDTH ? data.sizeDesktop : data.sizeMobile;
        assert.deepEqual(event.size, chosen === 'fluid' ? 'fluid' : chosen.split('x').map(Number));
      }
      const boxesAfter = await containers.evaluateAll((els) => els.map((el) => [el.offsetWidth, el.offsetHeight]));
      assert.deepEqual(boxesAfter, boxesBefore, 'filling a slot does not change its box');

      const cls = await page.evaluate(() => window.__cls);
      report.push(`${id} @${width}: ${slotIds.length} slots (${counts.explicit} explicit, ${counts.automatic} automatic), CLS ${cls.value}`);
      assert.equal(cls.value, 0, JSON.stringify(cls.shifts));
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}

test('leaving an article releases its announced slots; every view is counted', async () => {
  const { page, article } = await openArticle('tide-mill-turns-again', 1280);
  await readToTheEnd(page);
  await page.waitForFunction(() => window.__folio.filled > 0 && window.__folio.filled === window.__folio.adslot.length);
  const announced = await page.evaluate(() => window.__folio.adslot.map((e) => e.divId).sort());

  const target = sampleArticle('night-ferry-timetable');
  await article.related.getByRole('link', { name: target.headline }).click();
  await article.waitForHeadline(target.headline);
  const destroyed = await page.evaluate(() => window.__folio.destroy);
  assert.deepEqual(destroyed.map((d) => d.divId).sort(), announced);
  assert.ok(destroyed.every((d) => d.articleId === 'tide-mill-turns-again'));

  // The page view follows its page by a task.
  await page.waitForFunction(() => window.__folio.pageview.length === 2);
  const views = await page.evaluate(() => window.__folio.pageview);
  assert.deepEqual(
    views.map(({ articleId, title, section, url }) => ({ articleId, title, section, path: new URL(url).pathname })),
    [
      { articleId: 'tide-mill-turns-again', title: sampleArticle('tide-mill-turns-again').headline, section: 'Local', path: '/articles/tide-mill-turns-again' },
      { articleId: target.id, title: target.headline, section: target.section, path: `/articles/${target.id}` },
    ],
  );
  await page.context().close();
});

test('with requireConsent, no slot is announced until the page grants consent', async () => {
  writeFileSync(CONFIG_PATH, JSON.stringify({ ads: { ...policy, requireConsent: true } }));
  try {
    const { page, article } = await openArticle('harbour-road-cycle-lane', 1280);
    await readToTheEnd(page);
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.__folio.adslot), []);
    assert.ok((await article.adSlots.count()) >= 2, 'the boxes stay reserved');

    await page.evaluate(() => document.documentElement.setAttribute('data-folio-consent', 'granted'));
    await page.waitForFunction(() => window.__folio.adslot.length > 0);
    const announced = await page.evaluate(() => window.__folio.adslot.map((e) => e.slotId));
    assert.equal(new Set(announced).size, announced.length, 'each slot once');
    await page.context().close();
  } finally {
    writeFileSync(CONFIG_PATH, shippedConfig);
  }
});

test('ads.enabled = false renders no slot and reserves no space', async () => {
  writeFileSync(CONFIG_PATH, JSON.stringify({ ads: { enabled: false } }));
  try {
    const { page, article } = await openArticle('tide-mill-turns-again', 375);
    assert.equal(await article.adSlots.count(), 0);
    assert.equal(await page.locator('.ad-slot, .ad-slot__container').count(), 0);
    await page.context().close();
  } finally {
    writeFileSync(CONFIG_PATH, shippedConfig);
  }
});

test('CLS report', () => {
  console.log(report.join('\n'));
});
