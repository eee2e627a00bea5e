// The reading experience (issue: reader controls, discoverability, accessibility): display
// settings that survive a reload, reading time, progress, paragraph links, sharing, print,
// dates in the reader's locale, interface strings in the article's language, head tags and
// JSON-LD, the prerendered entry pages and their takeover, axe-core, the keyboard, and
// screenshots of every theme in target/screenshots/.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { ArticlePage, SCREENSHOTS, SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, sampleArticle, violations, waitForLive } from './support.mjs';

const LONG_READ = 'lighthouse-keepers-ledger';
const ARABIC = 'lantern-workshop';
const WITH_ADS = 'tide-mill-turns-again';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openArticle(id, options = {}) {
  const page = await openPage(browser, options);
  const article = new ArticlePage(page);
  await page.goto(new URL(`articles/${id}${options.hash ?? ''}`, SITE_URL).href);
  await article.waitForHeadline(sampleArticle(id).headline);
  return { page, article };
}

/** Writes a sample article under another id and language, for the other interface languages. */
function serveInLanguage(id, language) {
  const json = sampleArticle(WITH_ADS);
  json.id = id;
  json.language = language;
  writeFileSync(`${SITE_DIR}/content/articles/${id}.json`, JSON.stringify(json));
  return json;
}

test('display settings apply without re-rendering and survive a reload', async () => {
  const { page } = await openArticle(WITH_ADS);
  await page.evaluate(() => {
    window.headlineBefore = document.querySelector('h1');
  });
  await page.getByText('Display', { exact: true }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('radio', { name: '130%' }).check();
  await page.getByRole('radio', { name: 'Wide' }).check();

  const applied = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      const style = getComputedStyle(root);
      return {
        theme: root.dataset.theme,
        scale: style.getPropertyValue('--text-scale').trim(),
        measure: style.getPropertyValue('--measure').trim(),
        background: getComputedStyle(document.body).backgroundColor,
        rootFontSize: style.fontSize,
      };
    });
  assert.deepEqual(await applied(), {
    theme: 'dark',
    scale: '1.3',
    measure: '52rem',
    background: 'rgb(21, 23, 26)',
    rootFontSize: '20.8px',
  });
  assert.ok(await page.evaluate(() => document.querySelector('h1') === window.headlineBefore), 'the article was not re-rendered');
  const articleWidth = await page.locator('article.article').evaluate((element) => element.getBoundingClientRect().width);
  assert.ok(articleWidth > 42 * 16, `the wide measure applies (${articleWidth}px)`);

  await page.reload();
  // Before the viewer starts: the settings script in <head> already applied them.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitForLive(page);
  assert.deepEqual((await applied()).theme, 'dark');
  await page.getByText('Display', { exact: true }).click();
  assert.ok(await page.getByRole('radio', { name: 'Dark' }).isChecked());
  assert.ok(await page.getByRole('radio', { name: '130%' }).isChecked());
  await page.getByRole('radio', { name: 'System' }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reading time is within 10% of a count of the text at the language\'s reading speed', async () => {
  for (const [id, charactersPerMinute] of [[LONG_READ, 987], [ARABIC, 612]]) {
    const { page } = await openArticle(id);
    const shown = await page.locator('.reading-time').textContent();
    const minutes = Number(shown.match(/\d+/)[0]);
    const characters = await page.locator('.article-body').evaluate((body) => {
      const copy = body.cloneNode(true);
      copy.querySelectorAll('.ad-slot, .paragraph-link').forEach((element) => element.remove());
      return copy.textContent.length;
    });
    const reference = characters / charactersPerMinute;
    assert.ok(Math.abs(minutes - reference) <= Math.max(1, reference * 0.1), `${id}: ${minutes} min shown, ${reference.toFixed(1)} counted`);
    await page.context().close();
  }
});

test('the progress bar follows the scroll, and is left out for reduced motion', async () => {
  const { page } = await openArticle(LONG_READ);
  const progress = () =>
    page.evaluate(() => {
      const bar = document.querySelector('.reading-progress');
      return new DOMMatrix(getComputedStyle(bar).transform).a;
    });
  assert.ok((await progress()) < 0.05);
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  await page.waitForTimeout(100);
  assert.ok(Math.abs((await progress()) - 0.5) < 0.05, `${await progress()}`);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await page.locator('.reading-progress').evaluate((bar) => getComputedStyle(bar).display), 'none');
  await page.context().close();
});

test('a deep link opens at its paragraph; the paragraph link copies its address', async () => {
  const { page } = await openArticle(LONG_READ, { hash: '#p-12' });
  const top = await page.locator('#p-12').evaluate((paragraph) => paragraph.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 100, `#p-12 is at the top of the viewport (${top}px)`);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE_URL).origin });
  const third = page.locator('#p-3');
  await third.hover();
  const link = third.getByRole('link', { name: 'Copy link to paragraph 3' });
  await link.click();
  const expected = new URL(`articles/${LONG_READ}#p-3`, SITE_URL).href;
  await page.waitForFunction(() => document.getElementById('folio-announcer').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.equal(page.url(), expected);
  await page.context().close();
});

test('share: the Web Share API where there is one, otherwise the address is copied', async () => {
  const { page } = await openArticle(WITH_ADS);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(SITE_URL).origin });
  const hasShare = await page.evaluate(() => 'share' in navigator);
  assert.equal(hasShare, false, 'headless Chromium on Linux has no share sheet: this test covers the fallback');
  await page.getByRole('button', { name: 'Share' }).click();
  await page.waitForFunction(() => document.getElementById('folio-announcer').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), new URL(`articles/${WITH_ADS}`, SITE_URL).href);
  await page.context().close();
});

test('print: no ads, no controls, and where links go', async () => {
  const { page } = await openArticle(WITH_ADS);
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    ads: [...document.querySelectorAll('.ad-slot')].map((slot) => getComputedStyle(slot).display),
    tools: getComputedStyle(document.querySelector('.article-tools')).display,
    link: (() => {
      const link = document.querySelector('.related a[href^="http"]');
      return [link.getAttribute('href'), getComputedStyle(link, '::after').content];
    })(),
  }));
  assert.ok(printed.ads.length > 0 && printed.ads.every((display) => display === 'none'), JSON.stringify(printed.ads));
  assert.equal(printed.tools, 'none');
  assert.ok(printed.link[1].includes(printed.link[0]), JSON.stringify(printed.link));
  await page.context().close();
});

test('dates in the reader\'s locale and time zone, recent ones as relative time', async () => {
  const id = 'just-published';
  const json = serveInLanguage(id, 'en');
  json.published = new Date(Date.now() - 3 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  delete json.updated;
  writeFileSync(`${SITE_DIR}/content/articles/${id}.json`, JSON.stringify(json));
  try {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const german = await context.newPage();
    await german.goto(new URL(`articles/${WITH_ADS}`, SITE_URL).href);
    await waitForLive(german);
    const [shown, expected] = await german.evaluate(() => {
      const time = document.querySelector('.dates time');
      const format = new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' });
      return [time.textContent, format.format(new Date(time.dateTime))];
    });
    assert.equal(shown, expected);

    await german.goto(new URL(`articles/${id}`, SITE_URL).href);
    await german.getByRole('heading', { level: 1 }).waitFor();
    const relative = await german.locator('.dates time').first().textContent();
    assert.equal(relative, await german.evaluate(() => new Intl.RelativeTimeFormat('de-DE', { numeric: 'auto' }).format(-3, 'hour')));
    await context.close();
  } finally {
    removeArticle(id);
  }
});

test('interface strings follow the article\'s language, English as the fallback', async () => {
  const expected = {
    ar: ['إعلان', 'العرض'],
    he: ['פרסומת', 'תצוגה'],
    de: ['Anzeige', 'Darstellung'],
    fr: ['Publicité', 'Affichage'],
    es: ['Publicidad', 'Visualización'],
    pt: ['Advertisement', 'Display'],
  };
  for (const [language, [advertisement, display]] of Object.entries(expected)) {
    const id = `strings-${language}`;
    serveInLanguage(id, language);
    try {
      const page = await openPage(browser);
      await page.goto(new URL(`articles/${id}`, SITE_URL).href);
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.locator('.ad-slot__label').first().textContent(), advertisement, language);
      assert.equal(await page.locator('.reader-controls summary').textContent(), display, language);
      assert.equal(await page.getByRole('complementary', { name: advertisement }).count() > 0, true, language);
      await page.context().close();
    } finally {
      removeArticle(id);
    }
  }
});

/** The head as a crawler reads it: title, description, canonical, Open Graph, JSON-LD (which
 * the viewer puts in a task after its page). */
async function readHead(page) {
  await page.waitForFunction(() => document.querySelector('script[type="application/ld+json"]'));
  return page.evaluate(() => {
    const meta = (key) => [...document.querySelectorAll(`meta[name="${key}"], meta[property="${key}"]`)].map((tag) => tag.content);
    const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')];
    return {
      title: document.title,
      description: meta('description'),
      canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((link) => link.href),
      ogTitle: meta('og:title'),
      ogImage: meta('og:image'),
      twitterCard: meta('twitter:card'),
      jsonLd: scripts.map((script) => JSON.parse(script.textContent)),
    };
  });
}

function assertHeadDescribes(head, json, url) {
  assert.equal(head.title, `${json.headline} · Folio`);
  assert.deepEqual(head.description, json.dek ? [json.dek] : []);
  assert.deepEqual(head.canonical, [url]);
  assert.deepEqual(head.ogTitle, [json.headline]);
  assert.equal(head.jsonLd.length, 1);
  const [ld] = head.jsonLd;
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, json.headline);
  assert.equal(ld.datePublished, json.published);
  assert.equal(ld.dateModified, json.updated ?? json.published);
  assert.deepEqual(ld.author.map((author) => author.name), (json.authors ?? []).map((author) => author.name));
  assert.equal(ld.publisher.name, 'Folio');
  assert.equal(ld.articleSection, json.section);
  assert.deepEqual(ld.keywords, json.tags);
  assert.equal(ld.inLanguage, json.language);
  assert.equal(ld.mainEntityOfPage, url);
  if (json.image) assert.deepEqual(ld.image, [new URL(json.image.src, SITE_URL).href]);
}

test('head tags and JSON-LD describe the article, and follow client-side navigation', async () => {
  const { page } = await openArticle(WITH_ADS);
  assertHeadDescribes(await readHead(page), sampleArticle(WITH_ADS), new URL(`articles/${WITH_ADS}`, SITE_URL).href);
  const related = sampleArticle(WITH_ADS).related.find((item) => /^\/?articles\//.test(item.url));
  const target = related.url.replace(/^\/?articles\//, '');
  await page.getByRole('complementary', { name: 'Related' }).getByRole('link', { name: related.title }).click();
  await page.getByRole('heading', { level: 1, name: sampleArticle(target).headline }).waitFor();
  assertHeadDescribes(await readHead(page), sampleArticle(target), new URL(`articles/${target}`, SITE_URL).href);
  await page.context().close();
});

test('the prerendered entry page shows the article and its head with JavaScript disabled', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const json = sampleArticle(LONG_READ);
  const response = await page.goto(new URL(`articles/${LONG_READ}`, SITE_URL).href);
  assert.equal(response.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), json.headline);
  assert.ok((await page.locator('.article-body > p').count()) > 20);
  assert.ok(await page.getByText(json.dek).isVisible());
  assertHeadDescribes(await readHead(page), json, new URL(`articles/${LONG_READ}`, SITE_URL).href);
  // Deep links work without the viewer too.
  await page.goto(new URL(`articles/${LONG_READ}#p-12`, SITE_URL).href);
  const top = await page.locator('#p-12').evaluate((paragraph) => paragraph.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 100, `${top}`);
  await context.close();
});

test('the viewer takes the prerendered page over without a flicker or a shift', async () => {
  for (const width of [375, 1280]) {
    const page = await openPage(browser, { width });
    await page.addInitScript(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // Every frame: where the visible headline is.
      window.frames_ = [];
      const sample = () => {
        const visible = [...document.querySelectorAll('h1')].find((h1) => h1.getClientRects().length > 0);
        if (visible) {
          const rect = visible.getBoundingClientRect();
          window.frames_.push({ top: rect.top, left: rect.left, text: visible.textContent, prerendered: !!visible.closest('#folio-prerendered') });
        }
        if (window.frames_.length < 2000) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await page.goto(new URL(`articles/${WITH_ADS}`, SITE_URL).href);
    await waitForLive(page);
    await page.waitForTimeout(300);
    const { frames, shift, headlines, canonicals } = await page.evaluate(() => ({
      frames: window.frames_,
      shift: window.layoutShift,
      headlines: document.querySelectorAll('h1').length,
      canonicals: document.querySelectorAll('link[rel="canonical"]').length,
    }));
    assert.ok(frames.some((frame) => frame.prerendered) && frames.some((frame) => !frame.prerendered), `${width}px: both pages were seen`);
    const first = frames[0];
    for (const frame of frames) {
      assert.deepEqual({ top: frame.top, left: frame.left, text: frame.text }, { top: first.top, left: first.left, text: first.text }, `${width}px: the headline never moved or vanished`);
    }
    assert.equal(shift, 0, `${width}px: CLS`);
    assert.equal(headlines, 1);
    assert.equal(canonicals, 1, 'the prerendered head tags are gone');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the sitemap index, its sitemaps, the feeds and robots.txt', async () => {
  const index = JSON.parse(readFileSync(`${SITE_DIR}/content/index.json`, 'utf8'));
  const page = await openPage(browser);
  const get = async (path) => (await page.request.get(new URL(path, SITE_URL).href)).text();
  /** The XML's root element and every `selector` element's text, or 'error'. */
  const parse = (xml, selector) =>
    page.evaluate(
      ([xml, selector]) => {
        const document = new DOMParser().parseFromString(xml, 'application/xml');
        if (document.querySelector('parsererror')) return 'error';
        return { root: document.documentElement.localName, texts: [...document.querySelectorAll(selector)].map((e) => e.textContent) };
      },
      [xml, selector],
    );

  const sitemapIndex = await parse(await get('sitemap.xml'), 'sitemap > loc');
  assert.equal(sitemapIndex.root, 'sitemapindex');
  const urls = [];
  for (const loc of sitemapIndex.texts) {
    assert.ok(loc.startsWith(SITE_URL), loc);
    const xml = await get(loc);
    const sitemap = await parse(xml, 'url > loc');
    assert.equal(sitemap.root, 'urlset');
    assert.ok(sitemap.texts.length <= 50000);
    urls.push(...sitemap.texts);
    // `lastmod` is the last change: an updated article's `updated`.
    for (const entry of index.articles.filter((entry) => entry.updated)) {
      const url = new URL(`articles/${entry.id}`, SITE_URL).href;
      if (xml.includes(`<loc>${url}</loc>`)) assert.ok(xml.includes(`<loc>${url}</loc><lastmod>${entry.updated}</lastmod>`), entry.id);
    }
  }
  for (const entry of index.articles) assert.ok(urls.includes(new URL(`articles/${entry.id}`, SITE_URL).href), entry.id);
  for (const path of ['', 'sections/transport', 'tags/heritage', 'authors/ines-halloran']) {
    assert.ok(urls.includes(new URL(path, SITE_URL).href), path);
  }

  const feed = await parse(await get('feed.xml'), 'entry > title');
  assert.equal(feed.root, 'feed');
  assert.deepEqual(feed.texts, index.articles.slice(0, 50).map((entry) => entry.headline));
  const section = await parse(await get('sections/transport/feed.xml'), 'entry > title');
  assert.deepEqual(section.texts, index.articles.filter((entry) => entry.section === 'Transport').map((entry) => entry.headline));
  assert.match(await get('robots.txt'), new RegExp(`Sitemap: ${new URL('sitemap.xml', SITE_URL).href}`));
  await page.context().close();
});

test('axe-core finds nothing on the front page, a section, an article in each theme, not-found and the error view', async () => {
  const front = await openPage(browser);
  await front.goto(SITE_URL);
  await front.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
  await waitForLive(front);
  assert.deepEqual(await violations(front), [], 'front page');
  await front.goto(new URL('sections/ثقافة', SITE_URL).href);
  await front.getByRole('heading', { level: 1, name: 'ثقافة' }).waitFor();
  await waitForLive(front);
  assert.deepEqual(await violations(front), [], 'a section page');
  await front.context().close();

  for (const theme of ['light', 'dark', 'sepia']) {
    for (const id of [WITH_ADS, ARABIC]) {
      const { page } = await openArticle(id);
      await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), theme);
      assert.deepEqual(await violations(page), [], `${id} in ${theme}`);
      await page.context().close();
    }
  }

  const missing = await openPage(browser);
  await missing.goto(new URL('articles/no-such-article', SITE_URL).href);
  await missing.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.deepEqual(await violations(missing), [], 'not found');
  await missing.context().close();

  writeFileSync(`${SITE_DIR}/content/articles/broken-for-axe.json`, '{"version": 1, "id": ');
  try {
    const broken = await openPage(browser);
    await broken.goto(new URL('articles/broken-for-axe', SITE_URL).href);
    await broken.getByRole('heading', { level: 1, name: "This article couldn't be loaded" }).waitFor();
    assert.deepEqual(await violations(broken), [], 'error view');
    await broken.context().close();
  } finally {
    removeArticle('broken-for-axe');
  }
});

test('keyboard: skip link, header, tools, settings and links in order, each with a visible focus', async () => {
  const { page } = await openArticle(WITH_ADS);
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return {
        text: (element.getAttribute('aria-label') || element.textContent).trim().slice(0, 40),
        tag: element.tagName,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      };
    });
  const order = [];
  for (let step = 0; step < 9; step++) {
    await page.keyboard.press('Tab');
    const now = await focused();
    assert.ok(now.outline, `visible focus on ${now.tag} "${now.text}"`);
    order.push(now.text);
  }
  assert.equal(order[0], 'Skip to content');
  assert.equal(order[1], 'Folio');
  const share = order.indexOf('Share');
  assert.ok(share > 1, order.join(' | '));
  assert.equal(order[share + 1], 'Display');
  assert.equal(order[share + 2], 'Copy link to paragraph 1', 'then the body, in reading order');

  // The settings open from the keyboard, and their radios take arrow keys.
  while ((await focused()).text !== 'Display') await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).tag, 'INPUT');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await page.evaluate(() => localStorage.clear());
  await page.context().close();
});

test('a live region announces loading and errors', async () => {
  writeFileSync(`${SITE_DIR}/content/articles/broken-for-announcer.json`, 'not json');
  try {
    const page = await openPage(browser);
    await page.goto(SITE_URL);
    await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
    await waitForLive(page);
    const region = page.locator('#folio-announcer');
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    await page.evaluate(() => {
      window.announced = [];
      new MutationObserver(() => window.announced.push(document.getElementById('folio-announcer').textContent)).observe(
        document.getElementById('folio-announcer'),
        { childList: true, characterData: true, subtree: true },
      );
    });
    await page.evaluate(() => {
      history.pushState({}, '', 'articles/broken-for-announcer');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('heading', { level: 1, name: "This article couldn't be loaded" }).waitFor();
    await page.waitForFunction(() => window.announced.some((text) => text.startsWith("This article couldn't be loaded")));
    await page.context().close();
  } finally {
    removeArticle('broken-for-announcer');
  }
});

test('screenshots of an article in every theme at 375 px and 1280 px', async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const theme of ['system', 'light', 'dark', 'sepia']) {
    for (const width of [375, 1280]) {
      const { page } = await openArticle(WITH_ADS, { width, height: 1000 });
      if (theme !== 'system') await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), theme);
      const path = new URL(`${WITH_ADS}-${theme}-${width}.png`, SCREENSHOTS);
      await page.screenshot({ path: path.pathname });
      assert.ok(readFileSync(path).length > 10_000);
      await page.context().close();
    }
  }
});
