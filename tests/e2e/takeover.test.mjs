// One renderer: the static entry pages that `folio prerender` writes are the viewer's own
// components rendered at build time, and the viewer takes them over by adopting their nodes.
//
// - agreement: for every sample article and every case of the hostile corpus, the <main> of the
//   prerendered page (before any script runs) and the <main> the viewer renders on the plain
//   app shell are the same tree;
// - adoption: the headline, the first paragraph and the hero image the reader saw before the
//   wasm arrived are the very elements the live page uses, while the reader uses it;
// - a page prerendered before an edit is rendered anew, not adopted.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { SITE_DIR, SITE_URL, holdWasm, launchBrowser, openPage, requireEnv, sampleArticle, waitForLive, waitUntil } from './support.mjs';

const AGREEMENT_URL = requireEnv('FOLIO_AGREEMENT_URL');
const AGREEMENT_SITE = requireEnv('FOLIO_AGREEMENT_SITE');
const HOSTILE = requireEnv('FOLIO_HOSTILE');
const FAULTS_PLAN = requireEnv('FOLIO_FAULTS_PLAN');
const WITH_HERO = 'night-ferry-timetable';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/**
 * `<main>` as a tree of `[tag, attributes, children]` and strings. The normalisations, and
 * nothing else:
 * 1. comments are dropped: they are the framework's markers in the HTML written at build time;
 * 2. adjacent text nodes are merged: the markers split runs of text the DOM built at run time
 *    holds as separate nodes;
 * 3. the text and `title` of `<time>` are left out: the reader's locale and time zone, which
 *    only the browser knows (the `datetime` attribute is compared).
 */
function mainTree() {
  const walk = (element) => {
    const tag = element.localName;
    const attributes = [...element.attributes]
      .filter((attribute) => !(tag === 'time' && attribute.name === 'title'))
      .map((attribute) => [attribute.name, attribute.value])
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const children = [];
    if (tag !== 'time') {
      for (const child of element.childNodes) {
        if (child.nodeType === Node.ELEMENT_NODE) children.push(walk(child));
        else if (child.nodeType === Node.TEXT_NODE) {
          if (typeof children.at(-1) === 'string') children[children.length - 1] += child.data;
          else children.push(child.data);
        }
      }
    }
    return [tag, attributes, children];
  };
  return walk(document.querySelector('main'));
}

/** The first place two trees differ, as a path and the two sides, for the failure message. */
function firstDifference(a, b, path = 'main') {
  if (typeof a === 'string' || typeof b === 'string') {
    return a === b ? null : { path, prerendered: a, viewer: b };
  }
  if (a[0] !== b[0]) return { path, prerendered: a[0], viewer: b[0] };
  if (JSON.stringify(a[1]) !== JSON.stringify(b[1])) return { path: `${path}@attributes`, prerendered: a[1], viewer: b[1] };
  const length = Math.max(a[2].length, b[2].length);
  for (let index = 0; index < length; index += 1) {
    const childPath = `${path} > ${a[2][index]?.[0] ?? b[2][index]?.[0]}[${index}]`;
    if (a[2][index] === undefined || b[2][index] === undefined) {
      return { path: childPath, prerendered: a[2][index] ?? '(none)', viewer: b[2][index] ?? '(none)' };
    }
    const difference = firstDifference(a[2][index], b[2][index], childPath);
    if (difference) return difference;
  }
  return null;
}

const samples = readdirSync(join(AGREEMENT_SITE, 'content/articles'))
  .map((file) => file.replace(/\.json$/, ''))
  .filter((id) => readdirSync(HOSTILE).indexOf(id) === -1);
const hostile = readdirSync(HOSTILE).sort();

test('the agreement test covers every sample and every hostile case', () => {
  assert.ok(samples.length >= 6, `${samples.length} samples`);
  assert.ok(hostile.length >= 40, `${hostile.length} hostile cases`);
});

for (const id of [...samples, ...hostile]) {
  test(`the prerendered page and the viewer agree: ${id}`, async () => {
    const shows = hostile.includes(id)
      ? JSON.parse(readFileSync(join(HOSTILE, id, 'expect.json'), 'utf8')).shows
      : 'article';
    const url = new URL(`articles/${id}`, AGREEMENT_URL).href;

    // The page as written at build time, before (and without) any script.
    const staticContext = await browser.newContext({ javaScriptEnabled: false });
    const staticPage = await staticContext.newPage();
    await staticPage.goto(url);
    const prerendered = await staticPage.evaluate(() => !!document.getElementById('folio-prerendered'));
    if (shows !== 'article') {
      // A document the viewer refuses gets no page: the app shell answers, and says why.
      assert.equal(prerendered, false, `${id} was prerendered although the viewer refuses it`);
      await staticContext.close();
      return;
    }
    assert.ok(prerendered, `${id} has a prerendered page`);
    const written = await staticPage.evaluate(mainTree);
    await staticContext.close();

    // The same address on a host without prerendered pages: the app shell (404.html) renders it.
    const page = await openPage(browser);
    const shell = await (await page.request.get(new URL('404.html', AGREEMENT_URL).href)).text();
    await page.route(url, (route) => route.fulfill({ body: shell, contentType: 'text/html' }));
    await page.goto(url);
    await waitForLive(page);
    assert.equal(await page.evaluate(() => !!document.getElementById('folio-prerendered')), false);
    const rendered = await page.evaluate(mainTree);
    const difference = firstDifference(written, rendered);
    assert.equal(difference, null, `${id}: ${JSON.stringify(difference)}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('the viewer adopts the prerendered nodes and they stay in use while the reader uses the page', async () => {
  const page = await openPage(browser);
  // Hold the wasm back until the static page's elements are recorded.
  const release = await holdWasm(page);
  await page.goto(new URL(`articles/${WITH_HERO}`, SITE_URL).href);
  await page.evaluate(() => {
    window.recorded = {
      headline: document.querySelector('h1'),
      paragraph: document.querySelector('.article-body > p'),
      hero: document.querySelector('.article > .figure img'),
    };
    window.replaced = [];
    window.navigatedWithoutReload = true;
    // Every frame: the document's headline, first paragraph and hero are the recorded ones.
    const sample = () => {
      if (window.stopSampling) return;
      const now = {
        headline: [...document.querySelectorAll('h1')].find((h1) => h1.getClientRects().length > 0),
        paragraph: document.querySelector('main .article-body > p'),
        hero: document.querySelector('main .article > .figure img'),
      };
      for (const [name, element] of Object.entries(now)) {
        if (element !== window.recorded[name] || !element.isConnected) window.replaced.push(name);
      }
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  assert.equal(await page.evaluate(() => !!window.recorded.hero && !!window.recorded.paragraph), true);
  release();
  await waitForLive(page);

  // The display settings, on the adopted page.
  await page.getByText('Display', { exact: true }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByRole('radio', { name: 'System' }).check();
  // Share (no share sheet in headless Chromium: it copies the address and says so).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE_URL).origin });
  await page.getByRole('button', { name: 'Share' }).click();
  const articleUrl = new URL(`articles/${WITH_HERO}`, SITE_URL).href;
  await waitUntil(page, async (url) => (await navigator.clipboard.readText()) === url, articleUrl);
  // A paragraph link, whose handler the adopted anchor must carry.
  await page.locator('#p-2 .paragraph-link').click();
  assert.equal(new URL(page.url()).hash, '#p-2');

  await page.evaluate(() => {
    window.stopSampling = true;
  });
  const state = await page.evaluate(() => ({
    replaced: [...new Set(window.replaced)],
    same: ['headline', 'paragraph', 'hero'].filter((name) => window.recorded[name].isConnected && window.recorded[name].closest('main') && !window.recorded[name].closest('#folio-prerendered')),
  }));
  assert.deepEqual(state.replaced, [], 'the recorded elements were the ones in the document in every frame');
  assert.deepEqual(state.same, ['headline', 'paragraph', 'hero']);

  // A related link navigates without a reload.
  const related = sampleArticle(WITH_HERO).related[0];
  const target = related.url.replace(/^\/?articles\//, '');
  await page.getByRole('complementary', { name: 'Related' }).getByRole('link', { name: related.title }).click();
  await page.getByRole('heading', { level: 1, name: sampleArticle(target).headline }).waitFor();
  assert.equal(await page.evaluate(() => window.navigatedWithoutReload), true);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a prerendered page that arrives in two parts never paints its header half-built', async () => {
  // The cut falls inside the display settings, after the share button: painted at that point,
  // the settings would show the browser's default summary and the tools would move when the
  // rest arrives.
  const id = 'lantern-workshop';
  const html = readFileSync(join(SITE_DIR, 'articles', id, 'index.html'));
  const cut = html.indexOf('<details class="reader-controls"') + 40;
  assert.ok(cut > 40, 'the page has the display settings');
  writeFileSync(FAULTS_PLAN, JSON.stringify({ [`/articles/${id}`]: `pause:${cut}:1500` }));
  try {
    const page = await openPage(browser, { width: 375, height: 800 });
    await page.addInitScript(readFileSync(new URL('host/layout-shift-meter.js', import.meta.url), 'utf8'));
    await page.goto(new URL(`articles/${id}`, SITE_URL).href);
    await page.getByRole('heading', { level: 1, name: sampleArticle(id).headline }).waitFor();
    await waitForLive(page);
    const cls = await page.evaluate(() => window.__cls);
    assert.equal(cls.value, 0, JSON.stringify(cls.shifts));
    await page.context().close();
  } finally {
    writeFileSync(FAULTS_PLAN, '{}');
  }
});

test('a page prerendered before its article was edited is rendered anew, not adopted', async () => {
  const id = samples[0];
  const file = join(AGREEMENT_SITE, 'content/articles', `${id}.json`);
  const original = readFileSync(file, 'utf8');
  const edited = JSON.parse(original);
  edited.headline = `${edited.headline} (corrected)`;
  writeFileSync(file, JSON.stringify(edited));
  try {
    const page = await openPage(browser);
    const warnings = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(new URL(`articles/${id}`, AGREEMENT_URL).href);
    await page.getByRole('heading', { level: 1, name: edited.headline, exact: true }).waitFor();
    await waitForLive(page);
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok(warnings.some((text) => text.includes('prerendered')), warnings.join('\n'));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    writeFileSync(file, original);
  }
});
