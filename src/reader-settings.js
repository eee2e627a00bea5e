// Applies the reader's display settings (reader.rs) before the first paint, so a reader who
// chose the dark theme never sees a flash of the light one. The build puts this file, hashed,
// in the entry page's <head> as a classic script; it only copies known-looking values into
// attributes, which style/main.css maps to custom properties.
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
