// The hostile corpus (tests/fixtures/hostile/ and the generated giants) in every engine: each
// case shows what its expect.json says (the safely reduced article with its text, or the error
// view with its message and details), never a blank page; nothing from the document becomes
// markup or a dangerous link, nothing injected runs, and the app still navigates after: one page
// goes through every case, from each to the next by a link, without a page load.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { SITE_DIR, SITE_URL, articleUrl, followLink, removeArticle, requireEnv, test, useEngine, waitForHeadline } from './support.mjs';

const engine = useEngine();
const HOSTILE = requireEnv('FOLIO_HOSTILE');
const ERROR_HEADLINE = "This article couldn't be loaded";

test('every hostile case shows an article or a message, and nothing in it runs', async () => {
  const cases = readdirSync(HOSTILE).sort();
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  const page = await engine.open();
  await page.goto(SITE_URL);
  await waitForHeadline(page, 'Latest');
  await page.evaluate(() => (window.__folioMark = true));
  for (const name of cases) {
    const expect = JSON.parse(readFileSync(join(HOSTILE, name, 'expect.json'), 'utf8'));
    copyFileSync(join(HOSTILE, name, 'input'), join(SITE_DIR, 'content/articles', `${name}.json`));
    try {
      await followLink(page, articleUrl(name));
      await waitForHeadline(page, expect.shows === 'article' ? expect.headline : ERROR_HEADLINE);
      const shown = await page.evaluate(() => {
        const main = document.querySelector('main');
        return {
          height: main.getBoundingClientRect().height,
          text: main.textContent,
          paragraphs: main.querySelectorAll('.article-body > p').length,
          alert: main.querySelector('.notice [role="alert"]')?.textContent ?? null,
          details: main.querySelector('details')?.textContent ?? null,
          injected: main.querySelectorAll('script, img[onerror], svg, style, iframe').length,
          hrefs: [...main.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')),
          pwned: window.__folioPwned ?? null,
        };
      });
      assert.ok(shown.height > 100, `${name}: the page is not blank (${shown.height}px)`);
      if (expect.shows === 'article') {
        for (const expected of expect.text ?? []) assert.ok(shown.text.includes(expected), `${name}: shows ${JSON.stringify(expected)}`);
        if (expect.paragraphs !== undefined) assert.equal(shown.paragraphs, expect.paragraphs, `${name}: paragraphs`);
      } else {
        assert.match(shown.alert, new RegExp(expect.message), name);
        assert.ok(shown.details.includes(expect.check[0]), `${name}: the details say ${JSON.stringify(expect.check[0])}: ${shown.details.slice(0, 300)}`);
      }
      assert.equal(shown.injected, 0, `${name}: nothing became markup`);
      for (const href of shown.hrefs) {
        assert.doesNotMatch(href.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):|^[\\/]{2}/i, `${name}: ${href}`);
      }
      assert.equal(shown.pwned, null, `${name}: no injected code ran`);
      assert.deepEqual(await page.errors(), [], name);
    } finally {
      removeArticle(name);
    }
  }
  // The app still responds, and was never loaded again.
  await page.click('.site-name');
  await waitForHeadline(page, 'Latest');
  assert.equal(await page.evaluate(() => window.__folioMark), true);
  await page.close();
});
