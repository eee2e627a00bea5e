// Trusted Types: the test server sends deploy/nginx.conf's policy with every page, so every
// browser test runs under `require-trusted-types-for 'script'` (and `openPage` turns any breach
// into a page error). These tests show the policy is in force and that Folio's own policies let
// nothing but what they are for through.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_URL, launchBrowser, openPage, sampleArticle, waitForLive } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** What the page's own script is refused, each as the error's message (or 'allowed'). */
function tryInPage(page) {
  return page.evaluate(() => {
    const attempt = (action) => {
      try {
        action();
        return 'allowed';
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    };
    window.__folioRan = false;
    return {
      innerHTML: attempt(() => {
        document.createElement('div').innerHTML = '<img src=x onerror="window.__folioRan = true">';
      }),
      template: attempt(() => {
        document.createElement('template').innerHTML = '<p>static-looking</p>';
      }),
      insertAdjacentHTML: attempt(() => document.body.insertAdjacentHTML('beforeend', '<b>x</b>')),
      scriptText: attempt(() => {
        document.createElement('script').textContent = 'window.__folioRan = true';
      }),
      worker: attempt(() => new Worker('data:text/javascript,window.__folioRan=true')),
      otherPolicy: attempt(() => trustedTypes.createPolicy('anything', { createHTML: (s) => s })),
      // Folio's own names are taken: a script cannot make a pass-through policy under them.
      folioPolicy: attempt(() => trustedTypes.createPolicy('folio', { createHTML: (s) => s })),
      settingsPolicy: attempt(() => trustedTypes.createPolicy('folio-settings', { createScriptURL: (s) => s })),
    };
  });
}

test('pages are served under Trusted Types, and nothing but Folio’s own policies can pass a string', async () => {
  const page = await openPage(browser);
  const article = new ArticlePage(page);
  const from = sampleArticle('tide-mill-turns-again');
  const response = await page.goto(new URL('articles/tide-mill-turns-again', SITE_URL).href);
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /require-trusted-types-for 'script'; trusted-types folio folio-settings/);
  await article.waitForHeadline(from.headline);

  // A client-side navigation: the viewer writes the new article's JSON-LD through its policy.
  const to = sampleArticle('night-ferry-timetable');
  await article.related.getByRole('link', { name: to.headline }).click();
  await article.waitForHeadline(to.headline);
  // The head tags follow their page by a task.
  await page.waitForFunction(() => document.querySelector('script[type="application/ld+json"]'));
  const jsonLd = await page.evaluate(() =>
    [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent)),
  );
  assert.deepEqual(jsonLd.map((ld) => ld.headline), [to.headline]);
  assert.deepEqual(page.errors, [], 'no breach while Folio works');

  const refused = await tryInPage(page);
  for (const [sink, outcome] of Object.entries(refused)) {
    assert.match(outcome, /TypeError|Error/, `${sink} must be refused, was ${outcome}`);
  }
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__folioRan), false, 'no injected script ran');
  // Each refusal is a reported breach: the reporting the other tests rely on works.
  assert.ok(page.errors.some((error) => /require-trusted-types-for/.test(error)), page.errors.join('\n'));
  await page.context().close();
});

test('the front page, a listing, not-found and the app shell start under the policy', async () => {
  const page = await openPage(browser);
  for (const path of ['', 'sections/local', 'articles/no-such-article', '404.html']) {
    const response = await page.goto(new URL(path, SITE_URL).href);
    assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'/, path);
    await waitForLive(page);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
