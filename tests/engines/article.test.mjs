// The article page and the front page in every engine: what the reader sees, dates in the
// reader's locale, the prerendered page taken over without a move, the display settings, and
// the features some engines lack (Web Share, scroll-driven animations) degrading quietly.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ENGINE, SITE_DIR, SITE_URL, articleUrl, clickText, openArticle, plainText, readArticle, sampleArticle, test, useEngine, waitForHeadline } from './support.mjs';

const engine = useEngine();
const LONG_READ = 'lighthouse-keepers-ledger';
const ARABIC = 'lantern-workshop';

test('an article shows its headline, dek, byline, dates, hero image, body and related links', async () => {
  const page = await engine.open();
  const json = sampleArticle(LONG_READ);
  await openArticle(page, LONG_READ);
  await page.waitFor(() => {
    const hero = document.querySelector('article > .figure img');
    return hero.complete && hero.naturalWidth > 0;
  });
  const shown = await readArticle(page);
  assert.deepEqual(shown, {
    title: `${json.headline} · Folio`,
    headline: json.headline,
    dek: json.dek,
    authors: json.authors.map((author) => author.name),
    paragraphs: json.body.filter((block) => block.type === 'paragraph').map((block) => plainText(block.content)),
    lang: json.language,
    dir: 'ltr',
    hero: { loaded: true, width: shown.hero.width },
    related: json.related.map((link) => link.title),
  });
  assert.ok(shown.hero.width > 300, `the hero image is laid out (${shown.hero.width}px)`);

  // Dates as this engine's Intl writes them in the reader's locale (this article is older than a
  // week, so it is not shown as relative time).
  const dates = await page.evaluate(() =>
    [...document.querySelectorAll('.dates time')].map((time) => ({
      datetime: time.dateTime,
      shown: time.textContent,
      expected: new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(time.dateTime)),
    })),
  );
  assert.equal(dates[0].datetime, json.published);
  for (const date of dates) assert.equal(date.shown, date.expected);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a right-to-left article is laid out right to left', async () => {
  const page = await engine.open({ width: 375, height: 800 });
  await openArticle(page, ARABIC);
  const shown = await page.evaluate(() => {
    const article = document.querySelector('article');
    // The byline is one short line: it starts at the right edge of the column.
    const byline = article.querySelector('.byline .author').getBoundingClientRect();
    const column = article.getBoundingClientRect();
    return { dir: article.dir, direction: getComputedStyle(article).direction, right: Math.round(column.right - byline.right), left: Math.round(byline.left - column.left) };
  });
  assert.equal(shown.dir, 'rtl');
  assert.equal(shown.direction, 'rtl');
  assert.ok(shown.right < 80 && shown.left > shown.right, `the byline starts at the right (${JSON.stringify(shown)})`);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('the front page lists the articles of content/index.json, newest first', async () => {
  const page = await engine.open();
  await page.goto(SITE_URL);
  const index = JSON.parse(readFileSync(join(SITE_DIR, 'content/index.json'), 'utf8'));
  await waitForHeadline(page, 'Latest');
  const listed = await page.evaluate(() => [...document.querySelectorAll('.article-list .card h2')].map((h2) => h2.textContent));
  assert.deepEqual(listed, index.articles.map((article) => article.headline));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('the viewer takes the prerendered page over: the headline never moves, nothing is left twice', async () => {
  const page = await engine.open({ width: 375, height: 800 });
  await openArticle(page, LONG_READ);
  // The layout recorder has sampled every frame since the page's first.
  await page.waitFor(() => window.__folioFrames.filter((frame) => frame.live).length > 5);
  const { frames, headlines, canonicals, prerendered } = await page.evaluate(() => ({
    frames: window.__folioFrames,
    headlines: document.querySelectorAll('h1').length,
    canonicals: document.querySelectorAll('link[rel="canonical"]').length,
    prerendered: document.getElementById('folio-prerendered')?.getClientRects().length ?? 0,
  }));
  assert.ok(frames[0].prerendered && !frames[0].live, 'the first frame showed the prerendered page');
  const first = frames[0];
  for (const frame of frames) {
    assert.deepEqual([frame.text, frame.headline], [first.text, first.headline], `the headline stayed put (${JSON.stringify(frame)})`);
  }
  assert.equal(headlines, 1);
  assert.equal(canonicals, 1, 'the prerendered head tags were replaced, not doubled');
  assert.equal(prerendered, 0);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('display settings apply at once and survive a reload', async () => {
  const page = await engine.open();
  await openArticle(page, LONG_READ);
  await clickText(page, '.reader-controls summary', 'Display');
  await page.click('input[name="folio-theme"][value="dark"]');
  await page.click('input[name="folio-text-size"][value="3"]');
  const applied = () =>
    page.evaluate(() => ({
      theme: document.documentElement.dataset.theme ?? null,
      scale: getComputedStyle(document.documentElement).getPropertyValue('--text-scale').trim(),
      background: getComputedStyle(document.body).backgroundColor,
    }));
  assert.deepEqual(await applied(), { theme: 'dark', scale: '1.3', background: 'rgb(21, 23, 26)' });

  await page.reload();
  await waitForHeadline(page, sampleArticle(LONG_READ).headline);
  assert.deepEqual(await applied(), { theme: 'dark', scale: '1.3', background: 'rgb(21, 23, 26)' });
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('share uses the Web Share API where there is one, and copies the address where not', async () => {
  const page = await engine.open();
  await openArticle(page, LONG_READ);
  const canShare = await page.evaluate(() => 'share' in navigator);
  if (canShare) {
    // Record the share instead of opening the system's sheet.
    await page.evaluate(() => {
      navigator.share = async (data) => {
        window.__shared = data;
      };
    });
  }
  await clickText(page, '.article-tools button', 'Share');
  if (canShare) {
    assert.equal((await page.waitFor(() => window.__shared)).url, articleUrl(LONG_READ));
  } else {
    // The copy fallback answers through the live region, whether the engine let it copy or not.
    const said = await page.waitFor(() => document.getElementById('folio-announcer').textContent);
    assert.match(said, /^(Link copied|The link couldn't be copied)$/);
  }
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('the reading-progress bar follows the scroll where scroll-driven animations exist, and stays empty where not', async () => {
  const page = await engine.open();
  await openArticle(page, LONG_READ);
  const supported = await page.evaluate(() => CSS.supports('animation-timeline: scroll()'));
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  // Two frames later the scroll has been painted.
  const scale = await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(new DOMMatrix(getComputedStyle(document.querySelector('.reading-progress')).transform).a)),
        ),
      ),
  );
  if (supported) {
    assert.ok(Math.abs(scale - 0.5) < 0.05, `half-way: ${scale}`);
  } else {
    assert.equal(scale, 0, `${ENGINE} has no scroll-driven animations: the bar stays empty`);
  }
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
