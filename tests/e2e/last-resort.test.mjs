// The last resort (components/last_resort.rs): when the viewer's JS glue or wasm fails to load,
// compile or start, when it aborts, or when nothing has come alive after the cap, the reader of
// the app shell gets a short message with a reload link, and the reader of a prerendered page
// keeps the article and gets a small notice. No inline script, nothing moves.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { SITE_URL, holdWasm, launchBrowser, openPage, sampleArticle, waitForLive } from './support.mjs';

const PRERENDERED = 'tide-mill-turns-again';
/** An address with no page of its own: the server answers with the app shell. */
const SHELL = 'articles/an-address-the-app-shell-answers';

const PAGES = [
  {
    kind: 'the app shell',
    path: SHELL,
    message: "This page couldn't be shown in your browser. Reload",
    readable: null,
  },
  {
    kind: 'a prerendered page',
    path: `articles/${PRERENDERED}`,
    message: "Some features of this page aren't working. Reload",
    readable: sampleArticle(PRERENDERED).headline,
  },
];

/** Ways to break the viewer, each set up on a page before it loads. */
const FAULTS = {
  'a corrupt wasm': (page) =>
    page.route(/\.wasm$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm but not really') }),
    ),
  'a missing JS glue': (page) =>
    page.route(/\/assets\/folio-[0-9a-f]{16}\.js$/, (route) => route.fulfill({ status: 404, body: 'Not Found' })),
  "a CSP without 'wasm-unsafe-eval'": (page) =>
    page.route(
      (url) => !/\.[a-z0-9]+$/.test(url.pathname) || url.pathname.endsWith('.html'),
      async (route) => {
        const response = await route.fetch();
        const headers = response.headers();
        headers['content-security-policy'] = headers['content-security-policy'].replace(" 'wasm-unsafe-eval'", '');
        await route.fulfill({ response, headers });
      },
    ),
};

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Opens `path` with the layout-shift meter running, broken by `fault`. */
async function openBroken(path, fault) {
  const page = await openPage(browser, { width: 375, height: 800 });
  await page.addInitScript(readFileSync(new URL('host/layout-shift-meter.js', import.meta.url), 'utf8'));
  await fault?.(page);
  await page.goto(new URL(path, SITE_URL).href);
  return page;
}

/** Asserts the page shows its last resort as `expected` says, and that nothing moved. */
async function assertLastResort(page, expected, label) {
  const lastResort = page.locator('.last-resort');
  await lastResort.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal((await lastResort.textContent()).replace(/\s+/g, ' ').trim(), expected.message, label);
  assert.equal(await page.getByRole('alert').filter({ hasText: expected.message.split('.')[0] }).count(), 1, label);
  // The link reloads the address the reader is on.
  assert.equal(await lastResort.getByRole('link').getAttribute('href'), page.url(), label);
  if (expected.readable) {
    await page.getByRole('heading', { level: 1, name: expected.readable }).waitFor({ timeout: 1000 });
  }
  const cls = await page.evaluate(() => window.__cls);
  assert.equal(cls.value, 0, `${label}: ${JSON.stringify(cls.shifts)}`);
}

for (const [fault, breakIt] of Object.entries(FAULTS)) {
  test(`${fault}: the app shell says so with a reload link, a prerendered page stays readable`, async () => {
    for (const expected of PAGES) {
      const page = await openBroken(expected.path, breakIt);
      await assertLastResort(page, expected, `${fault} on ${expected.kind}`);
      await page.context().close();
    }
  });
}

test('a viewer that aborts (its memory runs out) leaves the last resort, not a dead page', async () => {
  // A device whose WebAssembly memory cannot grow past what the viewer starts with: the first
  // page it builds needs more, the allocation fails and the viewer aborts, as with any panic.
  const small = await launchBrowser({ args: ['--js-flags=--wasm-max-mem-pages=18'] });
  try {
    for (const expected of PAGES) {
      const page = await openPage(small, { width: 375, height: 800 });
      await page.addInitScript(readFileSync(new URL('host/layout-shift-meter.js', import.meta.url), 'utf8'));
      await page.goto(new URL(expected.path, SITE_URL).href);
      await assertLastResort(page, expected, `abort on ${expected.kind}`);
      assert.ok(
        page.errors.some((error) => /unreachable|RuntimeError|panicked/.test(error)),
        `the viewer did abort: ${page.errors.join('\n')}`,
      );
      await page.context().close();
    }
  } finally {
    await small.close();
  }
});

test('a viewer that never starts: the last resort appears after the cap, without any script', async () => {
  for (const expected of PAGES) {
    const page = await openPage(browser, { width: 375, height: 800 });
    await holdWasm(page);
    // The cap is a CSS animation delay (20 s): run the page's animations ten times faster.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Animation.enable');
    await cdp.send('Animation.setPlaybackRate', { playbackRate: 10 });
    await page.goto(new URL(expected.path, SITE_URL).href, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.locator('.last-resort').isVisible(), false, 'not before the cap');
    await page.locator('.last-resort').waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-folio-failed')), false);
    await page.context().close();
  }
});

test('a viewer that works never shows the last resort', async () => {
  for (const expected of PAGES) {
    const page = await openPage(browser);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Animation.enable');
    await cdp.send('Animation.setPlaybackRate', { playbackRate: 100 });
    await page.goto(new URL(expected.path, SITE_URL).href);
    await waitForLive(page);
    await page.waitForTimeout(400);
    assert.equal(await page.locator('.last-resort').count(), 1, expected.kind);
    assert.equal(await page.locator('.last-resort').isVisible(), false, expected.kind);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
