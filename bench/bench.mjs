// `cargo xtask bench` (which prepares and serves everything this reads from the environment):
// Folio measured the way readers meet it, beside the same article as static HTML, in Debian's
// Chromium on loopback, served by nginx with deploy/nginx.conf (brotli, as deployed). Prints a table and the budgets (PASS/FAIL) and writes the same figures
// as JSON. Not part of `cargo xtask test`: timings are reported here, never asserted in tests.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run \`cargo xtask bench\``);
  return value;
};
const SITE = env('BENCH_SITE_URL');
const SHELL = env('BENCH_SHELL_URL');
const SITE_WITHOUT_WORKER = env('BENCH_SITE_WITHOUT_WORKER_URL');
const SHELL_WITHOUT_WORKER = env('BENCH_SHELL_WITHOUT_WORKER_URL');
const ARTICLE = env('BENCH_ARTICLE');
const LONG_READ = env('BENCH_LONG_READ');
const RUNS = Number(env('BENCH_RUNS'));
const SIZES = JSON.parse(readFileSync(env('BENCH_SIZES'), 'utf8'));
const LIGHTHOUSE = env('BENCH_LIGHTHOUSE');
const RESULTS = env('BENCH_RESULTS');
const SAMPLES = JSON.parse(readFileSync(new URL('../public/content/index.json', import.meta.url), 'utf8')).articles.map((entry) => entry.id);

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4× CPU.
const MOBILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };
const PHONE = { width: 412, height: 823 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What the page says on its console when its headline has painted, and when the viewer is
 * live (`collect`). */
const SIGNALS = { headline: 'folio-bench:headline', live: 'folio-bench:live' };

/** Observers installed before any page script: paints, the headline's paint, shifts, long tasks.
 * The headline's paint and the viewer's "live" signal are also said on the console, so the
 * benchmark can wait for them without calling into the page (`measuredLoad`). */
function collect(signals) {
  const bench = (window.__bench = { fcp: null, lcp: null, headline: null, cls: 0, longTasks: [] });
  const observe = (type, each) => new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
  observe('paint', (entry) => {
    if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
  });
  observe('largest-contentful-paint', (entry) => {
    bench.lcp = entry.startTime;
  });
  observe('element', (entry) => {
    if (entry.identifier === 'headline' && bench.headline === null) {
      bench.headline = entry.renderTime || entry.loadTime;
      console.debug(signals.headline);
    }
  });
  // On the document: at this point it may have no root element yet.
  new MutationObserver((_, observer) => {
    if (document.documentElement?.hasAttribute('data-folio-live')) {
      observer.disconnect();
      console.debug(signals.live);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-folio-live'] });
  observe('layout-shift', (entry) => {
    if (!entry.hadRecentInput) bench.cls += entry.value;
  });
  observe('longtask', (entry) => bench.longTasks.push([entry.startTime, entry.duration]));
}

const READY = {
  control: () => !!document.querySelector('h1'),
  // The viewer has taken the prerendered page over (its "live" signal).
  prerendered: () => document.documentElement.hasAttribute('data-folio-live') && !!document.querySelector('main article h1'),
  shell: () => !!document.querySelector('main article h1'),
};

/** Waits until `predicate` holds in the page, asking every 50 ms. Not `page.waitForFunction`:
 * its first call compiles Playwright's injected script in the page, a long task of its own in
 * the middle of the load being measured. */
async function waitUntil(page, predicate, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(predicate))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${predicate}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Loads `url` in `page` (with `collect` installed) and waits until its headline has painted and
 * the page is ready as `kind` is, without calling into the page on the way: Playwright's first
 * call into a freshly loaded page evaluates a script of its own there, a long task that would
 * land in the middle of the load being measured (the longer the page takes, the likelier).
 */
async function measuredLoad(page, url, kind) {
  const said = (signal) =>
    page.waitForEvent('console', { predicate: (message) => message.text() === signal, timeout: 120_000 });
  const painted = said(SIGNALS.headline);
  const live = kind === 'prerendered' ? said(SIGNALS.live) : null;
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await Promise.all([painted, live]);
}

let browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

/** One cold load in a fresh context (empty cache): its paint timings, TBT and CLS. With
 * `worker: false`, Folio's service worker is blocked (what the first visit cost without it). */
async function coldLoad(url, kind, throttled, worker = true) {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: worker ? 'allow' : 'block' });
  const page = await context.newPage();
  if (throttled) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...MOBILE });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
  }
  await page.addInitScript(collect, SIGNALS);
  await measuredLoad(page, url, kind);
  // Long tasks after the page is ready (the viewer's last work) still count.
  await page.waitForTimeout(throttled ? 2000 : 500);
  await waitUntil(page, READY[kind]);
  const bench = await page.evaluate(() => window.__bench);
  await context.close();
  const tbt = bench.longTasks
    .filter(([start]) => start >= bench.fcp)
    .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  // The longest task of the whole load (0 when none reached the 50 ms a long task starts at): on
  // a prerendered page, the takeover's, which blocks the reader's first tap.
  const longest = Math.max(0, ...bench.longTasks.map(([, duration]) => duration));
  return { fcp: bench.fcp, lcp: bench.lcp, headline: bench.headline, tbt, longest, cls: bench.cls };
}

async function coldLoads(url, kind, throttled, worker = true) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await coldLoad(url, kind, throttled, worker));
  const result = {};
  for (const metric of ['fcp', 'lcp', 'headline', 'tbt', 'longest', 'cls']) result[metric] = median(runs.map((run) => run[metric]));
  return result;
}

/**
 * A TCP proxy on loopback to `target` (host:port) that shapes both directions like
 * Lighthouse's mobile network: half the round trip each way, and the download paced at its
 * rate. Unlike DevTools' emulation, which throttles the page's own requests only, it slows the
 * service worker's requests too, so a repeat visit through the worker is measured fairly.
 */
function shapingProxy(target) {
  const { hostname, port } = new URL(target);
  const oneWay = MOBILE.latency / 2;
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    let downloadFree = 0;
    const delayed = (from, to, pace) =>
      from.on('data', (chunk) => {
        let at = Date.now() + oneWay;
        if (pace) {
          at = Math.max(at, downloadFree);
          downloadFree = at + (chunk.length / MOBILE.downloadThroughput) * 1000;
        }
        setTimeout(() => to.writable && to.write(chunk), at - Date.now());
      });
    delayed(client, upstream, false);
    delayed(upstream, client, true);
    const close = () => setTimeout(() => (client.destroy(), upstream.destroy()), oneWay);
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

/**
 * A repeat visit, throttled (the proxy's network, 4× CPU): the page is loaded once, the
 * service worker (if the page has one) given time to install and save the article, then the
 * page is loaded again in the same browser context and measured.
 */
async function repeatLoad(url, kind) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await waitUntil(page, READY[kind]);
  if (kind !== 'control') {
    await waitUntil(
      page,
      async () =>
        navigator.serviceWorker.controller !== null &&
        (await (await caches.open('folio-articles')).keys()).length > 0,
    );
  }
  // What the page handed the worker (saving what it loaded, learning what the server answers
  // for the address) is done by the time a reader comes back.
  await page.waitForTimeout(2000);
  await page.addInitScript(collect, SIGNALS);
  await measuredLoad(page, url, kind);
  await page.waitForTimeout(2000);
  await waitUntil(page, READY[kind]);
  const bench = await page.evaluate(() => window.__bench);
  await context.close();
  return { fcp: bench.fcp, lcp: bench.lcp, headline: bench.headline };
}

/** A page with the viewer running on the article, for the in-page measurements. */
async function viewerPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(installPaintedWhen);
  await page.goto(new URL(`articles/${ARTICLE}`, SITE).href);
  await page.waitForFunction(READY.prerendered);
  return { context, page, cdp: await context.newCDPSession(page) };
}

/** In the page: resolves with the time of the first frame after `changed()` holds (the
 * viewer reuses the headline element between articles, so Element Timing, which reports an
 * element once, cannot time these paints). */
function installPaintedWhen() {
  window.paintedWhen = (changed) =>
    new Promise((resolve) => {
      const check = () => (changed() ? requestAnimationFrame((frame) => resolve(frame)) : setTimeout(check, 1));
      check();
    });
}

/** Client-side navigation between the article and its related article, \`count\` times, in the
 * page: from the click to the first frame with the new headline. */
function navigate(page, count) {
  return page.evaluate(
    async (count) => {
      const here = location.pathname.split('/').pop();
      const other = document.querySelector('.related a[href*="/articles/"]').getAttribute('href').split('/').pop();
      const durations = [];
      for (let i = 0; i < count; i++) {
        const target = i % 2 === 0 ? other : here;
        const link = document.querySelector(`.related a[href$="/articles/${target}"]`);
        const headline = () => document.querySelector('main h1').textContent;
        const before = headline();
        const start = performance.now();
        link.click();
        durations.push((await window.paintedWhen(() => headline() !== before)) - start);
      }
      return durations;
    },
    count,
  );
}

/** Client-side navigation to the 2,000-block article: from the address change to the first
 * frame with its blocks (the fetch is on loopback; decoding and rendering are what this
 * measures). */
async function bigArticle(page) {
  const durations = [];
  for (let run = 0; run < 5; run++) {
    durations.push(
      await page.evaluate(async () => {
        const start = performance.now();
        history.pushState({}, '', new URL('articles/bench-2000-blocks', document.baseURI));
        dispatchEvent(new PopStateEvent('popstate'));
        return (await window.paintedWhen(() => document.querySelectorAll('.article-body > p').length > 1500)) - start;
      }),
    );
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('.article-body > p').length < 100);
  }
  return median(durations);
}

/** JS heap and wasm linear memory, after a full garbage collection. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(async () => {
    const glue = await import(document.querySelector('script[type="module"]').src);
    return (await glue.ready).memory.buffer.byteLength;
  });
  return { jsHeap: usedSize, wasm, total: usedSize + wasm };
}

/** CLS of every sample article at a width, loaded and scrolled to the end. */
async function layoutShift(id, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(collect, SIGNALS);
  await page.goto(new URL(`articles/${id}`, SITE).href);
  await page.waitForFunction(READY.prerendered);
  for (let y = 0; y < 20_000; y += 400) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  const cls = await page.evaluate(() => window.__bench.cls);
  await context.close();
  return cls;
}

function lighthouse(url) {
  const report = JSON.parse(
    execFileSync(
      process.execPath,
      [LIGHTHOUSE, url, '--only-categories=performance', '--form-factor=mobile', '--output=json', '--quiet', `--chrome-flags=--headless ${FLAGS.join(' ')}`],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024 },
    ),
  );
  const audit = (id) => report.audits[id].numericValue;
  return {
    score: Math.round(report.categories.performance.score * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    speedIndex: audit('speed-index'),
  };
}

// --- Measure -------------------------------------------------------------------------------

const results = { sizes: SIZES, runs: RUNS, coldLoads: {} };
const urls = {
  control: new URL(`control/${ARTICLE}.html`, SITE).href,
  prerendered: new URL(`articles/${ARTICLE}`, SITE).href,
  shell: new URL(`articles/${ARTICLE}`, SHELL).href,
};
for (const throttled of [true, false]) {
  const label = throttled ? 'throttled' : 'unthrottled';
  results.coldLoads[label] = {};
  for (const kind of ['control', 'prerendered', 'shell']) {
    process.stderr.write(`cold loads: ${kind}, ${label}…\n`);
    results.coldLoads[label][kind] = await coldLoads(urls[kind], kind, throttled);
  }
}

process.stderr.write('cold loads without the service worker, throttled…\n');
results.coldLoadsWithoutWorker = {};
for (const kind of ['prerendered', 'shell']) {
  results.coldLoadsWithoutWorker[kind] = await coldLoads(urls[kind], kind, true, false);
}

process.stderr.write('repeat visits, throttled (shaping proxy)…\n');
results.repeatVisits = {};
for (const [kind, base] of [['control', SITE], ['prerendered', SITE], ['shell', SHELL]]) {
  const proxy = await shapingProxy(base);
  const url = new URL(new URL(urls[kind]).pathname, proxy.origin).href;
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await repeatLoad(url, kind));
  proxy.server.close();
  results.repeatVisits[kind] = Object.fromEntries(['fcp', 'lcp', 'headline'].map((metric) => [metric, median(runs.map((run) => run[metric]))]));
}

process.stderr.write('navigation, 2,000 blocks, memory…\n');
{
  const { context, page, cdp } = await viewerPage();
  results.navigationMs = median(await navigate(page, 30));
  results.bigArticleMs = await bigArticle(page);
  await context.close();
}
{
  const { context, page, cdp } = await viewerPage();
  await navigate(page, 30);
  results.memoryAfter30 = await memory(page, cdp);
  await navigate(page, 270);
  results.memoryAfter300 = await memory(page, cdp);
  await context.close();
}

process.stderr.write('layout shift of every sample…\n');
results.cls = {};
for (const id of SAMPLES) {
  for (const width of [375, 1280]) results.cls[`${id}@${width}`] = await layoutShift(id, width);
}
await browser.close();

results.lighthouse = {};
results.lighthouseWithoutWorker = {};
for (const [kind, base, withoutWorker] of [['prerendered', SITE, SITE_WITHOUT_WORKER], ['shell', SHELL, SHELL_WITHOUT_WORKER]]) {
  for (const [into, site] of [[results.lighthouse, base], [results.lighthouseWithoutWorker, withoutWorker]]) {
    process.stderr.write(`Lighthouse, ${kind}${site === withoutWorker ? ' without the service worker' : ''} (3 runs)…\n`);
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(lighthouse(new URL(`articles/${LONG_READ}`, site).href));
    into[kind] = { runs, score: median(runs.map((run) => run.score)) };
  }
}

// --- Report --------------------------------------------------------------------------------

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value === null || value === undefined ? 'n/a' : `${Math.round(value)} ms`);
const pageAssets = SIZES.filter((asset) => /^assets\/(folio-[0-9a-f]+\.(wasm|js|css)|reader-settings-)/.test(asset.name));
const embedAssets = SIZES.filter((asset) => /^(folio-embed\.js|assets\/folio-embed-)/.test(asset.name));
const total = (assets, key) => assets.reduce((sum, asset) => sum + asset[key], 0);
results.articlePageBytes = { raw: total(pageAssets, 'raw'), gzip: total(pageAssets, 'gzip'), brotli: total(pageAssets, 'brotli') };
results.embedExtraBytes = { raw: total(embedAssets, 'raw'), gzip: total(embedAssets, 'gzip'), brotli: total(embedAssets, 'brotli') };

console.log('\nServed by nginx with deploy/nginx.conf on loopback: the precompressed .br copies (Content-Encoding: br), the recipe\'s headers.');
console.log('\nAssets');
console.log(`${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const asset of SIZES) console.log(`${asset.name.padEnd(44)} ${String(asset.raw).padStart(10)} ${String(asset.gzip).padStart(10)} ${String(asset.brotli).padStart(10)}`);
for (const [label, sum] of [['article page (wasm + JS + CSS)', results.articlePageBytes], ['embed, on top of the same wasm + JS', results.embedExtraBytes]]) {
  console.log(`${label.padEnd(44)} ${String(sum.raw).padStart(10)} ${String(sum.gzip).padStart(10)} ${String(sum.brotli).padStart(10)}`);
}

for (const label of ['throttled', 'unthrottled']) {
  const loads = results.coldLoads[label];
  console.log(`\nCold load of "${ARTICLE}", ${label}, median of ${RUNS} (ratio to the static control)`);
  console.log(`${''.padEnd(28)} ${'FCP'.padStart(14)} ${'LCP'.padStart(14)} ${'headline'.padStart(14)} ${'TBT'.padStart(10)} ${'longest'.padStart(10)} ${'CLS'.padStart(8)}`);
  for (const kind of ['control', 'prerendered', 'shell']) {
    const row = loads[kind];
    const cell = (metric) => `${ms(row[metric])}${kind === 'control' ? '' : ` ${(row[metric] / loads.control[metric]).toFixed(2)}×`}`;
    const name = { control: 'static HTML control', prerendered: 'Folio, prerendered page', shell: 'Folio, app shell' }[kind];
    console.log(`${name.padEnd(28)} ${cell('fcp').padStart(14)} ${cell('lcp').padStart(14)} ${cell('headline').padStart(14)} ${ms(row.tbt).padStart(10)} ${ms(row.longest).padStart(10)} ${row.cls.toFixed(3).padStart(8)}`);
  }
}
{
  const t = results.coldLoads.throttled;
  console.log(`\nFirst visit, throttled, median of ${RUNS}: with the service worker / without it (blocked)`);
  for (const kind of ['prerendered', 'shell']) {
    const without = results.coldLoadsWithoutWorker[kind];
    const name = { prerendered: 'Folio, prerendered page', shell: 'Folio, app shell' }[kind];
    console.log(`${name.padEnd(28)} headline ${ms(t[kind].headline)} / ${ms(without.headline)}, LCP ${ms(t[kind].lcp)} / ${ms(without.lcp)}, TBT ${ms(t[kind].tbt)} / ${ms(without.tbt)}, longest ${ms(t[kind].longest)} / ${ms(without.longest)}`);
  }
  console.log(`\nRepeat visit (the page loaded again in the same browser), throttled through a shaping proxy (150 ms, 1.6 Mbit/s, 4× CPU), median of ${RUNS}`);
  for (const kind of ['control', 'prerendered', 'shell']) {
    const row = results.repeatVisits[kind];
    const name = { control: 'static HTML control', prerendered: 'Folio, prerendered page', shell: 'Folio, app shell' }[kind];
    console.log(`${name.padEnd(28)} FCP ${ms(row.fcp)}, LCP ${ms(row.lcp)}, headline ${ms(row.headline)}`);
  }
}
console.log(`\nRelated navigation, click to headline painted, median of 30: ${ms(results.navigationMs)}`);
console.log(`2,000-block article, address change to headline painted, median of 5: ${ms(results.bigArticleMs)}`);
for (const [label, memory] of [['after 30 navigations', results.memoryAfter30], ['after 300 navigations', results.memoryAfter300]]) {
  console.log(`Memory ${label}: JS heap ${kb(memory.jsHeap)}, wasm ${kb(memory.wasm)}`);
}
for (const kind of ['prerendered', 'shell']) {
  const describe = ({ runs }) => runs.map((run) => `${run.score} [FCP ${ms(run.fcp)}, LCP ${ms(run.lcp)}, TBT ${ms(run.tbt)}]`).join(', ');
  const { score } = results.lighthouse[kind];
  const without = results.lighthouseWithoutWorker[kind];
  console.log(`Lighthouse mobile performance, "${LONG_READ}", ${kind === 'shell' ? 'app shell' : 'prerendered page'}, median of 3: ${score} (runs: ${describe(results.lighthouse[kind])}); without the service worker: ${without.score} (runs: ${describe(without)})`);
}

const t = results.coldLoads.throttled;
const u = results.coldLoads.unthrottled;
const worstCls = Math.max(...Object.values(results.cls));
const budgets = [
  ['article page ≤ 100 KB brotli (wasm + JS + CSS)', results.articlePageBytes.brotli <= 100 * 1024, kb(results.articlePageBytes.brotli)],
  ['prerendered headline ≤ 1.25× static, throttled', t.prerendered.headline <= 1.25 * t.control.headline, `${(t.prerendered.headline / t.control.headline).toFixed(2)}×`],
  ['prerendered headline ≤ 1.25× static, unthrottled', u.prerendered.headline <= 1.25 * u.control.headline, `${(u.prerendered.headline / u.control.headline).toFixed(2)}×`],
  ['app shell headline ≤ 2.0× static, throttled', t.shell.headline <= 2.0 * t.control.headline, `${(t.shell.headline / t.control.headline).toFixed(2)}×`],
  ['app shell headline ≤ 2.5× static, unthrottled', u.shell.headline <= 2.5 * u.control.headline, `${(u.shell.headline / u.control.headline).toFixed(2)}×`],
  ['CLS 0.000, every sample at 375 and 1280 px', worstCls < 0.0005, `worst ${worstCls.toFixed(3)}`],
  ['related navigation ≤ 50 ms (median)', results.navigationMs <= 50, ms(results.navigationMs)],
  ['2,000-block article ≤ 200 ms', results.bigArticleMs <= 200, ms(results.bigArticleMs)],
  ['memory after 300 navigations ≤ 1.1× after 30', results.memoryAfter300.total <= 1.1 * results.memoryAfter30.total, `${(results.memoryAfter300.total / results.memoryAfter30.total).toFixed(2)}×`],
  ['takeover: longest task ≤ 50 ms, 4× CPU (prerendered)', t.prerendered.longest <= 50, ms(t.prerendered.longest)],
  ['Lighthouse mobile 100, prerendered long read', results.lighthouse.prerendered.score >= 100, String(results.lighthouse.prerendered.score)],
  ['Lighthouse mobile ≥ 98, app shell of the long read', results.lighthouse.shell.score >= 98, String(results.lighthouse.shell.score)],
  ['repeat visit: app shell headline ≤ static control\'s', results.repeatVisits.shell.headline <= results.repeatVisits.control.headline, `${ms(results.repeatVisits.shell.headline)} vs ${ms(results.repeatVisits.control.headline)}`],
];
results.budgets = budgets.map(([budget, pass, measured]) => ({ budget, pass, measured }));
console.log('\nBudgets');
for (const [budget, pass, measured] of budgets) console.log(`${pass ? 'PASS' : 'FAIL'}  ${budget.padEnd(52)} ${measured}`);
writeFileSync(RESULTS, JSON.stringify(results, null, 2));
console.log(`\nFigures as JSON: ${RESULTS}`);
