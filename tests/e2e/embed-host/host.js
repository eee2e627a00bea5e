// Loads folio-embed.js from the Folio origin the test names in the query (`?folio=<base URL>`),
// and records the Folio events the page sees, for the tests to read.
const folio = new URLSearchParams(location.search).get("folio");
window.folioEvents = [];
for (const name of ["folio:adslot", "folio:adslot-destroy", "folio:pageview"]) {
  document.addEventListener(name, (event) => {
    window.folioEvents.push({ name, detail: event.detail, target: event.target.id || null });
  });
}
if (folio) {
  const script = document.createElement("script");
  script.type = "module";
  script.src = new URL("folio-embed.js", folio).href;
  document.head.append(script);
}
