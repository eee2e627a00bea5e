// Loads folio-embed.js from the Folio origin the test names in the query (`?folio=<base URL>`),
// and records the Folio events the page sees, for the tests to read.
const folio = new URLSearchParams(location.search).get("folio");
window.folioEvents = [];
for (const name of ["folio:adslot", "folio:adslot-destroy", "folio:pageview"]) {
  document.addEventListener(name, (event) => {
    window.folioEvents.push({ name, detail: event.detail, target: event.target.id || null });
  });
}
// Every height message a frame sends this page (whether or not folio-embed.js takes it).
window.folioHeights = [];
window.addEventListener("message", (event) => {
  if (event.data?.type === "folio:embed-height") {
    window.folioHeights.push({ origin: event.origin, height: event.data.height });
  }
});
if (folio) {
  const script = document.createElement("script");
  script.type = "module";
  script.src = new URL("folio-embed.js", folio).href;
  document.head.append(script);
}
// A link to a Folio article as a publisher pastes it, which folio-embed.js turns into a frame.
window.addFolioLink = (href, text) => {
  const link = document.createElement("a");
  link.className = "folio-embed";
  link.href = href;
  link.textContent = text;
  document.getElementById("embeds").append(link);
};
