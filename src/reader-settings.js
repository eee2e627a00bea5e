// What the entry page does before the viewer starts. The build puts this file, hashed, in the
// entry page's <head> as a classic script.
//
// On the page: applies the reader's display settings (reader.rs) before the first paint, so a
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

