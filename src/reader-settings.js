// What the entry page does before the viewer starts. The build puts this file, hashed, in the
// entry page's <head> as a classic script.
//
// On the page: shows the page's last resort (components/last_resort.rs) if the viewer fails to
// load, compile or start, or aborts (with `panic = "abort"` every panic ends in a wasm trap), and
// applies the reader's display settings (reader.rs) before the first paint, so a
// reader who chose the dark theme never sees a flash of the light one. It only copies
// known-looking values into attributes, which style/main.css maps to custom properties.
//
// As a worker (this same file, started from the page): makes the page's first use of `Intl`.
// Dates are shown in the reader's locale (components/local_time.rs), and the first `Intl`
// object a page makes loads the browser's locale data: 15-40 ms of main thread on a phone, in
// the middle of the viewer's start-up, where it would block the reader's first tap. The data is
// the browser process's, so after the worker has loaded it the viewer's first use is quick.
if (typeof document === "undefined") {
  new Intl.DateTimeFormat([], { dateStyle: "long", timeStyle: "short" }).format(0);
  new Intl.RelativeTimeFormat([], { numeric: "auto" }).format(-1, "day");
  close();
} else {
  watchTheViewer();
  try {
    const settings = JSON.parse(localStorage.getItem("folio-reader") || "{}");
    const root = document.documentElement;
    for (const [key, attribute] of [["theme", "data-theme"], ["textSize", "data-text-size"], ["width", "data-width"]]) {
      const value = settings[key];
      if (typeof value === "string" && /^[a-z0-9]{1,12}$/.test(value)) root.setAttribute(attribute, value);
    }
  } catch {
    // No storage (private browsing, blocked cookies) or a damaged entry: the defaults apply.
  }
  try {
    // Under Trusted Types (deploy/nginx.conf) a worker's address needs a policy: this one
    // accepts this very script's address and nothing else.
    const own = document.currentScript.src;
    const policy = self.trustedTypes?.createPolicy("folio-settings", {
      createScriptURL(url) {
        if (url !== own) throw new TypeError(`folio-settings: refused ${url}`);
        return url;
      },
    });
    new Worker(policy ? policy.createScriptURL(own) : own);
  } catch {
    // No workers (or a policy that forbids them): the viewer's first date costs a little more.
  }
}

/**
 * Marks the page failed (`<html data-folio-failed>`, which shows the last resort) when the
 * viewer's module cannot load, the viewer does not start, or it traps. Only Folio's own scripts
 * count: a publisher's ad script that an ad blocker stops is not Folio failing.
 */
function watchTheViewer() {
  const assets = new URL(".", document.currentScript.src).href;
  const root = document.documentElement;
  const live = () => root.hasAttribute("data-folio-live");
  // A browser without WebAssembly has none of its errors (the stylesheet's cap covers it).
  const wasm = (error, kind) => typeof WebAssembly === "object" && error instanceof WebAssembly[kind];
  const fromFolio = (error) =>
    ["CompileError", "LinkError", "RuntimeError"].some((kind) => wasm(error, kind)) ||
    String(error?.stack).includes(assets);
  // The link reloads this very address (the app shell cannot know it at build time, and
  // points at the front page until now).
  const reloadHere = () => {
    for (const link of document.querySelectorAll(".last-resort a")) link.href = location.href;
  };
  document.addEventListener("DOMContentLoaded", reloadHere);
  const failed = () => {
    if (root.hasAttribute("data-folio-failed")) return;
    root.setAttribute("data-folio-failed", "");
    reloadHere();
  };
  addEventListener(
    "error",
    (event) => {
      const target = event.target;
      if (target instanceof HTMLScriptElement) {
        if (target.src.startsWith(assets)) failed();
      } else if (wasm(event.error, "RuntimeError")) {
        failed();
      }
    },
    // Capturing: a script that fails to load fires `error` on its element, which does not bubble.
    true,
  );
  addEventListener("unhandledrejection", (event) => {
    const error = event.reason;
    if (live() ? wasm(error, "RuntimeError") : fromFolio(error)) failed();
  });
}
