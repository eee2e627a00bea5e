// Missing, broken and hostile documents: the reader always gets a clear page
// (tests/engines/navigation.test.mjs has not-found and retry in every engine).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ArticlePage, SITE_URL, launchBrowser, openPage, removeArticle, serveFixture } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

test('an address that cannot be an article id is not found, without a request', async () => {
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(new URL('articles/Not_An_Id', SITE_URL).href);
  await new ArticlePage(page).waitForHeadline('Page not found');
  assert.deepEqual(requests.filter((url) => url.includes('/content/')), []);
  await page.context().close();
});

test('markup in article text is shown as text and never runs', async () => {
  const id = 'markup-headline';
  serveFixture('markup-headline.json', id);
  try {
    const page = await openPage(browser);
    const article = new ArticlePage(page);
    await article.open(id);
    const headline =
      '<img src=x onerror="window.__folioPwned=1"><b>Bold</b> claims</title><script>window.__folioPwned=1</script>';
    await article.waitForHeadline(headline);
    assert.equal(await page.locator('article b, article img, article script, article svg').count(), 0);
    assert.equal(await page.title(), `${headline} · Folio`);
    const [first] = await article.paragraphs();
    assert.equal(first, '<script>window.__folioPwned=1</script>Paragraph text');
    // The javascript: link kept its text and lost its href; the https: one kept both.
    const bad = page.getByText('a link that must lose its href');
    assert.equal(await bad.evaluate((el) => el.closest('a')), null);
    assert.equal(await page.getByRole('link', { name: 'a good one' }).getAttribute('href'), 'https://example.org/');
    assert.equal(await page.evaluate(() => window.__folioPwned), undefined);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    removeArticle(id);
  }
});

test('on an entry page in German, the chrome and the error view speak German', async () => {
  const id = 'kaputt';
  serveFixture('malformed.json', id);
  try {
    const page = await openPage(browser);
    const url = new URL(`articles/${id}`, SITE_URL).href;
    // A publisher's entry page whose <html lang> says German.
    const shell = await (await page.request.get(new URL('404.html', SITE_URL).href)).text();
    await page.route(url, (route) => route.fulfill({ body: shell.replace('<html lang="en">', '<html lang="de">'), contentType: 'text/html' }));
    await page.goto(url);
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').textContent(), /beschädigt/);
    assert.equal(await page.locator('.skip-link').textContent(), 'Zum Inhalt springen');
    assert.equal(await page.locator('.site-footer').textContent(), 'Veröffentlicht mit Folio.');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    removeArticle(id);
  }
});
