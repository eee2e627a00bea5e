// Folio's service worker: the site stays readable offline (docs/offline.md).
//
// `cargo xtask dist` writes it as `sw.js` at the site's base with this build's id and the app
// shell's files (hashed names); the viewer registers it (`src/offline.rs`) with the
// configuration's settings in its query. What it does with each request of the pages it
// controls:
// - the app shell's files: from this build's cache, which install filled. A new build has a
//   new id, so a cache of its own: two builds' files never mix, and the old cache goes when the
//   new worker takes over.
// - an app address (a navigation): the network (through navigation preload, so the request
//   does not wait for this worker to start), and when that fails or takes longer than
//   NETWORK_TIMEOUT_MS, the app shell (the viewer then shows what was saved). An address the
//   server last answered with this build's app shell (a host without the prerender step, or an
//   article not prerendered) gets the app shell from the cache at once, while the worker asks
//   the server again in the background; and the documents its page will ask for (the
//   configuration, the article) are fetched right away, so they arrive while the app starts.
// - articles, listings and the configuration: the network first, so a reader online always
//   gets what the publisher has now; each answer is saved, and when the network fails the
//   saved copy is answered with a `Folio-Saved` header (when it was fetched), or, never
//   saved, a 503 with `Folio-Offline`. A 404 removes the saved copy: a deleted article is
//   not kept. Any other answer (a 500, a 403) goes to the page as it is.
// - images: the same, kept within a byte budget (only those whose size can be known: an
//   opaque answer from another origin is never kept).

const BUILD = "%FOLIO_BUILD%";
/** The app shell's files, relative to this script. */
const SHELL = "%FOLIO_SHELL%";
/** The entry page every app address gets offline (the build's `404.html`). */
const APP_SHELL = "%FOLIO_APP_SHELL%";

const SHELL_CACHE = `folio-shell-${BUILD}`;
/** The app addresses the server answered with this build's app shell (empty entries). */
const ROUTES_CACHE = `folio-routes-${BUILD}`;
// The viewer reads these two too (`src/offline.rs`): keep the names in step.
const ARTICLES_CACHE = "folio-articles";
const DOCUMENTS_CACHE = "folio-documents";
const IMAGES_CACHE = "folio-images";
const SAVED_HEADER = "Folio-Saved";
const OFFLINE_HEADER = "Folio-Offline";
const SIZE_HEADER = "Folio-Bytes";
/** A network answer slower than this is taken from the cache, when it is there. */
const NETWORK_TIMEOUT_MS = 3000;
/** Listing pages and the configuration kept. */
const DOCUMENTS_KEPT = 20;
/** App addresses remembered as answered with the app shell. */
const ROUTES_KEPT = 200;
/** A document fetched ahead for a page that has not asked for it within this is dropped. */
const PREFETCH_KEPT_MS = 30000;

const settings = new URL(self.location.href).searchParams;
const whole = (name, fallback) => {
  const value = Number(settings.get(name));
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
};
/** Where article documents are: the URL before and after the article's id. */
const articlePrefix = settings.get("article-prefix");
const articleSuffix = settings.get("article-suffix") ?? ".json";
/** Where article pages are: the address before the article's id. */
const pagePrefix = settings.get("page-prefix");
const contentBase = settings.get("content");
const configUrl = settings.get("config");
const articlesKept = Math.max(1, whole("articles", 50));
const imageBytes = whole("image-bytes", 50 * 1024 * 1024);

const shellUrls = new Set(SHELL.map((path) => new URL(path, self.location.href).href));
const appShellUrl = new URL(APP_SHELL, self.location.href).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Hashed files never change, so the HTTP cache's copy (the page just loaded them) is
      // good; the shell page is checked with the server.
      await cache.addAll(
        [...shellUrls].map(
          (url) => new Request(url, { cache: url === appShellUrl ? "no-cache" : "default" }),
        ),
      );
      // A new build takes over as soon as it is whole. An open page of the old build keeps
      // running what it loaded (it needs no more of its files) and loads its next page whole,
      // from the new build (`src/offline.rs`). Waiting instead would leave the switch to the
      // moment of a navigation, which a navigation can then wait on.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // A navigation's request then starts while the worker is still starting.
      await self.registration.navigationPreload?.enable();
      const names = await caches.keys();
      const oldBuild = (name) =>
        (name.startsWith("folio-shell-") && name !== SHELL_CACHE) ||
        (name.startsWith("folio-routes-") && name !== ROUTES_CACHE);
      await Promise.all(names.filter(oldBuild).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

/** The site turned offline reading off (`offline.enabled`): answer and save nothing more. */
let retired = false;

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message?.type === "folio:retire") {
    retired = true;
  } else if (message?.type === "folio:keep" && Array.isArray(message.urls)) {
    // Documents the page loaded before this worker controlled it: save them now; and what the
    // server answers for the page's own address.
    const address = typeof message.address === "string" ? new URL(message.address) : null;
    event.waitUntil(
      Promise.all([
        ...message.urls.map(async (url) => {
          const kept = typeof url === "string" && keptIn(new URL(url, self.location.href));
          if (kept) await fresh(new Request(url), kept).catch(() => {});
        }),
        address && address.origin === self.location.origin
          ? fetch(address.href).then((answer) => learn(address, answer)).catch(() => {})
          : null,
      ]),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (retired || request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  url.hash = "";
  const cacheName = keptIn(url);
  const keepAlive = (promise) => event.waitUntil(promise);
  if (request.mode === "navigate") {
    event.respondWith(navigation(event, url));
  } else if (shellUrls.has(url.href)) {
    event.respondWith(shellFile(request));
  } else if (cacheName) {
    event.respondWith(takePrefetched(url.href) ?? fresh(request, cacheName, keepAlive));
  } else if (request.destination === "image" && imageBytes > 0) {
    event.respondWith(fresh(request, IMAGES_CACHE, keepAlive));
  }
});

/** Which cache keeps the document at `url`, if any. */
function keptIn(url) {
  const href = url.href;
  if (href === configUrl) return DOCUMENTS_CACHE;
  if (!contentBase || !href.startsWith(contentBase) || !href.endsWith(".json")) return null;
  if (articlePrefix && href.startsWith(articlePrefix) && href.endsWith(articleSuffix)) {
    const id = href.slice(articlePrefix.length, href.length - articleSuffix.length);
    if (/^[a-z0-9-]+$/.test(id)) return ARTICLES_CACHE;
  }
  return DOCUMENTS_CACHE;
}

async function navigation(event, url) {
  const network = withTimeout(
    Promise.resolve(event.preloadResponse).then((preloaded) => preloaded ?? fetch(event.request)),
  );
  network.catch(() => {}); // handled below, once the cache has been asked
  const shell = await shellAnswering(url);
  if (shell) {
    prefetch(event, url);
    event.waitUntil(network.then((answer) => learn(url, answer)).catch(() => {}));
    return shell;
  }
  try {
    const answer = await network;
    event.waitUntil(learn(url, answer.clone()).catch(() => {}));
    return answer;
  } catch (error) {
    // Only an app address gets the app shell; a file (it has an extension) fails as it would.
    const lastSegment = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
    const shell = !lastSegment.includes(".") && (await caches.match(appShellUrl, { cacheName: SHELL_CACHE }));
    if (shell) return shell;
    throw error;
  }
}

/** This build's app shell, when the server answered `url` with it last time. */
async function shellAnswering(url) {
  const known = await caches.match(url.href, { cacheName: ROUTES_CACHE });
  return known ? caches.match(appShellUrl, { cacheName: SHELL_CACHE }) : undefined;
}

/** Notes whether the server's `answer` for the app address `url` is this build's app shell. */
async function learn(url, answer) {
  if (retired) return;
  const routes = await caches.open(ROUTES_CACHE);
  const shell = await caches.match(appShellUrl, { cacheName: SHELL_CACHE });
  // The bytes, not the status: some hosts send the app shell (their 404 page) with a 404.
  if (shell && (await answer.text()) === (await shell.text())) {
    await routes.delete(url.href);
    await routes.put(url.href, new Response(null, { status: 204 }));
    await trim(routes, ROUTES_CACHE);
  } else {
    await routes.delete(url.href);
  }
}

/** Documents fetched ahead for a page being opened, by URL: each is answered once. */
const prefetched = new Map();

/** Starts fetching what the app at `url` will ask for first: the configuration and, on an
 * article's page, the article. */
function prefetch(event, url) {
  const wanted = [configUrl];
  const id = pagePrefix && url.href.startsWith(pagePrefix) && url.href.slice(pagePrefix.length).replace(/\/$/, "");
  if (id && articlePrefix && /^[a-z0-9-]+$/.test(id)) wanted.push(`${articlePrefix}${id}${articleSuffix}`);
  const savings = [];
  const answers = [];
  for (const href of wanted) {
    const cacheName = href && keptIn(new URL(href));
    if (!cacheName || prefetched.has(href)) continue;
    const answer = fresh(new Request(href), cacheName, (saving) => savings.push(saving));
    answers.push(answer);
    prefetched.set(href, answer);
    setTimeout(() => prefetched.get(href) === answer && prefetched.delete(href), PREFETCH_KEPT_MS);
  }
  // `fresh` hands over its saving before it answers, so `savings` is whole once `answers` are.
  event.waitUntil(Promise.allSettled(answers).then(() => Promise.allSettled(savings)));
}

function takePrefetched(href) {
  const answer = prefetched.get(href);
  prefetched.delete(href);
  return answer;
}

async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE, ignoreVary: true });
  return cached ?? fetch(request);
}

/** The network's answer, saved in `cacheName`; the saved copy when the network fails. The
 * saving is handed to `keepAlive` (the event's `waitUntil`), or awaited without one. */
async function fresh(request, cacheName, keepAlive) {
  const cache = await caches.open(cacheName);
  let response;
  try {
    response = await withTimeout(fetch(request));
  } catch (error) {
    const saved = await cache.match(request, { ignoreVary: true });
    if (saved) {
      // Opened again, so now the most recently read (the keys are in the order put).
      const copy = saved.clone();
      const reading = cache.delete(request, { ignoreVary: true }).then(() => cache.put(request, copy));
      if (keepAlive) keepAlive(reading);
      else await reading;
      return saved;
    }
    if (cacheName === IMAGES_CACHE) throw error;
    return new Response(null, { status: 503, headers: { [OFFLINE_HEADER]: "not-saved" } });
  }
  const saving = save(cache, cacheName, request, response.clone());
  if (keepAlive) keepAlive(saving);
  else await saving;
  return response;
}

async function save(cache, cacheName, request, response) {
  if (retired) return;
  if (response.status === 404 || response.status === 410) {
    await cache.delete(request, { ignoreVary: true });
    return;
  }
  if (!response.ok || response.type === "opaque") return;
  const body = await response.blob();
  if (cacheName === IMAGES_CACHE && body.size > imageBytes) return;
  const headers = new Headers(response.headers);
  headers.set(SAVED_HEADER, new Date().toISOString());
  headers.set(SIZE_HEADER, String(body.size));
  // Put again, so the entry becomes the newest: the cache's keys are in the order put.
  await cache.delete(request, { ignoreVary: true });
  await cache.put(request, new Response(body, { status: response.status, headers }));
  await trim(cache, cacheName);
}

/** Drops the oldest entries beyond the cache's allowance. */
async function trim(cache, cacheName) {
  const keys = await cache.keys();
  if (cacheName === IMAGES_CACHE) {
    let total = 0;
    const sizes = await Promise.all(
      keys.map(async (key) => Number((await cache.match(key))?.headers.get(SIZE_HEADER)) || 0),
    );
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      total += sizes[i];
      if (total > imageBytes) await cache.delete(keys[i]);
    }
    return;
  }
  const allowed = { [ARTICLES_CACHE]: articlesKept, [ROUTES_CACHE]: ROUTES_KEPT }[cacheName] ?? DOCUMENTS_KEPT;
  await Promise.all(keys.slice(0, Math.max(0, keys.length - allowed)).map((key) => cache.delete(key)));
}

function withTimeout(answer) {
  return Promise.race([
    answer,
    new Promise((_, fail) => setTimeout(() => fail(new Error("the network took too long")), NETWORK_TIMEOUT_MS)),
  ]);
}
