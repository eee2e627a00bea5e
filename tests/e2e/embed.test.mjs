// Embeds (docs/embedding.md) on a host page served from another loopback origin whose own
// stylesheet is hostile (tests/e2e/embed-host/): <folio-article> elements in shadow roots,
// and links turned into self-sizing iframes of /embed/articles/<id>. Folio is served by nginx
// with deploy/nginx.conf (its CORS headers are what lets other origins embed), and by the
// xtask's server for the hostile corpus.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, requireEnv, sampleArticle } from './support.mjs';

const FOLIO = requireEnv('FOLIO_NGINX_URL');
const HOST = requireEnv('FOLIO_EMBED_HOST_URL');
const HOSTILE = requireEnv('FOLIO_HOSTILE');

const articleJson = (id, base = FOLIO) => new URL(`content/articles/${id}.json`, base).href;
const headline = (id) => sampleArticle(id).headline;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** The host page with folio-embed.js from `folio`, recording every request it makes. */
async function openHost({ folio = FOLIO, width = 1280, height = 900 } = {}) {
  const page = await openPage(browser, { width, height });
  page.requests = [];
  page.on('request', (request) => page.requests.push(request.url()));
  await page.goto(`${HOST}index.html?folio=${encodeURIComponent(folio)}`);
  await page.waitForFunction(() => customElements.get('folio-article'));
  return page;
}

/** Adds `<folio-article>` elements with the given attributes to the host page. */
function addElements(page, elements) {
  return page.evaluate((elements) => {
    for (const attributes of elements) {
      const element = document.createElement('folio-article');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.getElementById('embeds').append(element);
    }
  }, elements);
}

/** The element's headline, once its article (not its loading state) is in. */
async function embeddedHeadline(page, index) {
  const heading = page.locator('folio-article').nth(index).getByRole('heading', { level: 1 });
  await heading.waitFor();
  return heading.textContent();
}

/** Computed styles of an element inside the nth element's shadow root (or of the host's). */
function styles(page, index, selector) {
  return page.evaluate(([index, selector]) => {
    const root = index === null ? document : document.querySelectorAll('folio-article')[index].shadowRoot;
    const style = getComputedStyle(root.querySelector(selector));
    return {
      color: style.color,
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      textTransform: style.textTransform,
      letterSpacing: style.letterSpacing,
      display: style.display,
      borderTopStyle: style.borderTopStyle,
    };
  }, [index, selector]);
}

test('three elements show three articles with Folio\'s styles; the host keeps its own', async () => {
  const ids = ['tide-mill-turns-again', 'night-ferry-timetable', 'harbour-road-cycle-lane'];
  // The same article on Folio's own page, for the styles an embed must have.
  const own = await openPage(browser);
  await own.goto(new URL(`articles/${ids[0]}`, FOLIO).href);
  await own.getByRole('heading', { level: 1, name: headline(ids[0]) }).waitFor();
  const ownStyles = await own.evaluate(() => {
    const pick = (element) => {
      const style = getComputedStyle(element);
      return { color: style.color, fontFamily: style.fontFamily, fontSize: style.fontSize, textTransform: style.textTransform };
    };
    return { h1: pick(document.querySelector('h1')), p: pick(document.querySelector('.article-body p')) };
  });
  await own.context().close();

  const page = await openHost();
  await addElements(page, ids.map((id) => ({ src: articleJson(id) })));
  for (const [index, id] of ids.entries()) {
    assert.equal(await embeddedHeadline(page, index), headline(id));
  }

  for (const index of [0, 1, 2]) {
    const h1 = await styles(page, index, 'h1');
    assert.deepEqual(
      { color: h1.color, fontFamily: h1.fontFamily, fontSize: h1.fontSize, textTransform: h1.textTransform },
      ownStyles.h1,
      `element ${index}: the headline looks as on Folio's page`,
    );
    assert.equal(h1.letterSpacing, 'normal');
    const p = await styles(page, index, '.article-body p');
    assert.equal(p.display, 'block', 'paragraphs are shown despite the host\'s p { display: none }');
    assert.deepEqual(
      { color: p.color, fontFamily: p.fontFamily, fontSize: p.fontSize, textTransform: p.textTransform },
      ownStyles.p,
    );
    assert.equal((await styles(page, index, 'article')).borderTopStyle, 'none', 'the host\'s borders stay out');
  }

  // The host's own elements keep the host's styles, and Folio's do not leak out.
  const hostHeading = await styles(page, null, '#host-heading');
  assert.equal(hostHeading.textTransform, 'uppercase');
  assert.equal(hostHeading.color, 'rgb(255, 0, 0)');
  assert.equal(hostHeading.fontSize, '40px');
  assert.equal(hostHeading.letterSpacing, '12px');
  const hostParagraph = await styles(page, null, '#host-paragraph');
  assert.equal(hostParagraph.fontFamily, 'serif');
  assert.equal(await page.evaluate(() => document.title), 'A host page that embeds Folio', 'the host\'s title is its own');

  // Related links open the full article on Folio's host.
  const related = page.locator('folio-article').nth(0).getByRole('complementary', { name: 'Related' }).getByRole('link').first();
  assert.match(await related.getAttribute('href'), new RegExp(`^${FOLIO}articles/[a-z0-9-]+$`));
  assert.equal(await related.getAttribute('target'), null, 'same tab by default');
  // Images come from Folio's host, not from the host page's.
  const image = page.locator('folio-article').nth(0).locator('.figure img').first();
  assert.ok((await image.getAttribute('src')).startsWith(`${FOLIO}content/images/`));
  await page.waitForFunction(() => {
    const image = document.querySelector('folio-article').shadowRoot.querySelector('.figure img');
    return image.complete && image.naturalWidth > 0;
  });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the wasm module and the configuration are fetched once for all the elements', async () => {
  const page = await openHost();
  const ids = ['tide-mill-turns-again', 'night-ferry-timetable', 'lantern-workshop'];
  await addElements(page, ids.map((id) => ({ src: articleJson(id) })));
  for (const index of [0, 1, 2]) await embeddedHeadline(page, index);
  const wasm = page.requests.filter((url) => url.endsWith('.wasm'));
  assert.equal(wasm.length, 1, wasm.join('\n'));
  assert.ok(wasm[0].startsWith(FOLIO));
  assert.equal(page.requests.filter((url) => url.endsWith('/folio.config.json')).length, 1);
  await page.context().close();
});

test('attributes: compact, dark theme, links in a new tab', async () => {
  const page = await openHost();
  const id = 'night-ferry-timetable';
  await addElements(page, [
    { src: articleJson(id), compact: '', links: 'new-tab' },
    { src: articleJson(id), theme: 'dark' },
    { src: articleJson(id), theme: 'light' },
  ]);
  assert.equal(await embeddedHeadline(page, 0), headline(id));
  const compact = page.locator('folio-article').nth(0);
  assert.equal(await compact.locator('.article-body').count(), 0, 'no body in compact mode');
  assert.ok(await compact.getByText(sampleArticle(id).dek).isVisible());
  const more = compact.getByRole('link', { name: 'Read the full article' });
  assert.equal(await more.getAttribute('href'), `${FOLIO}articles/${id}`);
  assert.equal(await more.getAttribute('target'), '_blank');

  await embeddedHeadline(page, 1);
  await embeddedHeadline(page, 2);
  const background = (index) =>
    page.evaluate((index) => getComputedStyle(document.querySelectorAll('folio-article')[index].shadowRoot.querySelector('.folio-embed')).backgroundColor, index);
  assert.equal(await background(1), 'rgb(21, 23, 26)', 'dark');
  assert.equal(await background(2), 'rgb(253, 252, 249)', 'light');
  await page.context().close();
});

test('ads: containers in the light DOM with ids unique across embeds, announced with composed events', async () => {
  const page = await openHost();
  const id = 'tide-mill-turns-again';
  await addElements(page, [{ src: articleJson(id), ads: '' }, { src: articleJson(id), ads: '' }, { src: articleJson(id) }]);
  for (const index of [0, 1, 2]) await embeddedHeadline(page, index);
  const containers = await page.evaluate(() =>
    [...document.querySelectorAll('folio-article')].map((element) => ({
      light: [...element.children].map((child) => child.id),
      slots: element.shadowRoot.querySelectorAll('slot.ad-slot__container').length,
    })),
  );
  assert.ok(containers[0].light.length >= 2, JSON.stringify(containers));
  assert.equal(containers[0].light.length, containers[0].slots);
  assert.equal(containers[1].light.length, containers[0].light.length);
  assert.deepEqual(containers[2], { light: [], slots: 0 }, 'no ads without the attribute');
  const ids = [...containers[0].light, ...containers[1].light];
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const id of ids) {
    assert.equal(await page.evaluate((id) => document.querySelectorAll(`#${CSS.escape(id)}`).length, id), 1);
  }

  // The top slot of the first element is in view: the host's document listener hears of it.
  await page.waitForFunction(() => window.folioEvents.some((event) => event.name === 'folio:adslot'));
  const announced = await page.evaluate(() => window.folioEvents.filter((event) => event.name === 'folio:adslot'));
  assert.equal(announced[0].target, containers[0].light.find((id) => id.endsWith('-top')));
  assert.equal(announced[0].detail.articleId, id);
  // The reserved box is the slot's size, and the light-DOM container fills it.
  const box = await page.evaluate((containerId) => {
    const rect = document.getElementById(containerId).getBoundingClientRect();
    return [Math.round(rect.width), Math.round(rect.height)];
  }, announced[0].target);
  assert.deepEqual(box, [728, 90]);
  await page.context().close();
});

test('changing src swaps the article; a removed element leaves nothing running', async () => {
  const page = await openHost();
  await addElements(page, [
    { src: articleJson('tide-mill-turns-again') },
    { src: articleJson('lighthouse-keepers-ledger'), ads: '' },
  ]);
  await embeddedHeadline(page, 0);
  await embeddedHeadline(page, 1);

  await page.evaluate((src) => document.querySelector('folio-article').setAttribute('src', src), articleJson('night-ferry-timetable'));
  await page
    .locator('folio-article')
    .nth(0)
    .getByRole('heading', { level: 1, name: headline('night-ferry-timetable') })
    .waitFor();

  // Listeners on window and document before and after the second element's life.
  const cdp = await page.context().newCDPSession(page);
  const listenerCount = async () => {
    let count = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      count += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
    }
    return count;
  };
  const second = page.locator('folio-article').nth(1);
  const lightIds = await second.evaluate((element) => [...element.children].map((child) => child.id));
  assert.ok(lightIds.length > 0);
  const before = await listenerCount();
  await page.evaluate(() => document.querySelectorAll('folio-article')[1].remove());

  assert.equal(await page.locator('folio-article').count(), 1);
  assert.equal(await page.evaluate((ids) => ids.filter((id) => document.getElementById(id)).length, lightIds), 0, 'its ad containers are gone');
  // Nothing it started is still running: scroll the page through, wait, and watch.
  // (The remaining element may still fetch its lazy images as the page scrolls.)
  const requestsAfter = page.requests.length;
  const eventsAfter = await page.evaluate(() => window.folioEvents.length);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1500);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const fetched = page.requests.slice(requestsAfter).filter((url) => !url.includes('/content/images/'));
  assert.deepEqual(fetched, [], 'no request after removal');
  const later = await page.evaluate((count) => window.folioEvents.slice(count), eventsAfter);
  assert.ok(later.every((event) => event.name === 'folio:adslot-destroy'), JSON.stringify(later));
  assert.ok((await listenerCount()) <= before, 'no listener left behind');
  // The other element still works.
  assert.equal(await embeddedHeadline(page, 0), headline('night-ferry-timetable'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a missing article shows the embed\'s not-found state, not a blank box', async () => {
  const page = await openHost();
  await addElements(page, [{ src: articleJson('no-such-article') }]);
  assert.equal(await embeddedHeadline(page, 0), 'Page not found');
  const element = page.locator('folio-article');
  const link = element.getByRole('link', { name: /^Go to / });
  assert.equal(await link.getAttribute('href'), FOLIO);
  const height = await element.evaluate((element) => element.getBoundingClientRect().height);
  assert.ok(height >= 160, `${height}px`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the hostile corpus through <folio-article>: a message or the reduced article, nothing runs', async () => {
  const page = await openHost({ folio: SITE_URL });
  const reset = 'night-ferry-timetable';
  await addElements(page, [{ src: articleJson(reset, SITE_URL) }]);
  const element = page.locator('folio-article');
  const show = async (src, name) => {
    await page.evaluate((src) => document.querySelector('folio-article').setAttribute('src', src), src);
    await element.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  };
  for (const name of readdirSync(HOSTILE).sort()) {
    const expect = JSON.parse(readFileSync(join(HOSTILE, name, 'expect.json'), 'utf8'));
    copyFileSync(join(HOSTILE, name, 'input'), join(SITE_DIR, 'content/articles', `${name}.json`));
    try {
      // A known article first, so what follows is this case's answer, not the last one's.
      await show(articleJson(reset, SITE_URL), headline(reset));
      await page.evaluate((src) => document.querySelector('folio-article').setAttribute('src', src), articleJson(name, SITE_URL));
      const expected = expect.shows === 'article' ? expect.headline : "This article couldn't be loaded";
      await element.getByRole('heading', { level: 1, name: expected, exact: true }).waitFor({ timeout: 5000 }).catch(async () => {
        assert.fail(`${name}: expected ${JSON.stringify(expected)}, shown: ${await element.evaluate((e) => e.shadowRoot.textContent.slice(0, 300))}`);
      });
      if (expect.shows !== 'article') {
        assert.match(await element.getByRole('alert').textContent(), new RegExp(expect.message), name);
      }
      const dangerous = await element.evaluate((element) => ({
        markup: element.shadowRoot.querySelectorAll('script, img[onerror], svg, style, iframe').length,
        hrefs: [...element.shadowRoot.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      }));
      assert.equal(dangerous.markup, 0, name);
      for (const href of dangerous.hrefs) {
        assert.doesNotMatch(href.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):|^[\\/]{2}/i, `${name}: ${href}`);
      }
      assert.equal(await page.evaluate(() => window.__folioPwned), undefined, `${name}: no injected code ran`);
    } finally {
      removeArticle(name);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The host page with one `<a class="folio-embed">` turned into a frame, scrolled into view. */
async function openFrame(id, { width = 1280, height = 900 } = {}) {
  const page = await openHost({ width, height });
  await page.evaluate(([href, text]) => window.addFolioLink(href, text), [new URL(`articles/${id}`, FOLIO).href, headline(id)]);
  const iframe = page.locator('iframe.folio-embed-frame');
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.getByRole('heading', { level: 1, name: headline(id) }).waitFor();
  return { page, iframe, frame };
}

/** The iframe's height and its document's, once they agree (or the last reading). */
async function heights(page, iframe, frame) {
  let reading;
  for (let attempt = 0; attempt < 40; attempt++) {
    const documentHeight = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    const frameHeight = await iframe.evaluate((element) => element.getBoundingClientRect().height);
    reading = { documentHeight, frameHeight };
    if (Math.abs(documentHeight - frameHeight) <= 2) break;
    await page.waitForTimeout(100);
  }
  return reading;
}

test('the iframe embed takes its document\'s height, after images load and after a resize', async () => {
  const id = 'tide-mill-turns-again';
  const { page, iframe, frame } = await openFrame(id);
  assert.equal(await iframe.getAttribute('title'), headline(id));
  // Lazy images load as the host page scrolls them into view.
  for (let y = 0; y < 6000; y += 600) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await page.waitForTimeout(50);
  }
  await frame.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
  let reading = await heights(page, iframe, frame);
  assert.ok(Math.abs(reading.documentHeight - reading.frameHeight) <= 2, JSON.stringify(reading));
  assert.ok(reading.frameHeight > 1000, 'the whole article, not the reserve');
  const wide = reading.frameHeight;

  await page.setViewportSize({ width: 390, height: 800 });
  reading = await heights(page, iframe, frame);
  assert.ok(Math.abs(reading.documentHeight - reading.frameHeight) <= 2, JSON.stringify(reading));
  assert.ok(reading.frameHeight > wide, 'a narrower column is taller');

  // The frame shows the article alone, without ads, and its links leave the frame.
  assert.equal(await frame.locator('.site-header, .ad-slot').count(), 0);
  const related = frame.getByRole('complementary', { name: 'Related' }).getByRole('link').first();
  assert.equal(await related.getAttribute('target'), '_top');
  assert.match(await related.getAttribute('href'), new RegExp(`^${FOLIO}articles/`));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('height messages count only from Folio\'s origin, and the frame answers only its parent', async () => {
  const { page, iframe, frame } = await openFrame('night-ferry-timetable');
  const settled = (await heights(page, iframe, frame)).frameHeight;
  const other = new URL(HOST);
  other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';

  // A page on a third origin asks the Folio frame for its height: no answer.
  const heard = () => page.evaluate(() => window.folioHeights.length);
  const before = await heard();
  await page.evaluate((src) => {
    const spy = document.createElement('iframe');
    spy.src = src;
    document.body.append(spy);
  }, `${other.origin}/spoof.html?measure`);
  await page.waitForTimeout(1000);
  assert.equal(await heard(), before, 'the frame did not answer another origin');
  // Its parent asks: an answer.
  await page.evaluate(() => document.querySelector('iframe.folio-embed-frame').contentWindow.postMessage({ type: 'folio:embed-measure' }, '*'));
  await page.waitForFunction((count) => window.folioHeights.length > count, before);

  // The Folio frame's window, navigated to another origin, claims a height of 5 px: ignored.
  await frame.goto(`${other.origin}/spoof.html?height=5`);
  await page.waitForFunction(() => window.folioHeights.some((message) => message.height === 5));
  await page.waitForTimeout(300);
  assert.equal(await iframe.evaluate((element) => element.getBoundingClientRect().height), settled);
  await page.context().close();
});

/** The oEmbed 1.0 rules (oembed.com, 2.3.4) a `rich` document must follow. */
function assertOembedRules(document) {
  assert.equal(document.version, '1.0');
  assert.equal(document.type, 'rich');
  assert.equal(typeof document.html, 'string');
  for (const key of ['width', 'height']) {
    assert.ok(Number.isInteger(document[key]) && document[key] > 0, `${key}: ${document[key]}`);
  }
  for (const key of ['title', 'author_name', 'author_url', 'provider_name', 'provider_url', 'thumbnail_url']) {
    assert.ok(document[key] === undefined || typeof document[key] === 'string', key);
  }
  assert.ok(document.cache_age === undefined || Number.isInteger(document.cache_age));
  const thumbnail = ['thumbnail_url', 'thumbnail_width', 'thumbnail_height'].filter((key) => key in document);
  assert.ok(thumbnail.length === 0 || thumbnail.length === 3, `thumbnail fields come together: ${thumbnail}`);
  if (thumbnail.length) {
    assert.ok(Number.isInteger(document.thumbnail_width) && Number.isInteger(document.thumbnail_height));
  }
}

test('oEmbed: each article page names its document, which follows the rules; /oembed?url= answers with it', async () => {
  const id = 'tide-mill-turns-again';
  const pageUrl = new URL(`articles/${id}`, FOLIO).href;
  const html = await (await fetch(pageUrl)).text();
  const discovery = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/)?.[1];
  assert.equal(discovery, new URL(`articles/${id}/oembed.json`, FOLIO).href);
  const response = await fetch(discovery);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  const oembed = await response.json();
  assertOembedRules(oembed);
  const article = sampleArticle(id);
  assert.equal(oembed.title, article.headline);
  assert.equal(oembed.author_name, article.authors.map((author) => author.name).join(', '));
  assert.equal(oembed.provider_url, FOLIO);
  assert.equal(oembed.thumbnail_url, new URL(article.image.src, FOLIO).href);
  assert.deepEqual([oembed.thumbnail_width, oembed.thumbnail_height], [article.image.width, article.image.height]);

  // The standard endpoint, as deploy/nginx.conf answers it.
  const endpoint = (url, format = 'json') => fetch(`${FOLIO}oembed?url=${encodeURIComponent(url)}&format=${format}`);
  assert.deepEqual(await (await endpoint(pageUrl)).json(), oembed);
  assert.deepEqual(await (await fetch(`${FOLIO}oembed?url=${pageUrl}`)).json(), oembed, 'an unencoded url, no format');
  assert.equal((await endpoint(pageUrl, 'xml')).status, 501);
  assert.equal((await endpoint(new URL('articles/no-such-article', FOLIO).href)).status, 404);
  assert.equal((await endpoint(FOLIO)).status, 404);
});

test('oEmbed: its html shows the article in a page on another origin with every script stripped, and sizes it with them', async () => {
  const id = 'lantern-workshop';
  const oembed = await (await fetch(new URL(`articles/${id}/oembed.json`, FOLIO))).json();
  const stripped = oembed.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  assert.ok(stripped.includes('<iframe') && !/<script/i.test(stripped), stripped);

  // The host page without folio-embed.js: what a consumer that strips scripts shows.
  const page = await openPage(browser);
  await page.goto(`${HOST}index.html`);
  await page.evaluate((html) => document.getElementById('embeds').insertAdjacentHTML('beforeend', html), stripped);
  await page.frameLocator('iframe.folio-embed-frame').getByRole('heading', { level: 1, name: headline(id) }).waitFor();
  const box = await page.locator('iframe.folio-embed-frame').boundingBox();
  assert.equal(Math.round(box.height), oembed.height);
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The same html with its script (a fragment's scripts run): the frame takes the article's height.
  const scripted = await openPage(browser);
  await scripted.goto(`${HOST}index.html`);
  await scripted.evaluate((html) => {
    document.getElementById('embeds').append(document.createRange().createContextualFragment(html));
  }, oembed.html);
  await scripted.waitForFunction(
    (height) => document.querySelector('iframe.folio-embed-frame').getBoundingClientRect().height > height,
    oembed.height,
  );
  await scripted.frameLocator('iframe.folio-embed-frame').getByRole('heading', { level: 1, name: headline(id) }).waitFor();
  assert.deepEqual(scripted.errors, []);
  await scripted.context().close();
});
