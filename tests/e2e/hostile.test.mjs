// Every case of the hostile corpus (tests/fixtures/hostile/, plus the generated giants) in the
// browser against the release build: the page shows the expected message or the safely
// reduced article, nothing injected runs, nothing throws, and the app still navigates after.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_DIR, SITE_URL, launchBrowser, openPage, removeArticle, requireEnv } from './support.mjs';

const HOSTILE = requireEnv('FOLIO_HOSTILE');
const ERROR_HEADLINE = "This article couldn't be loaded";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const cases = readdirSync(HOSTILE).sort();

test('the corpus has at least 40 cases', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
});

for (const name of cases) {
  test(`hostile case "${name}"`, async () => {
    const expect = JSON.parse(readFileSync(join(HOSTILE, name, 'expect.json'), 'utf8'));
    copyFileSync(join(HOSTILE, name, 'input'), join(SITE_DIR, 'content/articles', `${name}.json`));
    try {
      const page = await openPage(browser);
      const article = new ArticlePage(page);
      await article.open(name);

      if (expect.shows === 'article') {
        await article.waitForHeadline(expect.headline);
        const text = await page.locator('main').textContent();
        for (const expected of expect.text ?? []) assert.ok(text.includes(expected), `shows ${JSON.stringify(expected)}`);
        if (expect.paragraphs !== undefined) assert.equal((await article.paragraphs()).length, expect.paragraphs);
      } else {
        await article.waitForHeadline(ERROR_HEADLINE);
        assert.match(await page.getByRole('alert').textContent(), new RegExp(expect.message));
        const details = await page.locator('details').textContent();
        assert.ok(details.includes(expect.check[0]), `the details say ${JSON.stringify(expect.check[0])}: ${details.slice(0, 300)}`);
      }

      // Nothing from the document became markup or a dangerous link.
      assert.equal(await page.locator('main script, main img[onerror], main svg, main style, main iframe').count(), 0);
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      for (const href of hrefs) {
        assert.doesNotMatch(href.replace(/[\s\u0000-\u001f]/g, ''), /^(javascript|data|vbscript):|^[\\/]{2}/i, href);
      }
      assert.equal(await page.evaluate(() => window.__folioPwned), undefined, 'no injected code ran');
      assert.deepEqual(page.errors, []);

      // The app still responds.
      await page.getByRole('link', { name: 'Folio' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Latest' }).waitFor();
      assert.equal(new URL(page.url()).pathname, new URL(SITE_URL).pathname);
      await page.context().close();
    } finally {
      removeArticle(name);
    }
  });
}
