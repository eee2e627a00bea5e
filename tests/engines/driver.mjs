// One small browser API over the three engines the cross-engine suite runs in, so that a test
// is written once: Chromium (puppeteer-core over the DevTools protocol), Firefox ESR
// (puppeteer-core over WebDriver BiDi, no driver needed) and WebKitGTK (classic WebDriver to
// Debian's `WebKitWebDriver`, which starts `MiniBrowser` on a private `Xvfb` display).
//
// The API is what the tests need and every engine can do: open a page at a size, go to an
// address, run a function in the page, wait for a function to hold, click an element as a
// reader does, go back and forward, reload. Functions run in the page, so they take and return
// JSON only.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

import { CHROMIUM } from '../common.mjs';

const ENGINES = ['chromium', 'firefox', 'webkit'];

/** How long `waitFor` waits before it fails. */
const WAIT_MS = 15_000;

/** Starts `engine` (one of ENGINES), on this machine's Debian packages. */
export async function launchEngine(engine) {
  switch (engine) {
    case 'chromium':
      return PuppeteerEngine.launch(engine, CHROMIUM);
    case 'firefox':
      return PuppeteerEngine.launch(engine, {
        browser: 'firefox',
        executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        extraPrefsFirefox: {
          // As the other engines: no update checks or telemetry from a test profile.
          'app.update.disabledForTesting': true,
          'datareporting.policy.dataSubmissionEnabled': false,
        },
      });
    case 'webkit':
      return WebKitEngine.launch();
    default:
      throw new Error(`unknown engine ${JSON.stringify(engine)}: expected one of ${ENGINES.join(', ')}`);
  }
}

/** What every engine's page offers beside the engine-specific steps. */
class EnginePage {
  /** Polls `fn(...args)` in the page until it returns something truthy, and returns that. */
  async waitFor(fn, ...args) {
    const deadline = Date.now() + WAIT_MS;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, ...args);
        if (last) return last;
      } catch (error) {
        // A navigation can replace the page between two polls; the next poll sees the new one.
        last = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`waited ${WAIT_MS} ms for ${fn.toString().slice(0, 300)} (last: ${last})`);
      }
      await sleep(100);
    }
  }

  /**
   * What went wrong in the page: uncaught errors and panics where the engine reports them, and
   * always Folio's own signal that the viewer failed (reader-settings.js sets it in every engine).
   */
  async errors() {
    const failed = await this.evaluate(() => document.documentElement.hasAttribute('data-folio-failed'));
    return [...this.reported, ...(failed ? ['the viewer failed (data-folio-failed)'] : [])];
  }
}

class PuppeteerEngine {
  static async launch(name, options) {
    const profile = mkdtempSync(join(tmpdir(), `folio-${name}-`));
    const browser = await puppeteer.launch({ headless: true, userDataDir: profile, ...options });
    return new PuppeteerEngine(browser, profile);
  }

  constructor(browser, profile) {
    this.browser = browser;
    this.profile = profile;
  }

  /** A page in a fresh browser context (its own storage), `width` × `height` CSS pixels. */
  async open({ width = 1280, height = 900 } = {}) {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height });
    const opened = new PuppeteerPage(context, page);
    await opened.watchPolicy();
    return opened;
  }

  async close() {
    await this.browser.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

class PuppeteerPage extends EnginePage {
  constructor(context, page) {
    super();
    this.context = context;
    this.page = page;
    this.reported = [];
    page.on('pageerror', (error) => this.reported.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /panicked at|RuntimeError|^CSP: /.test(message.text())) this.reported.push(message.text());
    });
  }

  /** Reports breaches of the page's Content-Security-Policy (Trusted Types included) too. */
  async watchPolicy() {
    await this.page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP: ${event.violatedDirective} refused ${event.blockedURI} ${event.sample}`);
      });
    });
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }

  async url() {
    return this.page.url();
  }

  evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  /** A reader's click: the first element `selector` matches, scrolled into view. */
  async click(selector) {
    await this.page.click(selector);
  }

  async back() {
    await this.evaluate(() => history.back());
  }

  async forward() {
    await this.evaluate(() => history.forward());
  }

  async reload() {
    await this.page.reload({ waitUntil: 'load' });
  }

  async close() {
    await this.context.close();
  }
}

/**
 * WebKitGTK: `WebKitWebDriver` on a free loopback port, its `MiniBrowser` on a private `Xvfb`
 * display. The driver runs one session (one browser window) at a time, and starting one costs
 * a browser launch (which, on a loaded machine, can hang): the engine keeps one session, and a
 * page closed clears what it stored before the next one opens.
 */
class WebKitEngine {
  static async launch() {
    const display = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [number] = await once(display.stdout, 'data');
    const port = await freePort();
    const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: `:${String(number).trim()}` },
      stdio: 'ignore',
    });
    const engine = new WebKitEngine(display, driver, `http://127.0.0.1:${port}`);
    await engine.ready();
    return engine;
  }

  constructor(display, driver, url) {
    this.display = display;
    this.driver = driver;
    this.url = url;
  }

  async ready() {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await webdriver(this.url, 'GET', '/status')).ready !== false) return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start: ${error.message}`);
      }
      await sleep(100);
    }
  }

  /** The one session, started on first use. */
  async session() {
    this.started ??= webdriver(this.url, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': {
            binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
            args: ['--automation'],
          },
        },
      },
    });
    return this.started;
  }

  /** The window, cleared of the last page (closed or not: a failed test may leave it open). */
  async open({ width = 1280, height = 900 } = {}) {
    const session = await this.session();
    await this.current?.close().catch(() => {});
    this.current = new WebKitPage(`${this.url}/session/${session.sessionId}`);
    await this.current.resize(width, height);
    return this.current;
  }

  async close() {
    if (this.started) {
      const session = await this.started.catch(() => null);
      if (session) await webdriver(this.url, 'DELETE', `/session/${session.sessionId}`).catch(() => {});
    }
    this.driver.kill();
    this.display.kill();
  }
}

class WebKitPage extends EnginePage {
  constructor(session) {
    super();
    this.session = session;
    // Classic WebDriver has no events: errors() relies on Folio's own failure signal.
    this.reported = [];
  }

  command(method, path, body) {
    return webdriver(this.session, method, path, body);
  }

  async goto(url) {
    await this.command('POST', '/url', { url });
  }

  url() {
    return this.command('GET', '/url');
  }

  async evaluate(fn, ...args) {
    // Async script, so a function may return a promise; errors come back as values, since
    // WebDriver would only say "javascript error".
    const script = `const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (${fn}).apply(null, args)).then(
        (value) => done({ value: value === undefined ? null : value }),
        (error) => done({ error: String(error && error.stack || error) }));`;
    const result = await this.command('POST', '/execute/async', { script, args });
    if (result.error) throw new Error(result.error);
    return result.value;
  }

  async click(selector) {
    const element = await this.command('POST', '/element', { using: 'css selector', value: selector });
    const [id] = Object.values(element);
    await this.command('POST', `/element/${id}/click`, {});
  }

  async back() {
    await this.command('POST', '/back', {});
  }

  async forward() {
    await this.command('POST', '/forward', {});
  }

  async reload() {
    await this.command('POST', '/refresh', {});
  }

  /** Sizes the window so that its viewport is `width` × `height` (the window has a frame). */
  async resize(width, height) {
    await this.command('POST', '/window/rect', { width, height });
    const [innerWidth, innerHeight] = await this.evaluate(() => [innerWidth, innerHeight]);
    if (innerWidth !== width || innerHeight !== height) {
      await this.command('POST', '/window/rect', { width: 2 * width - innerWidth, height: 2 * height - innerHeight });
    }
  }

  /** Leaves the window blank, with nothing stored by the site it showed. */
  async close() {
    await this.evaluate(() => {
      if (!location.protocol.startsWith('http')) return;
      localStorage.clear();
      sessionStorage.clear();
    });
    await this.goto('about:blank');
  }
}

/** How long a WebDriver command may take (a page load included) before the test fails. */
const COMMAND_MS = 60_000;

/** One WebDriver command; its `value`, or an error that says what the driver said. */
async function webdriver(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(COMMAND_MS),
  });
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`WebDriver ${method} ${path}: ${answer.value?.error}: ${answer.value?.message}`);
  }
  return answer.value;
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
