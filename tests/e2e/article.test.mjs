// The release build renders every sample article: headline, dek, every paragraph, ad slots.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_DIR, launchBrowser, openPage, plainText, sampleArticle } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const sampleIds = readdirSync(join(SITE_DIR, 'content/articles'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));

test('there are at least six sample articles', () => {
  assert.ok(sampleIds.length >= 6, `found ${sampleIds.join(', ')}`);
});

for (const id of sampleIds) {
  test(`sample article "${id}" renders headline, dek, paragraphs and ad slots`, async () => {
    const json = sampleArticle(id);
    const page = await openPage(browser);
    const article = new ArticlePage(page);
    await article.open(id);
    await article.waitForHeadline(json.headline);

    assert.equal(await page.title(), `${json.headline} · Folio`);
    if (json.dek) {
      assert.equal(await page.locator('.dek').first().textContent(), json.dek);
    }
    const expected = json.body.filter((b) => b.type === 'paragraph').map((b) => plainText(b.content));
    assert.deepEqual(await article.paragraphs(), expected);

    if (json.language) {
      assert.equal(await article.article.getAttribute('lang'), json.language);
      const rtl = /^(ar|he|fa|ur)\b/.test(json.language);
      assert.equal(await article.article.getAttribute('dir'), rtl ? 'rtl' : 'ltr');
    }

    // Top, bottom and every explicit `ad` block at least (ads.test.mjs checks the placement).
    const explicitAds = json.body.filter((b) => b.type === 'ad').length;
    const slots = await article.adSlots.count();
    if (json.ads === false) {
      assert.equal(slots, 0);
    } else {
      assert.ok(slots >= 2 + explicitAds, `${slots} slots`);
    }
    // Labelled in the article's language ("Advertisement" in English, "إعلان" in Arabic).
    const label = /^ar\b/.test(json.language ?? '') ? 'إعلان' : 'Advertisement';
    for (const slot of await article.adSlots.all()) {
      assert.equal(await slot.textContent(), label);
      // The box is reserved before anything fills it.
      const box = await slot.locator('.ad-slot__container').boundingBox();
      assert.ok(box && box.height >= 50 && box.width >= 300, `slot box ${JSON.stringify(box)}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('the top slot is 320×50 on a phone and 728×90 on a desktop', async () => {
  for (const [width, expected] of [[375, { width: 320, height: 50 }], [1280, { width: 728, height: 90 }]]) {
    const page = await openPage(browser, { width });
    const article = new ArticlePage(page);
    await article.open('tide-mill-turns-again');
    await article.waitForHeadline(sampleArticle('tide-mill-turns-again').headline);
    const box = await page.locator('.ad-slot__container[data-slot-id="top"]').boundingBox();
    assert.deepEqual({ width: box.width, height: box.height }, expected, `at ${width} px`);
    await page.context().close();
  }
});

test('images reserve their box before they load, and body images load lazily', async () => {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  await article.open('night-ferry-timetable');
  await article.waitForHeadline(sampleArticle('night-ferry-timetable').headline);
  const images = await page.locator('article img').evaluateAll((imgs) =>
    imgs.map((img) => ({ width: img.getAttribute('width'), height: img.getAttribute('height'), loading: img.loading })),
  );
  assert.ok(images.length >= 2);
  for (const image of images) {
    assert.ok(Number(image.width) > 0 && Number(image.height) > 0, JSON.stringify(image));
  }
  assert.equal(images[0].loading, 'eager');
  assert.ok(images.slice(1).every((image) => image.loading === 'lazy'));
  await page.context().close();
});

