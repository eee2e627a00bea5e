// Loaded on an origin that is neither the host's nor Folio's. `?height=N` claims, to the
// parent page, that this window's content is N px high (as a Folio frame would);
// `?measure` asks every sibling frame for its height (as only the parent may).
const query = new URLSearchParams(location.search);
if (query.has("height")) {
  parent.postMessage({ type: "folio:embed-height", height: Number(query.get("height")) }, "*");
}
if (query.has("measure")) {
  for (let i = 0; i < parent.frames.length; i++) {
    if (parent.frames[i] !== window) parent.frames[i].postMessage({ type: "folio:embed-measure" }, "*");
  }
}
document.title = "sent";
