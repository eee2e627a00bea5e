// Live coverage: an article whose updates arrive while it is open. The test server adds updates
// to the document while the page is on screen; Playwright's clock stands in for the minutes a
// reader would wait, so the test drives the page's checks without waiting them out. The server
// (`folio serve`, as the deploy recipes do) sends an ETag and answers an unchanged document's
// revalidation with 304, and logs `<path> <status>` for each document it answers.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import { ArticlePage, SCREENSHOTS, SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, requireEnv, sampleArticle, violations } from './support.mjs';

const LOG = requireEnv('FOLIO_FAULTS_LOG');
const PLAN = requireEnv('FOLIO_FAULTS_PLAN');
const ID = 'live-harbour-swim';
const PATH = `/content/articles/${ID}.json`;
/** The sample: an ended coverage of 40 updates, one pinned. */
const SAMPLE = 'harbour-ward-by-election-count';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => {
  removeArticle(ID);
  writeFileSync(PLAN, '{}');
  return browser?.close();
});
beforeEach(() => writeFileSync(PLAN, '{}'));

/** An update `n` minutes after the start, with two paragraphs (enough to scroll through). */
function update(n, headline) {
  const minute = String(n % 60).padStart(2, '0');
  const hour = String(7 + Math.floor(n / 60)).padStart(2, '0');
  return {
    id: `m${n}`,
    time: `2026-12-06T${hour}:${minute}:00Z`,
    ...(headline ? { headline } : {}),
    body: [
      { type: 'paragraph', content: `Swimmers passed the ${n}-minute mark off the harbour wall, where the water is eleven degrees.` },
      { type: 'paragraph', content: 'Marshals in kayaks keep the line between the breakwater and the lifeboat slip clear.' },
    ],
  };
}

/** Writes the live document with updates `first..=last` (newest first) and `extra` fields. */
function publish(first, last, extra = {}) {
  const updates = [];
  for (let n = last; n >= first; n--) updates.push(update(n, n % 5 === 0 ? `${n} minutes in` : undefined));
  const article = {
    version: 1,
    id: ID,
    headline: 'The winter harbour swim, live',
    published: '2026-12-06T07:00:00Z',
    body: [{ type: 'paragraph', content: 'Two hundred swimmers cross the harbour this morning.' }],
    live: { status: 'live', refreshSeconds: 5, updates, ...extra },
  };
  writeFileSync(join(SITE_DIR, 'content/articles', `${ID}.json`), JSON.stringify(article));
}

/** The statuses the server answered for the live document, in order. */
function answers() {
  return readFileSync(LOG, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${PATH} `))
    .map((line) => Number(line.split(' ')[1]));
}

/** The number of requests for the live document so far (the log's bare path lines). */
function requests() {
  return readFileSync(LOG, 'utf8').split('\n').filter((line) => line === PATH).length;
}

/** Real time for the page to act on what it has (answers arrive on the real network). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/**
 * Advances the page's clock by `quiet` ms, in which no request for the document may go out,
 * then one second at a time until one does (at most `limit` ms in all), and returns the
 * milliseconds it took.
 */
async function untilNextCheck(page, { quiet = 0, limit = 20_000 } = {}) {
  const before = requests();
  if (quiet > 0) {
    await page.clock.runFor(quiet);
    await settle();
    assert.equal(requests(), before, `a check within ${quiet} ms`);
  }
  for (let waited = quiet + 1000; waited <= limit; waited += 1000) {
    await page.clock.runFor(1000);
    await settle();
    if (requests() > before) return waited;
  }
  assert.fail(`no check within ${limit} ms`);
}

/** Opens the live article with the clock installed, then stops the clock. */
async function openLive({ width = 1280 } = {}) {
  const page = await openPage(browser, { width, height: 800 });
  await page.clock.install();
  await page.addInitScript(() => {
    window.unexpectedShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.unexpectedShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(new URL(`articles/${ID}`, SITE_URL).href);
  await new ArticlePage(page).waitForHeadline('The winter harbour swim, live');
  await page.locator('.live-update').first().waitFor();
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 10));
  return page;
}

const shownIds = (page) => page.locator('.live__updates .live-update').evaluateAll((updates) => updates.map((update) => update.id));

test('checks no faster than every 15 s whatever the document asks, unchanged checks are 304s, and new updates at the top appear in place', async () => {
  writeFileSync(LOG, '');
  publish(1, 30);
  const page = await openLive();
  assert.equal(await page.locator('.live__status').textContent(), 'Live');
  // The document asks for 5 s; the page waits 15.
  await untilNextCheck(page);
  const spacing = [];
  for (let check = 0; check < 3; check++) spacing.push(await untilNextCheck(page, { quiet: 13_000 }));
  for (const waited of spacing) assert.ok(waited >= 14_000 && waited <= 16_000, `checks ${JSON.stringify(spacing)} ms apart`);
  // The first load was a 200; every check of the unchanged document a 304 without a body.
  assert.deepEqual(answers(), [200, 304, 304, 304, 304]);

  // Two updates arrive while the reader is at the top: shown at once, newest first, in place.
  publish(1, 32);
  await untilNextCheck(page, { quiet: 13_000 });
  await page.locator('#update-m32').waitFor();
  assert.deepEqual((await shownIds(page)).slice(0, 3), ['update-m32', 'update-m31', 'update-m30']);
  assert.equal(await page.getByRole('button', { name: /new update/ }).count(), 0);
  assert.equal(answers().at(-1), 200);
  // And the screen reader hears of them.
  await page.clock.runFor(100);
  assert.equal(await page.getByRole('status').textContent(), '2 new updates');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('further down, new updates wait behind a button: nothing the reader looks at moves until they ask', async () => {
  publish(1, 30);
  const page = await openLive({ width: 375 });
  // The reader is reading the twentieth update from the top.
  const reading = page.locator('#update-m11');
  await reading.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.clock.runFor(100);
  const before = await page.evaluate(() => ({ y: window.scrollY, top: document.getElementById('update-m11').getBoundingClientRect().top }));

  publish(1, 33);
  await untilNextCheck(page, { quiet: 0 });
  const button = page.getByRole('button', { name: '3 new updates' });
  await button.waitFor();
  const during = await page.evaluate(() => ({ y: window.scrollY, top: document.getElementById('update-m11').getBoundingClientRect().top }));
  assert.deepEqual(during, before, 'the reader’s position does not move');
  assert.equal(await page.locator('#update-m33').count(), 0, 'not shown until asked');
  assert.equal(await page.evaluate(() => window.unexpectedShift), 0);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL('live-new-updates-button-375.png', SCREENSHOTS).pathname });

  // Asked: the updates at the top, the newest taking the keyboard.
  await button.click();
  await page.clock.runFor(100);
  await page.waitForFunction(() => document.activeElement?.id === 'update-m33');
  assert.deepEqual((await shownIds(page)).slice(0, 4), ['update-m33', 'update-m32', 'update-m31', 'update-m30']);
  const top = await page.locator('.live').evaluate((live) => live.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 2, `the list's top is in view: ${top}`);
  assert.equal(await button.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('after failed checks the page waits longer each time, and when the coverage ends it stops', async () => {
  publish(1, 30);
  const page = await openLive();
  await untilNextCheck(page);
  // The server fails the next two checks: the waits double (15 s, then 30 s, then 60 s).
  writeFileSync(PLAN, JSON.stringify({ [PATH]: 'fail:2' }));
  const waits = [
    await untilNextCheck(page, { quiet: 13_000 }),
    await untilNextCheck(page, { quiet: 28_000, limit: 40_000 }),
    await untilNextCheck(page, { quiet: 58_000, limit: 70_000 }),
  ];
  assert.ok(waits[0] <= 16_000 && waits[1] <= 31_000 && waits[2] <= 61_000, `waits ${JSON.stringify(waits)}`);
  // Back to the interval after a good answer.
  assert.ok((await untilNextCheck(page, { quiet: 13_000 })) <= 16_000);

  // The coverage ends: said on the page, and no more checks.
  publish(1, 31, { status: 'ended' });
  await untilNextCheck(page, { quiet: 13_000 });
  await page.locator('#update-m31').waitFor();
  assert.equal(await page.locator('.live__status').textContent(), 'Live coverage has ended');
  const checks = requests();
  await page.clock.runFor(120_000);
  await settle();
  assert.equal(requests(), checks, 'no check after the end');
  await page.context().close();
});

test('the live sample at 375 and 1280 px, light and dark: pinned result first, 40 updates newest first, each with its own address; JSON-LD LiveBlogPosting; axe finds nothing', async () => {
  const json = sampleArticle(SAMPLE);
  const newestFirst = [...json.live.updates].sort((a, b) => b.time.localeCompare(a.time)).map((update) => `update-${update.id}`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    for (const theme of ['light', 'dark']) {
      const label = `${width} px, ${theme}`;
      const page = await openPage(browser, { width, height: 900 });
      await page.goto(new URL(`articles/${SAMPLE}`, SITE_URL).href);
      await new ArticlePage(page).waitForHeadline(json.headline);
      await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), theme);
      const live = page.getByRole('region', { name: 'Latest updates' });
      assert.equal(await live.locator('.live__status').textContent(), 'Live coverage has ended', label);
      const pinned = live.locator('.live-update--pinned');
      assert.equal(await pinned.getAttribute('id'), `update-${json.live.pinned}`, label);
      assert.match(await pinned.textContent(), /Pinned/, label);
      const listed = await shownIds(page);
      assert.equal(listed.length, 39, label);
      assert.deepEqual(listed, newestFirst.filter((id) => id !== `update-${json.live.pinned}`), label);
      assert.deepEqual(await violations(page), [], label);
      await page.screenshot({ path: new URL(`${SAMPLE}-${theme}-${width}.png`, SCREENSHOTS).pathname, fullPage: width === 1280 });
      assert.deepEqual(page.errors, [], label);
      await page.context().close();
    }
  }

  // Each update's time links to it; the address opens the page there.
  const page = await openPage(browser, { width: 1280, height: 900 });
  const update = json.live.updates[10];
  await page.goto(new URL(`articles/${SAMPLE}#update-${update.id}`, SITE_URL).href);
  await new ArticlePage(page).waitForHeadline(json.headline);
  const target = page.locator(`#update-${update.id}`);
  await page.waitForFunction((id) => {
    const top = document.getElementById(id).getBoundingClientRect().top;
    return top >= -1 && top < 10;
  }, `update-${update.id}`);
  assert.match(await target.getByRole('link').first().getAttribute('href'), new RegExp(`/articles/${SAMPLE}#update-${update.id}$`));

  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(ld['@type'], 'LiveBlogPosting');
  assert.equal(ld.coverageStartTime, json.published);
  assert.equal(ld.liveBlogUpdate.length, 40);
  assert.equal(ld.coverageEndTime, json.live.updates.map((u) => u.time).sort().at(-1));
  const first = ld.liveBlogUpdate[0];
  assert.equal(first['@type'], 'BlogPosting');
  assert.match(first.url, /#update-u40-0310$/);
  assert.equal(first.headline, 'That\'s all from the count');
  await page.context().close();
});
