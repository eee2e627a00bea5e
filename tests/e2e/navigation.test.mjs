// Client-side navigation in Chromium: links written without a leading slash, external links,
// which clicks the viewer follows, the skip link, and links opening in a new tab
// (tests/engines/navigation.test.mjs follows links, back and forward in every engine).

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_DIR, launchBrowser, openPage, sampleArticle } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Opens article `id` and marks the page, so a test can tell a client-side page change from a
 * page load (which wipes the mark). */
async function openMarked(id) {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  await article.open(id);
  await article.waitForHeadline(sampleArticle(id).headline);
  await page.evaluate(() => {
    window.__folioMark = true;
  });
  return { page, article };
}

/** Whether the page was loaded again since `openMarked`. */
function reloaded(page) {
  return page.evaluate(() => window.__folioMark !== true);
}

test('related links written without a leading slash are internal too', async () => {
  const { page, article } = await openMarked('tide-mill-turns-again');
  const link = article.related.getByRole('link', { name: "The lighthouse keeper's ledger" });
  assert.equal(await link.getAttribute('href'), '/articles/lighthouse-keepers-ledger');
  await link.click();
  await article.waitForHeadline("The lighthouse keeper's ledger");
  assert.equal(await reloaded(page), false);
  await page.context().close();
});

test('after a related link, no image shows the last article’s picture while its own is on its way', async () => {
  // The viewer's own render of one article (the first, prerendered, is adopted as it is), then
  // a related link from it to an article whose pictures arrive late, as on a slow network.
  const { page, article } = await openMarked('lighthouse-keepers-ledger');
  const ferry = sampleArticle('night-ferry-timetable');
  await article.related.getByRole('link', { name: ferry.headline }).click();
  await article.waitForHeadline(ferry.headline);
  await page.waitForFunction(() => document.querySelector('main article img')?.complete);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/content\/images\/bike-lane\.svg$/, async (route) => {
    await held;
    await route.continue();
  });
  const next = sampleArticle('harbour-road-cycle-lane');
  await article.related.getByRole('link', { name: next.headline }).click();
  await article.waitForHeadline(next.headline);
  // Each image's box is in its own declared proportions: an image still showing the last
  // article's picture would have that picture's, and change when its own arrives.
  const proportions = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('main article img')].map((image) => {
        const box = image.getBoundingClientRect();
        const declared = Number(image.getAttribute('width')) / Number(image.getAttribute('height'));
        return { src: image.getAttribute('src'), declared, shown: box.width / box.height, eager: image.loading === 'eager' };
      }),
    );
  for (const image of await proportions()) {
    assert.ok(Math.abs(image.shown / image.declared - 1) < 0.01, `${image.src} is shown ${image.shown.toFixed(3)}:1, declared ${image.declared.toFixed(3)}:1`);
  }
  release();
  await page.waitForFunction(() => [...document.querySelectorAll('main article img[loading="eager"]')].every((image) => image.complete));
  for (const image of (await proportions()).filter((image) => image.eager)) {
    assert.ok(Math.abs(image.shown / image.declared - 1) < 0.01, `${image.src}, loaded, is shown ${image.shown.toFixed(3)}:1, declared ${image.declared.toFixed(3)}:1`);
  }
  assert.equal(await reloaded(page), false);
  await page.context().close();
});

test('external links are ordinary links that share no opener or referrer', async () => {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  await article.open('tide-mill-turns-again');
  await article.waitForHeadline(sampleArticle('tide-mill-turns-again').headline);
  const external = article.related.getByRole('link', { name: 'Tide tables and almanacs (external)' });
  assert.equal(await external.getAttribute('href'), 'https://tides.example.org/carrow');
  assert.equal(await external.getAttribute('rel'), 'noopener noreferrer');
  await page.context().close();
});

test('the viewer follows plain clicks on links to its own pages and leaves every other click to the browser', async () => {
  const { page, article } = await openMarked('tide-mill-turns-again');
  const target = sampleArticle('night-ferry-timetable');
  const related = article.related.getByRole('link', { name: target.headline });

  // A modified click opens the article in a new tab; this page stays where it was.
  const [opened] = await Promise.all([page.context().waitForEvent('page'), related.click({ modifiers: ['ControlOrMeta'] })]);
  await opened.waitForURL(/\/articles\/night-ferry-timetable$/);
  await opened.close();
  assert.equal(new URL(page.url()).pathname, '/articles/tide-mill-turns-again');

  // The site's name, in the header, goes to the front page without a reload.
  await page.locator('.site-header').getByRole('link', { name: 'Folio' }).click();
  await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await reloaded(page), false);

  // A link marked rel="external" is a page load, even to one of the app's own pages.
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: 'articles/night-ferry-timetable', rel: 'external', id: 'leave', textContent: 'leave' });
    document.querySelector('main').append(link);
  });
  await page.locator('#leave').click();
  await article.waitForHeadline(target.headline);
  assert.equal(await reloaded(page), true, 'a new page');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the skip link moves focus to the main content', async () => {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  await article.open('harbour-road-cycle-lane');
  await article.waitForHeadline(sampleArticle('harbour-road-cycle-lane').headline);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.equal(new URL(page.url()).pathname, '/articles/harbour-road-cycle-lane');
  await page.context().close();
});

test('links.external = "new-tab" opens links to other sites in a new tab', async () => {
  const configPath = join(SITE_DIR, 'folio.config.json');
  const shipped = readFileSync(configPath, 'utf8');
  writeFileSync(configPath, JSON.stringify({ links: { external: 'new-tab' } }));
  try {
    const page = await openPage(browser);
    const article = new ArticlePage(page);
    await article.open('tide-mill-turns-again');
    await article.waitForHeadline(sampleArticle('tide-mill-turns-again').headline);
    const external = article.related.getByRole('link', { name: 'Tide tables and almanacs (external)' });
    assert.equal(await external.getAttribute('target'), '_blank');
    assert.equal(await external.getAttribute('rel'), 'noopener noreferrer');
    const internal = article.related.getByRole('link', { name: 'How the night ferry timetable is built' });
    assert.equal(await internal.getAttribute('target'), null);
    await internal.click();
    await article.waitForHeadline('How the night ferry timetable is built');
    const embed = page.locator('.embed-card a');
    assert.equal(await embed.getAttribute('href'), 'https://video.example.org/watch/night-crossing');
    assert.equal(await embed.getAttribute('target'), '_blank');
    assert.equal(await embed.getAttribute('rel'), 'noopener noreferrer');
    await page.context().close();
  } finally {
    writeFileSync(configPath, shipped);
  }
});
