// The hostile corpus (tests/fixtures/hostile/ and the generated giants) in every engine: each
// case shows the reduced article or a clear message, never a blank page, and nothing in it runs.
// One page goes through every case, as each engine parses and lays out the same markup its own
// way; tests/e2e/hostile.test.mjs checks each case's exact text in Chromium.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { SITE_DIR, articleUrl, removeArticle, requireEnv, test, useEngine, waitForHeadline } from './support.mjs';

const engine = useEngine();
const HOSTILE = requireEnv('FOLIO_HOSTILE');
const ERROR_HEADLINE = "This article couldn't be loaded";

test('every hostile case shows an article or a message, and nothing in it runs', async () => {
  const cases = readdirSync(HOSTILE).sort();
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  const page = await engine.open();
  for (const name of cases) {
    const expect = JSON.parse(readFileSync(join(HOSTILE, name, 'expect.json'), 'utf8'));
    copyFileSync(join(HOSTILE, name, 'input'), join(SITE_DIR, 'content/articles', `${name}.json`));
    try {
      await page.goto(articleUrl(name));
      await waitForHeadline(page, expect.shows === 'article' ? expect.headline : ERROR_HEADLINE);
      const shown = await page.evaluate(() => {
        const main = document.querySelector('main');
        return {
          height: main.getBoundingClientRect().height,
          text: main.textContent.length,
          injected: main.querySelectorAll('script, img[onerror], svg, style, iframe').length,
          hrefs: [...main.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')),
          pwned: window.__folioPwned ?? null,
        };
      });
      assert.ok(shown.height > 100 && shown.text > 0, `${name}: the page is not blank (${JSON.stringify(shown)})`);
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
  await page.close();
});
