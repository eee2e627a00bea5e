// Shared set-up for the end-to-end tests: the site under test, a browser, and page objects
// that find things the way a reader does (by role and text).
//
// `cargo xtask test` builds the release site once, serves a copy of it on loopback and sets
// FOLIO_URL (where it is served) and FOLIO_SITE (the served folder, which tests may write
// content into).

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { CHROMIUM, plainText, requireEnv } from '../common.mjs';

export { plainText, requireEnv };

export const SITE_URL = requireEnv('FOLIO_URL');
export const SITE_DIR = requireEnv('FOLIO_SITE');
const FIXTURES = new URL('../fixtures/e2e/', import.meta.url);

/** Debian's Chromium, started as these machines need it (with `args` added). */
export function launchBrowser({ args = [] } = {}) {
  return chromium.launch({ executablePath: CHROMIUM.executablePath, args: [...CHROMIUM.args, ...args] });
}

/**
 * A fresh page that records uncaught exceptions, wasm panics and breaches of the page's
 * Content-Security-Policy (the test server sends deploy/nginx.conf's, Trusted Types included)
 * in `page.errors`, for tests to assert it stays empty. (A panic is only a console message
 * before the wasm traps.)
 *
 * Folio's service worker is blocked unless `serviceWorker` is true: this suite intercepts
 * requests and injects faults, which a worker answering from its saved copies would hide.
 * `offline.test.mjs` tests the worker; the cross-engine suite runs with it, as readers do.
 */
export async function openPage(browser, { width = 1280, height = 900, serviceWorker = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    serviceWorkers: serviceWorker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /panicked at|RuntimeError|^CSP: /.test(message.text())) {
      page.errors.push(message.text());
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP: ${event.violatedDirective} refused ${event.blockedURI} ${event.sample}`);
    });
  });
  return page;
}

/** A sample article's JSON, as shipped in `public/content/articles/`. */
export function sampleArticle(id) {
  return JSON.parse(readFileSync(join(SITE_DIR, 'content/articles', `${id}.json`), 'utf8'));
}

/** Puts a fixture from `tests/fixtures/e2e/` on the server as `content/articles/<id>.json`. */
export function serveFixture(fixture, id) {
  writeFileSync(articlePath(id), readFileSync(new URL(fixture, FIXTURES)));
}

export function removeArticle(id) {
  rmSync(articlePath(id), { force: true });
}

function articlePath(id) {
  return join(SITE_DIR, 'content/articles', `${id}.json`);
}

/** The article page as a reader sees it. */
export class ArticlePage {
  constructor(page) {
    this.page = page;
    this.headline = page.getByRole('heading', { level: 1 });
    this.article = page.locator('article.article');
    this.adSlots = page.locator('aside.ad-slot');
    this.related = page.getByRole('complementary', { name: 'Related' });
  }

  async open(id) {
    await this.page.goto(new URL(`articles/${id}`, SITE_URL).href);
  }

  /**
   * Waits until the article (not the loading state) is on the page, shown by the viewer (a
   * prerendered page shows its headline before the viewer has started).
   */
  async waitForHeadline(text) {
    await this.page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
    await waitForLive(this.page);
  }

  paragraphs() {
    return this.article.locator('.article-body > p').allTextContents();
  }
}

/**
 * Holds back the page's wasm until the returned function is called, so a test can look at a
 * prerendered page as it is before the viewer starts.
 */
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Waits until `condition(arg)`, run in the page and awaited, holds (15 s at most). For an async
 * condition: `page.waitForFunction` takes the promise it returns for a truthy value.
 */
export async function waitUntil(page, condition, arg) {
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(condition, arg))) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the viewer's "live" signal: it shows its own page (a prerendered one taken over). */
export function waitForLive(page) {
  return page.waitForFunction(() => document.documentElement.hasAttribute('data-folio-live'));
}

/** Where the tests' screenshots go, for a person to look at. */
export const SCREENSHOTS = new URL('../../target/screenshots/', import.meta.url);

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is now. */
export async function violations(page) {
  // Evaluated, not added as a <script>: the page's Trusted Types policy refuses script text.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}
