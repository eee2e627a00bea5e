// Reading offline with Folio's service worker (src/sw.js, docs/offline.md), in Chromium.
//
// The site is served by a server this file can stop and start again (FOLIO_OFFLINE_CONTROL):
// stopping it takes the network away from the page and from the service worker alike, which
// page-level offline emulation does not. The server can also come back with a second build
// (the same site with another stylesheet, so new hashed names and a new worker).

import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';

import { ArticlePage, launchBrowser, openPage, plainText, requireEnv, waitForLive, waitUntil } from './support.mjs';

const SITE = requireEnv('FOLIO_OFFLINE_URL');
const CONTROL = requireEnv('FOLIO_OFFLINE_CONTROL');
const SITE_DIR = requireEnv('FOLIO_OFFLINE_SITE');
const CONFIG = join(SITE_DIR, 'folio.config.json');
const ORIGINAL_CONFIG = readFileSync(CONFIG, 'utf8');

/** Serves the first or second build again, or stops serving (`down`). */
async function server(state) {
  const response = await fetch(new URL(state === 'down' ? 'down' : `up/${state}`, CONTROL));
  assert.equal(response.status, 200, `the control server could not go ${state}`);
}

function article(id) {
  return JSON.parse(readFileSync(join(SITE_DIR, 'content/articles', `${id}.json`), 'utf8'));
}

const TIDE_MILL = article('tide-mill-turns-again');
const FERRY = article('night-ferry-timetable');
const LEDGER = article('lighthouse-keepers-ledger');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());
afterEach(async () => {
  writeFileSync(CONFIG, ORIGINAL_CONFIG);
  await server('first');
});

/** A page with the service worker allowed. */
async function workerPage() {
  return openPage(browser, { serviceWorker: true });
}

/** Waits until the service worker controls the page and has saved the article `id`. The
 * page registers the worker once the reader does something (or after seconds of quiet): a key
 * press, once the viewer runs, is that something. */
async function waitUntilSaved(page, id) {
  await waitForLive(page);
  await page.waitForLoadState('load');
  await page.keyboard.press('Shift');
  return waitUntil(
    page,
    async (id) =>
      navigator.serviceWorker.controller !== null &&
      (await (await caches.open('folio-articles')).keys()).some((request) => request.url.endsWith(`/${id}.json`)),
    id,
  );
}

/** In the page: whether the worker's note that the server answers `address` with the app
 * shell (`src/sw.js`, the `folio-routes-<build>` cache) is there as `expected`. */
async function shellNoted({ address, expected }) {
  let noted = false;
  for (const name of (await caches.keys()).filter((name) => name.startsWith('folio-routes-'))) {
    noted ||= !!(await (await caches.open(name)).match(address));
  }
  return noted === expected;
}

/** The site's name, as the page's header shows it. */
function siteName(page) {
  return page.locator('header').getByRole('link').first().innerText();
}

function savedCopyNote(page) {
  return page.locator('.saved-copy');
}

test('offline: the articles read and the front page open from their saved copies, with a note; an unread one lists them', async () => {
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(SITE);
  await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  await waitForLive(page);
  await page.getByRole('link', { name: TIDE_MILL.headline }).first().click();
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntilSaved(page, 'tide-mill-turns-again');
  await reader.related.getByRole('link', { name: FERRY.headline }).click();
  await reader.waitForHeadline(FERRY.headline);
  await waitUntilSaved(page, 'night-ferry-timetable');
  await waitUntil(page, async () =>
    (await (await caches.open('folio-documents')).keys()).some((request) => request.url.endsWith('/content/index.json')),
  );
  assert.equal(await savedCopyNote(page).count(), 0, 'online, no article is a saved copy');

  await server('down');
  await page.reload();
  await reader.waitForHeadline(FERRY.headline);
  assert.match(await savedCopyNote(page).innerText(), /^Offline: saved copy from /);
  assert.deepEqual(
    (await reader.paragraphs()).slice(0, 2).map((text) => text.trim()),
    FERRY.body.filter((block) => block.type === 'paragraph').slice(0, 2).map((block) => plainText(block.content)),
  );
  const hero = page.locator('article img').first();
  assert.ok(await hero.evaluate((image) => image.complete && image.naturalWidth > 0), 'the saved hero image shows');

  await page.goBack();
  await reader.waitForHeadline(TIDE_MILL.headline);
  assert.match(await savedCopyNote(page).innerText(), /^Offline: saved copy from /);
  await page.goto(SITE);
  await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  await page.getByRole('link', { name: TIDE_MILL.headline }).first().waitFor();

  await page.goto(new URL('articles/lighthouse-keepers-ledger', SITE).href);
  const notice = page.getByRole('alert');
  await notice.waitFor();
  assert.match(await notice.innerText(), /offline, and this page was not saved/);
  const saved = page.getByRole('region', { name: 'Saved for reading offline' });
  await saved.getByRole('link').first().waitFor();
  // The most recently read first: the tide mill, read again offline.
  assert.deepEqual(await saved.getByRole('link').allInnerTexts(), [TIDE_MILL.headline, FERRY.headline]);
  assert.equal(await page.getByRole('link', { name: LEDGER.headline }).count(), 0);
  await saved.getByRole('link', { name: TIDE_MILL.headline }).click();
  await reader.waitForHeadline(TIDE_MILL.headline);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new build: the page is told, and the next navigation loads it whole, never mixing the builds', async () => {
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(new URL('articles/tide-mill-turns-again', SITE).href);
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntilSaved(page, 'tide-mill-turns-again');
  const buildMark = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--folio-test-build').trim());
  assert.equal(await buildMark(), '');

  await server('second');
  // What the browser does on its own at the next visit, or a long-open page now and then.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForFunction(() => document.documentElement.dataset.folioUpdate === 'ready');
  assert.equal(await buildMark(), '', 'the open page keeps its build until it navigates');

  await reader.related.getByRole('link', { name: FERRY.headline }).click();
  await reader.waitForHeadline(FERRY.headline);
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--folio-test-build').trim() !== '');
  assert.equal(await buildMark(), '"second"');
  assert.equal(new URL(page.url()).pathname, '/articles/night-ferry-timetable');
  const state = await page.evaluate(async () => {
    const shells = (await caches.keys()).filter((name) => name.startsWith('folio-shell-'));
    const shell = await caches.open(shells[0]);
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    return {
      shells: shells.length,
      cached: (await shell.keys()).map((request) => new URL(request.url).pathname),
      loaded: loaded.filter((path) => path.startsWith('/assets/')),
      controlled: navigator.serviceWorker.controller?.scriptURL ?? '',
    };
  });
  assert.equal(state.shells, 1, 'the old build’s cache is gone');
  const stylesheet = await page.evaluate(() => new URL(document.querySelector('link[rel=stylesheet]').href).pathname);
  assert.ok(state.cached.includes(stylesheet), `${stylesheet} in ${state.cached}`);
  for (const path of state.loaded) {
    assert.ok(state.cached.includes(path), `${path} is the new build's (${state.cached})`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('online, the configuration is always the server’s, never a saved copy', async () => {
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(new URL('articles/tide-mill-turns-again', SITE).href);
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntilSaved(page, 'tide-mill-turns-again');
  assert.equal(await siteName(page), 'Folio');

  writeFileSync(CONFIG, JSON.stringify({ ...JSON.parse(ORIGINAL_CONFIG), siteName: 'The Evening Folio' }));
  await page.reload();
  await reader.waitForHeadline(TIDE_MILL.headline);
  assert.equal(await siteName(page), 'The Evening Folio');
  assert.equal(await page.title(), `${TIDE_MILL.headline} · The Evening Folio`);
  await page.context().close();
});

test('the worker hides no answer of the server’s: a deleted article is not found, and a saved copy only stands in for no answer', async () => {
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(new URL('articles/lantern-workshop', SITE).href);
  const lantern = article('lantern-workshop');
  await reader.waitForHeadline(lantern.headline);
  await waitUntilSaved(page, 'lantern-workshop');

  const file = join(SITE_DIR, 'content/articles/lantern-workshop.json');
  renameSync(file, `${file}.gone`);
  try {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await savedCopyNote(page).count(), 0);
    const stillSaved = await page.evaluate(async () =>
      (await (await caches.open('folio-articles')).keys()).some((request) => request.url.endsWith('/lantern-workshop.json')),
    );
    assert.equal(stillSaved, false, 'a deleted article is not kept');
  } finally {
    renameSync(`${file}.gone`, file);
  }
  await page.context().close();
});

test('an article the host serves as the app shell: the worker answers it with its copy of the shell, still with the server’s article and configuration, and notices when it is prerendered', async () => {
  const id = 'edda-varnholt-obituary';
  const edda = article(id);
  const page = await workerPage();
  const reader = new ArticlePage(page);
  const prerendered = join(SITE_DIR, 'articles', id, 'index.html');
  const file = join(SITE_DIR, 'content/articles', `${id}.json`);
  const original = readFileSync(file, 'utf8');
  const isPrerendered = async (response) => (await response.text()).includes('id="folio-prerendered"');
  renameSync(prerendered, `${prerendered}.hidden`);
  try {
    const first = await page.goto(new URL(`articles/${id}`, SITE).href);
    assert.equal(await isPrerendered(first), false, 'the host answers with the app shell');
    await reader.waitForHeadline(edda.headline);
    await waitUntilSaved(page, id);
    await waitUntil(page, shellNoted, { address: page.url(), expected: true });

    writeFileSync(file, JSON.stringify({ ...edda, headline: `${edda.headline}, corrected` }));
    writeFileSync(CONFIG, JSON.stringify({ ...JSON.parse(ORIGINAL_CONFIG), siteName: 'The Evening Folio' }));
    const again = await page.reload();
    assert.ok(again.fromServiceWorker());
    await reader.waitForHeadline(`${edda.headline}, corrected`);
    assert.equal(await siteName(page), 'The Evening Folio');
    assert.equal(await savedCopyNote(page).count(), 0, 'online, the article is the server’s');

    renameSync(`${prerendered}.hidden`, prerendered);
    writeFileSync(file, original);
    // The worker answers this visit from what it knew, and learns the host's new answer.
    await page.reload();
    await reader.waitForHeadline(edda.headline);
    await waitUntil(page, shellNoted, { address: page.url(), expected: false });
    assert.ok(await isPrerendered(await page.reload()), 'the prerendered page is served again');
    await reader.waitForHeadline(edda.headline);
    assert.deepEqual(page.errors, []);
  } finally {
    try {
      renameSync(`${prerendered}.hidden`, prerendered);
    } catch {}
    writeFileSync(file, original);
  }
  await page.context().close();
});

test('turned off in the configuration: no worker, and a reader’s old one goes with everything it kept', async () => {
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(new URL('articles/tide-mill-turns-again', SITE).href);
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntilSaved(page, 'tide-mill-turns-again');

  writeFileSync(CONFIG, JSON.stringify({ ...JSON.parse(ORIGINAL_CONFIG), offline: { enabled: false } }));
  await page.reload();
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntil(
    page,
    async () =>
      (await navigator.serviceWorker.getRegistrations()).length === 0 &&
      !(await caches.keys()).some((name) => name.startsWith('folio-')),
  );
  await page.reload();
  await reader.waitForHeadline(TIDE_MILL.headline);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  await page.context().close();
});

test('under a sub-path on nginx: the worker’s scope is the site’s, sw.js is always revalidated, and what is read is saved', async () => {
  const news = requireEnv('FOLIO_NGINX_NEWS_URL');
  const response = await fetch(new URL('sw.js', news));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  const page = await workerPage();
  const reader = new ArticlePage(page);
  await page.goto(new URL('articles/tide-mill-turns-again', news).href);
  await reader.waitForHeadline(TIDE_MILL.headline);
  await waitUntilSaved(page, 'tide-mill-turns-again');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, news);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
