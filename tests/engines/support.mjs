// Shared set-up for the cross-engine suite: the engine under test (FOLIO_ENGINE), the site it
// reads (a copy of the release build of its own, prerendered for its address, whose pages load
// the demo ad filler and the layout recorder as a publisher's page loads its ad script: FOLIO_ENGINES_URL and FOLIO_ENGINES_SITE), and
// page objects that work the same in every engine (driver.mjs).
//
// `cargo xtask test` runs every file here once per engine.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test as nodeTest } from 'node:test';

import { plainText, requireEnv } from '../common.mjs';
import { launchEngine } from './driver.mjs';

export { plainText, requireEnv };

export const ENGINE = requireEnv('FOLIO_ENGINE');
export const SITE_URL = requireEnv('FOLIO_ENGINES_URL');
export const SITE_DIR = requireEnv('FOLIO_ENGINES_SITE');

/** The engine for this file's tests: started before the first, closed after the last. */
export function useEngine() {
  const holder = {};
  before(async () => {
    holder.engine = await launchEngine(ENGINE);
  });
  after(() => holder.engine?.close());
  return {
    /** A fresh page (its own storage) at `width` × `height`. */
    open: (size) => holder.engine.open(size),
  };
}

/** A test named after the engine it runs in, so a failure says where. */
export function test(name, fn) {
  return nodeTest(`${ENGINE}: ${name}`, fn);
}

/** A sample article's JSON, as shipped. */
export function sampleArticle(id) {
  return JSON.parse(readFileSync(articlePath(id), 'utf8'));
}

export function writeArticle(id, contents) {
  writeFileSync(articlePath(id), contents);
}

export function removeArticle(id) {
  rmSync(articlePath(id), { force: true });
}

function articlePath(id) {
  return join(SITE_DIR, 'content/articles', `${id}.json`);
}

export const articleUrl = (id) => new URL(`articles/${id}`, SITE_URL).href;

/**
 * Waits until the viewer shows its own page (the "live" signal; a prerendered page shows its
 * headline before the viewer starts) with `headline` as its one visible `<h1>`.
 */
export function waitForHeadline(page, headline) {
  return page.waitFor(
    (headline) =>
      document.documentElement.hasAttribute('data-folio-live') &&
      [...document.querySelectorAll('h1')].filter((h1) => h1.getClientRects().length > 0).map((h1) => h1.textContent).join('|') === headline,
    headline,
  );
}

/** Opens article `id` and waits for the viewer to show it. */
export async function openArticle(page, id, headline = sampleArticle(id).headline) {
  await page.goto(articleUrl(id));
  await waitForHeadline(page, headline);
}

/**
 * A reader's click on the element under `scope` (a CSS selector) whose text is `text`: the
 * element is found by its text in the page, then clicked through the engine as a user would.
 */
export async function clickText(page, scope, text) {
  await page.waitFor(
    ([scope, text]) => {
      const element = [...document.querySelectorAll(scope)].find((candidate) => candidate.textContent.trim() === text);
      if (!element) return false;
      document.querySelectorAll('[data-engine-click]').forEach((old) => old.removeAttribute('data-engine-click'));
      element.setAttribute('data-engine-click', '');
      return true;
    },
    [scope, text],
  );
  await page.click('[data-engine-click]');
}

/**
 * A reader's click on a link to `href` within the site, as if the page had one: the viewer
 * follows it without a page load. Returns once the page has changed and is no longer busy.
 */
export async function followLink(page, href) {
  await page.evaluate((href) => {
    let link = document.getElementById('engine-link');
    if (!link) {
      link = document.createElement('a');
      link.id = 'engine-link';
      link.textContent = 'Next';
      document.body.prepend(link);
    }
    link.href = href;
    window.__engineChanged = false;
    new MutationObserver((_, observer) => {
      window.__engineChanged = true;
      observer.disconnect();
    }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
  }, href);
  await page.click('#engine-link');
  await page.waitFor(
    (href) => window.__engineChanged && location.href === href && document.querySelector('main [aria-busy="true"]') === null,
    href,
  );
}

/** The article as the page shows it. */
export function readArticle(page) {
  return page.evaluate(() => {
    const article = document.querySelector('article');
    const text = (selector) => article.querySelector(selector)?.textContent ?? null;
    const hero = article.querySelector(':scope > .figure img');
    return {
      title: document.title,
      headline: text('h1'),
      dek: text('.dek'),
      authors: [...article.querySelectorAll('.byline .author')].map((author) => author.textContent),
      paragraphs: [...article.querySelectorAll('.article-body > p')].map((p) => p.textContent),
      lang: article.getAttribute('lang'),
      dir: article.getAttribute('dir'),
      hero: hero && { loaded: hero.complete && hero.naturalWidth > 0, width: hero.getBoundingClientRect().width },
      related: [...document.querySelectorAll('.related .related-title')].map((title) => title.textContent),
    };
  });
}
