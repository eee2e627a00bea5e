// Listing pages: the front page and every section's, topic's and author's, each a chain of
// pages numbered from the oldest, on an archive of 95 articles at ten to a page (the xtask's
// archive site, indexed by `folio index` and prerendered by `folio prerender`).
//
// What is checked against the article files themselves (not against the listing documents):
// every article appears once, newest first, across a listing's pages; links between pages and
// from names to listings navigate without a reload; a prerendered listing page is adopted node
// for node without a layout shift; unknown listings and pages are "not found".

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { holdWasm, launchBrowser, openPage, requireEnv, waitForLive } from './support.mjs';

const ARCHIVE_URL = requireEnv('FOLIO_ARCHIVE_URL');
const ARCHIVE_SITE = requireEnv('FOLIO_ARCHIVE_SITE');

/** Every article of the archive, newest first (ties by id), from the files. */
const articles = readdirSync(join(ARCHIVE_SITE, 'content/articles'))
  .map((file) => JSON.parse(readFileSync(join(ARCHIVE_SITE, 'content/articles', file), 'utf8')))
  .sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.id < b.id ? -1 : 1));

/** How many articles a listing's first page holds, at ten to a page: the newest page's and,
 * when there is one before it, that full page too. */
function firstPageLength(count) {
  return count < 20 ? count : (count % 10) + 10;
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** A listing page as a reader sees it. */
class ListingPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
    this.pages = page.getByRole('navigation', { name: 'Pages' });
  }

  async open(path) {
    await this.page.goto(new URL(path, ARCHIVE_URL).href);
    await waitForLive(this.page);
    await this.page.evaluate(() => {
      window.__noReload = true;
    });
  }

  headlines() {
    return this.page.locator('main .card h2').allTextContents();
  }

  /** Follows the "Older" or "Newer" link and waits for the next page's list. */
  async follow(name) {
    const before = await this.headlines();
    await this.pages.getByRole('link', { name, exact: true }).click();
    await this.page.waitForFunction(
      (first) => document.querySelector('main .card h2')?.textContent !== first,
      before[0],
    );
    await this.page.locator('main .listing-page[aria-busy="false"]').waitFor();
  }

  reloaded() {
    return this.page.evaluate(() => window.__noReload !== true);
  }
}

test('the front page and its older pages list every article once, newest first', async () => {
  assert.equal(articles.length, 95);
  const page = await openPage(browser);
  const listing = new ListingPage(page);
  await listing.open('');
  assert.equal(await listing.heading.textContent(), 'Latest');
  assert.equal(await listing.pages.getByRole('link', { name: 'Newer' }).count(), 0);

  // 95 = 9 full pages and 5: the front page holds 15, then pages 8 down to 1.
  const seen = [...(await listing.headlines())];
  assert.equal(seen.length, 15);
  const paths = [];
  for (let number = 8; number >= 1; number -= 1) {
    await listing.follow('Older');
    paths.push(new URL(page.url()).pathname);
    assert.equal(await listing.heading.textContent(), `Latest Page ${number}`);
    assert.equal(await page.title(), `Latest · Page ${number} · Folio`);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new heading');
    const headlines = await listing.headlines();
    assert.equal(headlines.length, 10);
    seen.push(...headlines);
  }
  assert.deepEqual(paths, [8, 7, 6, 5, 4, 3, 2, 1].map((n) => `/page/${n}`));
  assert.deepEqual(seen, articles.map((article) => article.headline));
  assert.equal(await listing.pages.getByRole('link', { name: 'Older' }).count(), 0, 'page 1 is the oldest');
  assert.equal(await listing.reloaded(), false);

  // Newer, and back and forward, the same way.
  await listing.follow('Newer');
  assert.equal(new URL(page.url()).pathname, '/page/2');
  await page.goBack();
  await page.waitForFunction(() => location.pathname === '/page/1');
  await page.getByRole('heading', { level: 1, name: 'Latest Page 1' }).waitFor();
  for (let number = 2; number <= 8; number += 1) await listing.follow('Newer');
  await listing.follow('Newer');
  assert.equal(new URL(page.url()).pathname, '/', 'the newest numbered page leads to the front page');
  assert.equal(await listing.reloaded(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('section labels, topics and bylines lead to their listings, in any script', async () => {
  const page = await openPage(browser);
  const listing = new ListingPage(page);
  const arabic = articles.find((article) => article.section === 'ثقافة');
  await listing.open(`articles/${arabic.id}`);

  // The section label.
  await page.locator('.article-header .section').getByRole('link', { name: 'ثقافة' }).click();
  await page.getByRole('heading', { level: 1, name: 'ثقافة' }).waitFor();
  assert.equal(decodeURIComponent(new URL(page.url()).pathname), '/sections/ثقافة');
  assert.equal(await page.locator('main .kicker').textContent(), 'Section');
  const inSection = articles.filter((article) => article.section === 'ثقافة');
  assert.deepEqual(await listing.headlines(), inSection.map((article) => article.headline));

  // An author's name, from a card's article.
  await page.locator('main .card h2 a').first().click();
  await page.getByRole('heading', { level: 1, name: inSection[0].headline }).waitFor();
  const author = inSection[0].authors[0].name;
  await page.locator('.byline').getByRole('link', { name: author }).click();
  await page.getByRole('heading', { level: 1, name: author }).waitFor();
  assert.equal(await page.locator('main .kicker').textContent(), 'Author');
  const byAuthor = articles.filter((article) => article.authors?.some((a) => a.name === author));
  assert.equal((await listing.headlines()).length, firstPageLength(byAuthor.length));

  // A topic chip, whose listing has pages of its own.
  await listing.open('articles/harbour-road-cycle-lane');
  await page.locator('footer.tags').getByRole('link', { name: 'Transport' }).click();
  await page.getByRole('heading', { level: 1, name: 'Transport' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/tags/transport');
  const tagged = articles.filter((article) => article.tags?.includes('Transport'));
  const shown = [...(await listing.headlines())];
  while ((await listing.pages.getByRole('link', { name: 'Older' }).count()) > 0) {
    await listing.follow('Older');
    assert.match(new URL(page.url()).pathname, /^\/tags\/transport\/page\/\d+$/);
    shown.push(...(await listing.headlines()));
  }
  assert.deepEqual(shown, tagged.map((article) => article.headline));
  assert.equal(await listing.reloaded(), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a prerendered listing page is adopted node for node, without a layout shift', async () => {
  const page = await openPage(browser, { width: 375, height: 800 });
  await page.addInitScript(readFileSync(new URL('host/layout-shift-meter.js', import.meta.url), 'utf8'));
  const release = await holdWasm(page);
  await page.goto(new URL('page/2', ARCHIVE_URL).href);
  await page.evaluate(() => {
    window.recorded = {
      heading: document.querySelector('h1'),
      card: document.querySelector('.card h2 a'),
      older: document.querySelector('.pagination a[rel="next"]'),
    };
  });
  assert.equal(await page.evaluate(() => Object.values(window.recorded).every(Boolean)), true);
  release();
  await waitForLive(page);
  const adopted = await page.evaluate(() =>
    Object.entries(window.recorded)
      .filter(([, element]) => element.isConnected && !element.closest('#folio-prerendered'))
      .map(([name]) => name),
  );
  assert.deepEqual(adopted, ['heading', 'card', 'older']);
  const cls = await page.evaluate(() => window.__cls);
  assert.equal(cls.value, 0, JSON.stringify(cls.shifts));
  // The adopted link navigates without a reload.
  await page.evaluate(() => {
    window.__noReload = true;
  });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older' }).click();
  await page.waitForFunction(() => location.pathname === '/page/1');
  await page.getByRole('heading', { level: 1, name: 'Latest Page 1' }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without script, the prerendered listing pages link to each other', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARCHIVE_URL);
  assert.equal(await page.locator('main .card').count(), 15);
  await page.getByRole('link', { name: 'Older' }).click();
  await page.waitForURL(/\/page\/8$/);
  assert.equal(await page.locator('main .card').count(), 10);
  assert.equal(await page.title(), 'Latest · Page 8 · Folio');
  await context.close();
});

test('a listing or page that does not exist is "not found"', async () => {
  const page = await openPage(browser);
  for (const path of ['sections/no-such-section', 'page/99', 'tags/transport/page/99']) {
    await page.goto(new URL(path, ARCHIVE_URL).href);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
