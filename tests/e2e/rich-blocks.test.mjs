// Richer articles (issue: galleries, video and audio, tables, key points, corrections, live
// coverage): each new part as a reader meets it, at a phone's and a desktop's width, in the
// light and dark themes (screenshots in target/screenshots/), with axe-core. That the
// prerendered page and the viewer agree on them is takeover.test.mjs's (it walks every sample).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ArticlePage, SCREENSHOTS, SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, sampleArticle, violations } from './support.mjs';

/** The sample with key points, a table (its last row short) and a correction. */
const CORRECTED = 'allotment-waiting-list-halves';
/** The photo essay: a gallery of five images of three shapes. */
const PHOTO_ESSAY = 'salt-marsh-winter';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openArticle(id, { width = 1280, theme } = {}) {
  const page = await openPage(browser, { width, height: 900 });
  // Layout shifts the reader did not cause, from the start.
  await page.addInitScript(() => {
    window.unexpectedShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.unexpectedShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(new URL(`articles/${id}`, SITE_URL).href);
  await new ArticlePage(page).waitForHeadline(sampleArticle(id).headline);
  if (theme) await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), theme);
  return page;
}

test('key points, a table and a correction at 375 and 1280 px, light and dark: in place, named, and axe finds nothing', async () => {
  const json = sampleArticle(CORRECTED);
  const [table] = json.body.filter((block) => block.type === 'table');
  const [correction] = json.corrections;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    for (const theme of ['light', 'dark']) {
      const label = `${width} px, ${theme}`;
      const page = await openArticle(CORRECTED, { width, theme });

      // Key points: a box between the header and the body, in the article's words.
      const keyPoints = page.locator('article .key-points');
      assert.equal(await keyPoints.getByRole('heading', { level: 2 }).textContent(), 'Key points', label);
      assert.equal(await keyPoints.getByRole('listitem').count(), json.keyPoints.length, label);
      const order = await page.evaluate(() => {
        const top = (selector) => document.querySelector(selector).getBoundingClientRect().top;
        return { header: top('.article-header'), points: top('.key-points'), body: top('.article-body') };
      });
      assert.ok(order.header < order.points && order.points < order.body, `${label}: ${JSON.stringify(order)}`);

      // The table: in a focusable box named by its caption, every row as wide as the header.
      const region = page.getByRole('region', { name: table.caption });
      assert.equal(await region.getAttribute('tabindex'), '0', label);
      assert.equal(await region.locator('caption').textContent(), table.caption, label);
      assert.deepEqual(await region.getByRole('columnheader').allTextContents(), table.header, label);
      const cellsPerRow = await region.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.cells.length));
      assert.deepEqual(cellsPerRow, table.rows.map(() => table.header.length), `${label}: the short last row is padded`);
      const widths = await region.evaluate((box) => ({
        box: box.clientWidth,
        table: box.scrollWidth,
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      assert.ok(widths.page <= widths.viewport, `${label}: the page never scrolls sideways: ${JSON.stringify(widths)}`);
      // Too wide for a phone: it scrolls inside its box.
      if (width === 375) assert.ok(widths.table > widths.box, `${label}: ${JSON.stringify(widths)}`);

      // The correction: a line under the byline, the dated note at the end, the byline's date.
      const line = page.getByRole('link', { name: 'This article has been corrected' });
      assert.match(await line.getAttribute('href'), new RegExp(`/articles/${CORRECTED}#corrections$`), label);
      const note = page.locator('#corrections');
      assert.equal(await note.getByRole('heading', { level: 2 }).textContent(), 'Corrections', label);
      assert.equal(await note.locator('time').getAttribute('datetime'), correction.date, label);
      assert.ok((await note.textContent()).includes(correction.text), label);
      assert.equal(await page.locator('.byline .dates time').last().getAttribute('datetime'), correction.date, `${label}: updated by the correction`);

      assert.deepEqual(await violations(page), [], label);
      assert.equal(await page.evaluate(() => window.unexpectedShift), 0, `${label}: nothing moved`);
      const path = new URL(`${CORRECTED}-${theme}-${width}.png`, SCREENSHOTS);
      await page.screenshot({ path: path.pathname, fullPage: true });
      assert.ok(readFileSync(path).length > 10_000, label);
      if (width === 375) {
        // From the keyboard too.
        await region.focus();
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((box) => box.scrollLeft > 0, await region.elementHandle());
      }
      assert.deepEqual(page.errors, [], label);
      await page.context().close();
    }
  }
});

test('a gallery at 375 and 1280 px, light and dark: one image at a time, stepped by buttons or keys, its place said, nothing moving', async () => {
  const json = sampleArticle(PHOTO_ESSAY);
  const [gallery] = json.body.filter((block) => block.type === 'gallery');
  const count = gallery.images.length;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    for (const theme of ['light', 'dark']) {
      const label = `${width} px, ${theme}`;
      const page = await openArticle(PHOTO_ESSAY, { width, theme });
      const group = page.getByRole('figure', { name: gallery.caption });
      const track = group.getByRole('list');
      assert.equal(await track.getByRole('listitem').count(), count, label);
      assert.deepEqual(
        await track.getByRole('listitem').evaluateAll((slides) => slides.map((slide) => slide.getAttribute('aria-label'))),
        gallery.images.map((_, index) => `${index + 1} of ${count}`),
        label,
      );
      // Every image, loaded or not, has its box: one frame, the width of the row, whatever the
      // image's shape (each image keeps its size attributes, for the browser to fit it).
      const boxes = await track.locator('img').evaluateAll((images) =>
        images.map((image) => {
          const box = image.getBoundingClientRect();
          return { width: box.width, height: box.height, sized: image.hasAttribute('width') && image.hasAttribute('height') };
        }),
      );
      const rowWidth = await track.evaluate((row) => row.clientWidth);
      for (const box of boxes) {
        assert.ok(box.sized && Math.abs(box.width - rowWidth) < 1 && Math.abs(box.height - (rowWidth * 2) / 3) < 1, `${label}: ${JSON.stringify(box)}`);
      }
      const position = group.locator('.gallery__position');
      const previous = group.getByRole('button', { name: 'Previous image' });
      const next = group.getByRole('button', { name: 'Next image' });
      assert.equal(await position.textContent(), `1 of ${count}`, label);
      assert.equal(await previous.isDisabled(), true, label);
      await page.screenshot({ path: new URL(`${PHOTO_ESSAY}-${theme}-${width}.png`, SCREENSHOTS).pathname, fullPage: true });
      assert.deepEqual(await violations(page), [], label);

      // Once per width (the theme changes no behaviour): the buttons step through it to the
      // end, and the slide shown is the one the count says.
      if (theme === 'dark') {
        assert.deepEqual(page.errors, [], label);
        await page.context().close();
        continue;
      }
      for (let shown = 2; shown <= count; shown++) {
        await next.click();
        await page.waitForFunction(([text, expected]) => text.textContent === expected, [await position.elementHandle(), `${shown} of ${count}`]);
        await page.waitForFunction(
          ([row, index]) => Math.abs(row.children[index].getBoundingClientRect().left - row.getBoundingClientRect().left) < 2,
          [await track.elementHandle(), shown - 1],
        );
      }
      assert.equal(await next.isDisabled(), true, label);
      // The arrow keys scroll the focused row one image back.
      await track.focus();
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(([text, expected]) => text.textContent === expected, [await position.elementHandle(), `${count - 1} of ${count}`]);

      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      assert.ok(widths.page <= widths.viewport, `${label}: the page never scrolls sideways: ${JSON.stringify(widths)}`);
      assert.equal(await page.evaluate(() => window.unexpectedShift), 0, `${label}: nothing moved as the images loaded`);
      assert.deepEqual(page.errors, [], label);
      await page.context().close();
    }
  }
});

test('a video and a sound clip: nothing loads before play, the video’s box is kept, its captions come from beside it, and both play', async () => {
  const json = sampleArticle(CORRECTED);
  const [video] = json.body.filter((block) => block.type === 'video');
  const [audio] = json.body.filter((block) => block.type === 'audio');
  const page = await openPage(browser, { width: 375 });
  const media = [];
  page.on('request', (request) => /\.(webm|vtt)$/.test(new URL(request.url()).pathname) && media.push(new URL(request.url()).pathname));
  await page.goto(new URL(`articles/${CORRECTED}`, SITE_URL).href);
  await new ArticlePage(page).waitForHeadline(json.headline);

  const player = page.locator('.video video');
  assert.equal(await player.getAttribute('preload'), 'none');
  assert.equal(await player.getAttribute('controls'), '');
  assert.match(await player.getAttribute('poster'), /\/content\/images\/plots-grow-poster\.svg$/);
  const box = await player.boundingBox();
  assert.ok(Math.abs(box.height / box.width - video.height / video.width) < 0.01, JSON.stringify(box));
  const track = player.locator('track');
  assert.deepEqual(
    await track.evaluate((track) => [track.kind, track.srclang, track.label, track.default]),
    ['captions', 'en-GB', 'English', true],
  );
  const sound = page.getByRole('figure', { name: new RegExp(audio.title) });
  assert.ok((await sound.textContent()).includes('0:03'), 'the clip’s length');
  assert.equal(await sound.locator('audio').getAttribute('preload'), 'none');
  assert.equal(await sound.locator('audio').getAttribute('aria-label'), audio.title);
  await page.waitForTimeout(500);
  assert.deepEqual(media.filter((path) => path.endsWith('.webm')), [], 'no media file before the reader asks');

  // Played (muted: a test is not a reader's gesture), with the captions the track holds.
  await player.evaluate((video) => {
    video.muted = true;
    return video.play();
  });
  await page.waitForFunction((video) => video.currentTime > 0, await player.elementHandle());
  await page.waitForFunction((video) => video.textTracks[0]?.cues?.length === 2, await player.elementHandle());
  await sound.locator('audio').evaluate((audio) => {
    audio.muted = true;
    return audio.play();
  });
  await page.waitForFunction((audio) => audio.currentTime > 0, await sound.locator('audio').elementHandle());
  assert.deepEqual([...new Set(media)].sort(), ['/content/media/plots-grow.en.vtt', '/content/media/plots-grow.webm', '/content/media/robin-on-plot-14.webm']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the corrected line leads to the note without a reload, and the JSON-LD carries the correction', async () => {
  const json = sampleArticle(CORRECTED);
  const page = await openArticle(CORRECTED, { width: 375 });
  await page.evaluate(() => (window.notReloaded = true));
  await page.getByRole('link', { name: 'This article has been corrected' }).click();
  await page.waitForURL(/#corrections$/);
  await page.waitForFunction(() => {
    const note = document.getElementById('corrections').getBoundingClientRect();
    return note.top >= 0 && note.top < window.innerHeight;
  });
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.deepEqual(ld.correction, json.corrections.map(({ date, text }) => ({ '@type': 'CorrectionComment', text, datePublished: date })));
  assert.equal(ld.dateModified, json.corrections.at(-1).date);
  await page.context().close();
});

/**
 * Sample `id` served in Arabic as `copy`, its blocks of type `uncaptioned` without a caption:
 * opened at `width`, handed to `check`, then taken off the server.
 */
async function inArabic(id, copy, uncaptioned, width, check) {
  const json = sampleArticle(id);
  json.id = copy;
  json.language = 'ar';
  for (const block of json.body) if (block.type === uncaptioned) delete block.caption;
  writeFileSync(`${SITE_DIR}/content/articles/${copy}.json`, JSON.stringify(json));
  try {
    const page = await openPage(browser, { width });
    await page.goto(new URL(`articles/${copy}`, SITE_URL).href);
    await new ArticlePage(page).waitForHeadline(json.headline);
    await check(page);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    removeArticle(copy);
  }
}

test('in a right-to-left language, a gallery speaks it and steps the way it reads', async () => {
  await inArabic(PHOTO_ESSAY, 'marsh-in-arabic', 'gallery', 375, async (page) => {
    const group = page.getByRole('figure', { name: 'معرض صور' });
    await group.getByRole('button', { name: 'الصورة التالية' }).click();
    await page.waitForFunction(() => document.querySelector('.gallery__position').textContent === '2 من 5');
    // The second image comes into view, the first leaving to the right: a right-to-left row.
    await page.waitForFunction(() => {
      const row = document.querySelector('.gallery__track');
      const left = (index) => row.children[index].getBoundingClientRect().left - row.getBoundingClientRect().left;
      return Math.abs(left(1)) < 2 && left(0) > 0;
    });
  });
});

test('in the article’s language: the key points, the corrections and an uncaptioned table', async () => {
  await inArabic(CORRECTED, 'allotments-in-arabic', 'table', 1280, async (page) => {
    assert.equal(await page.locator('.key-points h2').textContent(), 'النقاط الرئيسية');
    assert.equal(await page.locator('#corrections h2').textContent(), 'تصحيحات');
    assert.equal(await page.getByRole('link', { name: 'صُحِّح هذا المقال' }).count(), 1);
    assert.equal(await page.getByRole('region', { name: 'جدول' }).locator('caption').count(), 0);
  });
});

/**
 * A stand-in video platform on another loopback port: its player page at `/embed/<id>`, and
 * every request it gets, so a test can tell that nothing reached it before play.
 */
async function startStandInPlayer() {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(request.url);
    if (!request.url.startsWith('/embed/')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Stand-in player</title><p id="player">Stand-in player: playing</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, requests, close: () => server.close() };
}

test('a hosted video: poster and play button, nothing of the platform before play, its player on request; a player the site does not allow is a link', async () => {
  const platform = await startStandInPlayer();
  const configPath = join(SITE_DIR, 'folio.config.json');
  const config = readFileSync(configPath, 'utf8');
  const id = 'hosted-video-on-the-marsh';
  const allowed = {
    type: 'hostedVideo',
    player: `${platform.origin}/embed/marsh-tide?start=4`,
    title: 'The spring tide over the saltings',
    poster: 'content/images/marsh-flood.svg',
    width: 16,
    height: 9,
    caption: 'The flood tide reaches the boardwalk.',
    credit: 'Video: Folio sample',
  };
  const elsewhere = { type: 'hostedVideo', player: 'https://video.example/embed/heron', title: 'A heron lifting off', width: 4, height: 3 };
  writeFileSync(
    join(SITE_DIR, 'content/articles', `${id}.json`),
    JSON.stringify({
      version: 1,
      id,
      headline: 'The tide comes over the saltings',
      published: '2026-12-01T08:00:00Z',
      body: [{ type: 'paragraph', content: 'Twice a month the tide covers the marsh.' }, allowed, elsewhere],
    }),
  );
  // The site allows the stand-in's players (its CSP's frame-src follows: `folio serve` reads it).
  writeFileSync(configPath, JSON.stringify({ ...JSON.parse(config), video: { players: [`${platform.origin}/embed/`] } }));
  try {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [375, 1280]) {
      for (const theme of ['light', 'dark']) {
        const label = `${width} px, ${theme}`;
        const page = await openArticle(id, { width, theme });
        const video = page.getByRole('figure').filter({ hasText: allowed.caption });
        const play = video.getByRole('button', { name: `Play video: ${allowed.title}` });
        assert.match(await play.textContent(), /Playing loads the player from 127\.0\.0\.1:\d+/, label);
        assert.match(await video.locator('.hosted-video__poster').getAttribute('src'), /\/content\/images\/marsh-flood\.svg$/, label);
        const box = await video.locator('.hosted-video__box').boundingBox();
        assert.ok(Math.abs(box.height / box.width - 9 / 16) < 0.01, `${label}: ${JSON.stringify(box)}`);
        // The one the site does not allow: a link to it, in its own shape.
        const link = page.getByRole('link', { name: new RegExp(elsewhere.title) });
        assert.equal(await link.getAttribute('href'), elsewhere.player, label);
        assert.match(await link.textContent(), /Watch the video on video\.example/, label);
        const linkBox = await page.locator('.hosted-video__box').nth(1).boundingBox();
        assert.ok(Math.abs(linkBox.height / linkBox.width - 3 / 4) < 0.01, `${label}: ${JSON.stringify(linkBox)}`);
        await page.screenshot({ path: new URL(`hosted-video-${theme}-${width}.png`, SCREENSHOTS).pathname, fullPage: true });
        assert.deepEqual(await violations(page), [], label);
        await page.waitForTimeout(300);
        assert.equal(await page.locator('iframe').count(), 0, `${label}: no frame before play`);
        assert.deepEqual(platform.requests, [], `${label}: nothing asked of the platform before play`);

        if (theme === 'light') {
          // Play: the player's frame in the same box, from the platform, with the keyboard in it.
          await play.click();
          const frame = video.locator('iframe');
          await frame.waitFor();
          assert.equal(await frame.getAttribute('src'), `${allowed.player}&autoplay=1`, label);
          assert.equal(await frame.getAttribute('title'), allowed.title, label);
          await page.frameLocator('.hosted-video iframe').locator('#player').waitFor();
          assert.deepEqual(platform.requests, ['/embed/marsh-tide?start=4&autoplay=1'], label);
          assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'IFRAME', `${label}: focus in the player`);
          assert.deepEqual(await video.locator('.hosted-video__box').boundingBox(), box, `${label}: the box stays`);
          platform.requests.length = 0;
        }
        assert.equal(await page.evaluate(() => window.unexpectedShift), 0, `${label}: nothing moved`);
        assert.deepEqual(page.errors, [], label);
        await page.context().close();
      }
    }
  } finally {
    writeFileSync(configPath, config);
    removeArticle(id);
    platform.close();
  }
});
