// Embeds in every engine (docs/embedding.md), on a host page from another origin whose own
// stylesheet is hostile (tests/e2e/embed-host/): `<folio-article>` in its shadow root with
// Folio's styles and the host's untouched, and the link that becomes a self-sizing iframe.

import assert from 'node:assert/strict';

import { SITE_URL, articleUrl, requireEnv, sampleArticle, test, useEngine } from './support.mjs';

const engine = useEngine();
const HOST = requireEnv('FOLIO_EMBED_HOST_URL');
const FOLIO_ORIGIN = new URL(SITE_URL).origin;

/** The host page with folio-embed.js loaded from the site under test. */
async function openHost() {
  const page = await engine.open({ width: 1280, height: 900 });
  await page.goto(`${HOST}index.html?folio=${encodeURIComponent(SITE_URL)}`);
  await page.waitFor(() => customElements.get('folio-article') !== undefined);
  return page;
}

test('<folio-article> shows each article in its shadow root, styled as Folio, the host unchanged', async () => {
  const ids = ['tide-mill-turns-again', 'lantern-workshop'];
  const page = await openHost();
  await page.evaluate((sources) => {
    for (const src of sources) {
      const element = document.createElement('folio-article');
      element.setAttribute('src', src);
      document.getElementById('embeds').append(element);
    }
  }, ids.map((id) => new URL(`content/articles/${id}.json`, SITE_URL).href));
  const headlines = await page.waitFor((count) => {
    const shown = [...document.querySelectorAll('folio-article')].map((element) => element.shadowRoot?.querySelector('article h1')?.textContent);
    return shown.length === count && shown.every(Boolean) && shown;
  }, ids.length);
  assert.deepEqual(headlines, ids.map((id) => sampleArticle(id).headline));

  const styles = await page.evaluate(() => {
    const root = document.querySelector('folio-article').shadowRoot;
    const paragraph = getComputedStyle(root.querySelector('.article-body p'));
    const hostHeading = getComputedStyle(document.getElementById('host-heading'));
    return {
      paragraph: paragraph.display,
      headlineTransform: getComputedStyle(root.querySelector('h1')).textTransform,
      hostTransform: hostHeading.textTransform,
      hostColor: hostHeading.color,
      title: document.title,
      rtl: getComputedStyle(document.querySelectorAll('folio-article')[1].shadowRoot.querySelector('article')).direction,
    };
  });
  assert.deepEqual(styles, {
    paragraph: 'block',
    headlineTransform: 'none',
    hostTransform: 'uppercase',
    hostColor: 'rgb(255, 0, 0)',
    title: 'A host page that embeds Folio',
    rtl: 'rtl',
  });
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a link with class folio-embed becomes an iframe of the article that takes its height', async () => {
  const id = 'tide-mill-turns-again';
  const page = await openHost();
  await page.evaluate(([href, text]) => window.addFolioLink(href, text), [articleUrl(id), sampleArticle(id).headline]);
  // The frame's document tells its height once the article is in: more than the reserve.
  const frame = await page.waitFor(() => {
    const iframe = document.querySelector('iframe.folio-embed-frame');
    const height = iframe?.getBoundingClientRect().height ?? 0;
    return height > 1000 && { title: iframe.title, height, messages: window.folioHeights };
  });
  assert.equal(frame.title, sampleArticle(id).headline);
  assert.ok(frame.messages.length > 0 && frame.messages.every((message) => message.origin === FOLIO_ORIGIN), JSON.stringify(frame.messages));
  assert.equal(Math.round(frame.height), Math.round(frame.messages.at(-1).height));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
