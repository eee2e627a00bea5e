// The release build on a real nginx with deploy/nginx.conf: headers, precompressed files,
// deep links, a sub-path, content from another origin with and without CORS, the strict CSP,
// and streaming compilation of the wasm.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { ArticlePage, launchBrowser, openPage, requireEnv as env, sampleArticle } from './support.mjs';

const NGINX = env('FOLIO_NGINX_URL');
const NEWS = env('FOLIO_NGINX_NEWS_URL');
const CORS_PAGE = env('FOLIO_CORS_PAGE_URL');
const CONTENT_ORIGIN = env('FOLIO_CONTENT_ORIGIN');
const NO_CORS_PAGE = env('FOLIO_NO_CORS_PAGE_URL');

/** A raw GET (no decompression), so headers and bytes are exactly what nginx sent. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

let browser;
let assets;
before(async () => {
  browser = await launchBrowser();
  const html = (await get(new URL('404.html', NGINX))).body.toString();
  const find = (pattern) => html.match(pattern)?.[1];
  assets = {
    wasm: find(/href="(assets\/folio-[0-9a-f]{16}\.wasm)"/),
    js: find(/src="(assets\/folio-[0-9a-f]{16}\.js)"/),
    css: find(/href="(assets\/folio-[0-9a-f]{16}\.css)"/),
  };
});
after(() => browser?.close());

test('the app shell names hashed assets with integrity, preloads the wasm and the configuration', async () => {
  // 404.html is the app shell every path without a page of its own gets; index.html is the
  // front page as `folio prerender` wrote it.
  const html = (await get(new URL('404.html', NGINX))).body.toString();
  assert.ok(assets.wasm && assets.js && assets.css, JSON.stringify(assets));
  assert.match(html, new RegExp(`<link rel="preload" href="${assets.wasm}" as="fetch" type="application/wasm" crossorigin`));
  assert.match(html, /<link rel="preload" href="folio.config.json" as="fetch" crossorigin/);
  assert.match(html, new RegExp(`<script type="module" src="${assets.js}" integrity="sha384-[A-Za-z0-9+/=]+"`));
  assert.match(html, new RegExp(`<link rel="stylesheet" href="${assets.css}" integrity="sha384-[A-Za-z0-9+/=]+"`));
  assert.doesNotMatch(html, /<script>|<style|style="/, 'no inline script or style');
  assert.doesNotMatch(html, /folio-prerendered/, 'the shell holds no page');

  const front = (await get(NGINX)).body.toString();
  assert.match(front, /<div id="folio-prerendered">/, 'the front page is prerendered');
  assert.match(front, new RegExp(`<script type="module" src="${assets.js}" integrity="sha384-[A-Za-z0-9+/=]+"`));
  assert.doesNotMatch(front, /<script>|<style|style="/, 'no inline script or style');
  const unknown = await get(new URL('no/such/page', NGINX));
  assert.equal(unknown.body.toString(), html, 'an unknown path gets the app shell');
});

test('wasm: application/wasm, brotli or gzip from the precompressed files, cached for good', async () => {
  const url = new URL(assets.wasm, NGINX);
  const plain = await get(url);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-type'], 'application/wasm');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(plain.headers['access-control-allow-origin'], '*');
  assert.equal(plain.body.subarray(0, 4).toString('hex'), '0061736d', 'a wasm module');

  const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.match(br.headers.vary ?? '', /Accept-Encoding/);
  assert.ok(br.body.length < plain.body.length / 2, `${br.body.length} of ${plain.body.length} bytes`);

  const gzip = await get(url, { 'accept-encoding': 'gzip' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gzip.body.subarray(0, 2).toString('hex'), '1f8b');
});

test('cache headers: no-cache for the entry page and configuration, short for content', async () => {
  for (const path of ['', 'articles/tide-mill-turns-again', 'index.html', 'folio.config.json']) {
    const response = await get(new URL(path, NGINX));
    assert.equal(response.status, 200, path);
    assert.equal(response.headers['cache-control'], 'no-cache', path);
  }
  for (const asset of [assets.js, assets.css]) {
    const response = await get(new URL(asset, NGINX), { 'accept-encoding': 'br' });
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['content-encoding'], 'br');
  }
  // Edited in place, so never from a precompressed copy that could be stale: compressed as sent.
  for (const path of ['folio.config.json', 'content/articles/tide-mill-turns-again.json']) {
    const response = await get(new URL(path, NGINX), { 'accept-encoding': 'br, gzip' });
    assert.equal(response.headers['content-encoding'], 'gzip', path);
    const plain = await get(new URL(path, NGINX));
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.ok(gunzipSync(response.body).equals(plain.body), `${path}: the same bytes`);
  }
  const article = await get(new URL('content/articles/tide-mill-turns-again.json', NGINX));
  assert.equal(article.headers['cache-control'], 'public, max-age=60, must-revalidate');
  assert.equal(article.headers['access-control-allow-origin'], '*');
  // A live article's page revalidates: with the ETag, an unchanged document is a 304 (the
  // compressed answer's weak ETag too).
  for (const encoding of ['identity', 'gzip']) {
    const first = await get(new URL('content/articles/tide-mill-turns-again.json', NGINX), { 'Accept-Encoding': encoding });
    assert.ok(first.headers.etag, encoding);
    const again = await get(new URL('content/articles/tide-mill-turns-again.json', NGINX), { 'Accept-Encoding': encoding, 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304, encoding);
    assert.equal(again.body.length, 0, encoding);
  }
});

test('app routes get the entry page with the CSP; missing files get a real 404', async () => {
  const deep = await get(new URL('articles/tide-mill-turns-again', NGINX));
  assert.match(deep.headers['content-type'], /^text\/html/);
  const csp = deep.headers['content-security-policy'];
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' https: data:", "frame-src 'self'", "frame-ancestors 'self'"]) {
    assert.ok(csp.includes(directive), `${directive} in ${csp}`);
  }
  for (const missing of ['content/articles/no-such-article.json', 'assets/folio-0000000000000000.wasm', 'images/none.png']) {
    assert.equal((await get(new URL(missing, NGINX))).status, 404, missing);
  }
  const embed = await get(new URL('embed/articles/tide-mill-turns-again', NGINX));
  assert.equal(embed.status, 200);
  assert.ok(!embed.headers['content-security-policy'].includes('frame-ancestors'), 'embeds may be framed');
  assert.doesNotMatch(embed.body.toString(), /folio-prerendered/, 'the frame page is the app shell');
  // Listing pages in any script, prerendered at their own address.
  const section = await get(new URL(`sections/${encodeURIComponent('ثقافة')}`, NGINX));
  assert.equal(section.status, 200);
  assert.match(section.body.toString(), /<h1 id="listing-heading"[^>]*>ثقافة/);
  // What the build keeps for its next run is not served, even when uploaded.
  assert.equal((await get(new URL('.folio-prerender.json', NGINX))).status, 404);
});

/** A page that records CSP violations and the console from the start. */
async function watchedPage() {
  const page = await openPage(browser);
  page.console = [];
  page.on('console', (message) => page.console.push(`${message.type()}: ${message.text()}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return page;
}

test('a cold load and a reload of a deep link render the article under the CSP, with streaming compilation', async () => {
  const page = await watchedPage();
  const article = new ArticlePage(page);
  const json = sampleArticle('night-ferry-timetable');
  const response = await page.goto(new URL('articles/night-ferry-timetable', NGINX).href);
  assert.ok(response.headers()['content-security-policy']);
  await article.waitForHeadline(json.headline);
  await page.reload();
  await article.waitForHeadline(json.headline);
  // Scroll so the lazy images load under the policy too.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.console.filter((line) => /instantiateStreaming|MIME type|Content Security Policy/i.test(line)), []);
  const wasmLoads = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(wasmLoads, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown path renders the not-found page', async () => {
  const page = await watchedPage();
  await page.goto(new URL('this/does/not/exist', NGINX).href);
  await new ArticlePage(page).waitForHeadline('Page not found');
  await page.context().close();
});

test('the same build under /news/: assets, routes, content and related links', async () => {
  const page = await watchedPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const article = new ArticlePage(page);
  await page.goto(new URL('articles/tide-mill-turns-again', NEWS).href);
  await article.waitForHeadline(sampleArticle('tide-mill-turns-again').headline);
  assert.ok(requests.every((path) => path.startsWith('/news/')), requests.join(' '));
  assert.ok(requests.includes('/news/content/articles/tide-mill-turns-again.json'));

  await page.evaluate(() => {
    window.__noReload = true;
  });
  const target = sampleArticle('night-ferry-timetable');
  const link = article.related.getByRole('link', { name: target.headline });
  assert.equal(await link.getAttribute('href'), '/news/articles/night-ferry-timetable');
  await link.click();
  await article.waitForHeadline(target.headline);
  assert.equal(new URL(page.url()).pathname, '/news/articles/night-ferry-timetable');
  assert.equal(await page.evaluate(() => window.__noReload), true);

  await page.getByRole('link', { name: 'Folio' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/news/');
  const first = page.getByRole('heading', { level: 2 }).getByRole('link').first();
  assert.match(await first.getAttribute('href'), /^\/news\/articles\//);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.context().close();
});

test('content from another origin that sends CORS headers', async () => {
  const page = await watchedPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const article = new ArticlePage(page);
  await page.goto(new URL('articles/harbour-road-cycle-lane', CORS_PAGE).href);
  await article.waitForHeadline(sampleArticle('harbour-road-cycle-lane').headline);
  assert.ok(requests.includes(`${CONTENT_ORIGIN}/content/articles/harbour-road-cycle-lane.json`), requests.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.context().close();
});

test('content from another origin without CORS headers: a clear error', async () => {
  const page = await watchedPage();
  const article = new ArticlePage(page);
  await page.goto(new URL('articles/harbour-road-cycle-lane', NO_CORS_PAGE).href);
  await article.waitForHeadline("This article couldn't be loaded");
  const message = await page.getByRole('alert').textContent();
  assert.match(message, /CORS/);
  assert.match(message, /http:\/\/127\.0\.0\.1:\d+/);
  assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 1);
  await page.context().close();
});
