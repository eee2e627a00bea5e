// Getting around in every engine: related links that change the article without a reload,
// back and forward with the scroll position restored, the not-found page, and the error view
// whose Retry loads the article once the server has it right.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { SITE_URL, articleUrl, clickText, openArticle, removeArticle, sampleArticle, test, useEngine, waitForHeadline, writeArticle } from './support.mjs';

const engine = useEngine();
const FIXTURES = new URL('../fixtures/e2e/', import.meta.url);
const LONG_READ = sampleArticle('lighthouse-keepers-ledger');
const FERRY = sampleArticle('night-ferry-timetable');

/** Marks the page, so a test can tell a client-side page change from a page load. */
const mark = (page) => page.evaluate(() => (window.__folioMark = true));
const reloaded = (page) => page.evaluate(() => window.__folioMark !== true);

test('a related link changes the article and the address without a reload, and focuses the headline', async () => {
  const page = await engine.open();
  await openArticle(page, LONG_READ.id);
  await mark(page);
  await clickText(page, '.related a', FERRY.headline);
  await waitForHeadline(page, FERRY.headline);
  assert.equal(await page.url(), articleUrl(FERRY.id));
  assert.equal(await reloaded(page), false);
  assert.deepEqual(await page.evaluate(() => [document.title, document.activeElement?.tagName]), [`${FERRY.headline} · Folio`, 'H1']);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('back and forward return to each article where the reader left it', async () => {
  const page = await engine.open({ width: 1280, height: 800 });
  await openArticle(page, LONG_READ.id);
  await mark(page);
  // Down to the related links, as a reader scrolls. (A WebDriver click scrolls its element into
  // view again: where the reader was is where the page was when the click came.)
  await page.evaluate(() => {
    document.querySelector('.related').scrollIntoView();
    document.addEventListener('click', () => (window.__scrolledTo = Math.round(window.scrollY)), { capture: true, once: true });
  });
  await clickText(page, '.related a', FERRY.headline);
  await waitForHeadline(page, FERRY.headline);
  const scrolledTo = await page.evaluate(() => window.__scrolledTo);
  assert.ok(scrolledTo > 2000, `scrolled to ${scrolledTo}`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'a followed link starts at the top');

  await page.back();
  await waitForHeadline(page, LONG_READ.headline);
  await page.waitFor((y) => Math.abs(window.scrollY - y) < 2, scrolledTo);
  assert.equal(await page.url(), articleUrl(LONG_READ.id));

  await page.forward();
  await waitForHeadline(page, FERRY.headline);
  await page.waitFor(() => window.scrollY === 0);
  assert.equal(await reloaded(page), false, 'history moved within the page');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a missing article and an unknown address show the not-found page, without Retry', async () => {
  const page = await engine.open();
  for (const path of ['articles/no-such-article', 'no/such/page']) {
    await page.goto(new URL(path, SITE_URL).href);
    await waitForHeadline(page, 'Page not found');
    assert.deepEqual(await page.evaluate(() => [document.title, document.querySelectorAll('.notice button').length]), ['Page not found · Folio', 0]);
  }
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a damaged article shows the error view, and Retry shows it once the file is fixed', async () => {
  const id = 'broken-then-fixed';
  writeArticle(id, readFileSync(new URL('malformed.json', FIXTURES)));
  try {
    const page = await engine.open();
    await page.goto(articleUrl(id));
    await waitForHeadline(page, "This article couldn't be loaded");
    const [alert, details] = await page.evaluate(() => [document.querySelector('.notice [role="alert"]').textContent, document.querySelector('.notice details').textContent]);
    assert.match(alert, /damaged/);
    assert.match(details, /not valid JSON/);

    writeArticle(id, readFileSync(new URL('fixed.json', FIXTURES)));
    await clickText(page, '.notice button', 'Retry');
    await waitForHeadline(page, 'The corrected file is served');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.article-body > p')].map((p) => p.textContent)), ['The retry found a good document.']);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  } finally {
    removeArticle(id);
  }
});
