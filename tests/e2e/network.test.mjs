// Bad networks, from the test server's fault injection: a stall and a slow drip time out, a
// dropped connection and a 500 are retried, a 404 is not, and when a reader clicks through
// related links quickly the page only ever shows the article in the address.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import { ArticlePage, SITE_DIR, launchBrowser, openPage, requireEnv as env, sampleArticle } from './support.mjs';

const PLAN = env('FOLIO_FAULTS_PLAN');
const LOG = env('FOLIO_FAULTS_LOG');
const CONFIG_PATH = join(SITE_DIR, 'folio.config.json');
const shippedConfig = readFileSync(CONFIG_PATH, 'utf8');
const ERROR_HEADLINE = "This article couldn't be loaded";

const articlePath = (id) => `/content/articles/${id}.json`;
const plan = (faults) => writeFileSync(PLAN, JSON.stringify(faults));
const requestsFor = (path) => readFileSync(LOG, 'utf8').split('\n').filter((line) => line === path).length;

let browser;
before(async () => {
  browser = await launchBrowser();
  // Short enough for a test, as a publisher could set it.
  writeFileSync(CONFIG_PATH, JSON.stringify({ network: { timeoutMs: 1500, retries: 1 } }));
});
beforeEach(() => {
  plan({});
  writeFileSync(LOG, '');
});
after(async () => {
  plan({});
  writeFileSync(CONFIG_PATH, shippedConfig);
  await browser?.close();
});

async function openArticle(id) {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  await article.open(id);
  return { page, article };
}

for (const [fault, message] of [
  ['stall', /taking too long/],
  ['drip', /taking too long/],
  ['drop', /couldn't reach the server/],
]) {
  test(`a ${fault} is retried once, then shown as an error that can be retried`, async () => {
    const id = 'harbour-road-cycle-lane';
    plan({ [articlePath(id)]: fault });
    const { page, article } = await openArticle(id);
    await article.waitForHeadline(ERROR_HEADLINE);
    assert.match(await page.getByRole('alert').textContent(), message);
    assert.equal(requestsFor(articlePath(id)), 2, 'one try and one retry');

    plan({});
    await page.getByRole('button', { name: 'Retry' }).click();
    await article.waitForHeadline(sampleArticle(id).headline);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('a 500 followed by a 200: the retry shows the article', async () => {
  const id = 'tide-mill-turns-again';
  plan({ [articlePath(id)]: 'fail:1' });
  const { page, article } = await openArticle(id);
  await article.waitForHeadline(sampleArticle(id).headline);
  assert.equal(requestsFor(articlePath(id)), 2);
  await page.context().close();
});

test('a 404 is final: no retry', async () => {
  const { page, article } = await openArticle('not-there-at-all');
  await article.waitForHeadline('Page not found');
  await page.waitForTimeout(1200);
  assert.equal(requestsFor(articlePath('not-there-at-all')), 1);
  await page.context().close();
});

test('rapid clicks: the last one wins, and the superseded request is aborted', async () => {
  const slow = sampleArticle('night-ferry-timetable');
  const fast = sampleArticle('lighthouse-keepers-ledger');
  plan({ [articlePath(slow.id)]: 'late:1200' });
  const page = await openPage(browser);
  // Watch (not replace) fetch: note every request cancelled by the app (a timeout's abort
  // has the reason TimeoutError and is not a cancellation).
  await page.addInitScript(() => {
    window.__aborted = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      const signal = init?.signal ?? input.signal;
      const url = new URL(input.url ?? input, location.href).pathname;
      signal?.addEventListener('abort', () => {
        if (signal.reason?.name === 'AbortError') window.__aborted.push(url);
      });
      return fetch(input, init);
    };
  });
  const article = new ArticlePage(page);
  await article.open('tide-mill-turns-again');
  await article.waitForHeadline(sampleArticle('tide-mill-turns-again').headline);

  // The second click comes while the first article is still on its way.
  const slowRequest = page.waitForRequest((request) => request.url().endsWith(articlePath(slow.id)));
  await article.related.getByRole('link', { name: slow.headline }).click();
  await slowRequest;
  await article.related.getByRole('link', { name: fast.headline }).click();
  await article.waitForHeadline(fast.headline);
  assert.equal(new URL(page.url()).pathname, `/articles/${fast.id}`);
  // Long after the slow answer would have arrived, the page still shows the article in the URL.
  await page.waitForTimeout(1800);
  assert.equal(await article.headline.textContent(), fast.headline);
  assert.equal(new URL(page.url()).pathname, `/articles/${fast.id}`);
  const aborted = await page.evaluate(() => window.__aborted);
  assert.ok(aborted.includes(articlePath(slow.id)), `aborted: ${aborted.join(', ')}`);
  assert.ok(!aborted.includes(articlePath(fast.id)), 'the request that won is not aborted');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
