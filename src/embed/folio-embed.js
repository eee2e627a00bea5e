// folio-embed.js: Folio articles in any page (docs/embedding.md).
//
//   <script type="module" src="https://<host>/<base>/folio-embed.js"></script>
//   <folio-article src="https://<host>/<base>/content/articles/<id>.json"></folio-article>
//   <a class="folio-embed" href="https://<host>/<base>/articles/<id>">Headline</a>
//
// The custom element renders the article in its shadow root with Folio's wasm module, which
// is fetched and compiled once for the page however many elements there are. A link with the
// class `folio-embed` becomes an iframe of `/embed/articles/<id>` that sizes itself to its
// content. Every address is relative to this script's own URL, so the one file works from
// any host and base path. `cargo xtask dist` writes the asset names below.

const base = new URL(".", import.meta.url);
const GLUE = new URL("%FOLIO_GLUE%", base);
const STYLESHEET = new URL("%FOLIO_EMBED_CSS%", base);

// The module and the stylesheet, loaded in parallel once for the page.
let runtime;
function loadRuntime() {
  runtime ??= Promise.all([
    import(GLUE.href).then(async (glue) => {
      await glue.ready;
      return glue;
    }),
    fetch(STYLESHEET).then(async (response) => {
      if (!response.ok) throw new Error(`${STYLESHEET} answered HTTP ${response.status}`);
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await response.text());
      return sheet;
    }),
  ]);
  return runtime;
}

// Only what the box needs before Folio's stylesheet is in: a block with a reserved height.
const placeholderSheet = new CSSStyleSheet();
placeholderSheet.replaceSync(
  ":host{display:block;min-height:320px}:host([compact]){min-height:160px}:host([hidden]){display:none}",
);

class FolioArticle extends HTMLElement {
  static observedAttributes = ["src", "ads", "compact", "links"];

  #shadow = this.attachShadow({ mode: "open" });
  #mounted = null;
  // Bumped by every mount and unmount, so a mount still waiting for the runtime knows when
  // it has been overtaken.
  #generation = 0;

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value || !this.isConnected) return;
    if (name === "src" && this.#mounted) {
      this.#mounted.set_src(this.#src());
    } else {
      this.#unmount();
      this.#mount();
    }
  }

  #src() {
    return new URL(this.getAttribute("src") ?? "", document.baseURI).href;
  }

  async #mount() {
    const generation = ++this.#generation;
    if (this.#shadow.adoptedStyleSheets.length === 0) {
      this.#shadow.adoptedStyleSheets = [placeholderSheet];
    }
    let glue, sheet;
    try {
      [glue, sheet] = await loadRuntime();
    } catch (error) {
      if (generation === this.#generation) this.#fail(error);
      return;
    }
    if (generation !== this.#generation) return;
    this.#shadow.adoptedStyleSheets = [sheet];
    const box = document.createElement("div");
    box.className = "folio-embed";
    this.#shadow.replaceChildren(box);
    const options = new glue.EmbedOptions();
    options.src = this.#src();
    options.base_url = base.href;
    options.ads = this.hasAttribute("ads");
    options.compact = this.hasAttribute("compact");
    options.new_tab = this.getAttribute("links") === "new-tab";
    this.#mounted = glue.mount_article(this, box, options);
  }

  #unmount() {
    this.#generation++;
    this.#mounted?.unmount();
    this.#mounted = null;
  }

  // Folio itself could not start (the host blocks it, or its server does not send CORS
  // headers): say so, and still offer the article on its own site.
  #fail(error) {
    console.error("folio-article: Folio could not start:", error);
    const notice = document.createElement("p");
    notice.setAttribute("role", "alert");
    notice.textContent = "This article couldn't be loaded here. ";
    const id = this.#src().match(/\/([a-z0-9-]+)\.json(?:[?#]|$)/)?.[1];
    if (id) {
      const link = document.createElement("a");
      link.href = new URL(`articles/${id}`, base).href;
      link.textContent = "Read it on its site";
      notice.append(link);
    }
    this.#shadow.replaceChildren(notice);
  }
}

if (!customElements.get("folio-article")) {
  customElements.define("folio-article", FolioArticle);
}

// --- The auto-sizing iframe -------------------------------------------------------------

const frames = new Set();

// A height is taken only from one of our frames' windows, and only from Folio's origin.
window.addEventListener("message", (event) => {
  if (event.origin !== base.origin || event.data?.type !== "folio:embed-height") return;
  const frame = [...frames].find((frame) => frame.contentWindow === event.source);
  const height = Number(event.data.height);
  if (frame && Number.isFinite(height) && height >= 0 && height < 1e6) {
    frame.style.height = `${Math.ceil(height)}px`;
  }
});

// `<a class="folio-embed" href=".../articles/<id>">` → the article in a self-sizing iframe.
// Options as data attributes: `data-links="new-tab"`, `data-theme="light|dark"`,
// `data-compact`.
function embedFrame(link) {
  const url = new URL(link.href, document.baseURI);
  const articles = new URL("articles/", base);
  const id = url.href.startsWith(articles.href) && url.href.slice(articles.href.length);
  if (!id || !/^[a-z0-9-]+$/.test(id)) return;
  const src = new URL(`embed/articles/${id}`, base);
  src.searchParams.set("origin", location.origin);
  if (link.dataset.links === "new-tab") src.searchParams.set("links", "new-tab");
  if (link.dataset.theme) src.searchParams.set("theme", link.dataset.theme);
  if ("compact" in link.dataset) src.searchParams.set("compact", "");
  const frame = document.createElement("iframe");
  frame.src = src.href;
  frame.title = link.textContent.trim() || "Article";
  frame.className = "folio-embed-frame";
  frame.loading = "lazy";
  // Until the first height arrives: the same reserve as the custom element.
  frame.style.cssText = "display:block;width:100%;height:320px;border:0";
  frames.add(frame);
  link.replaceWith(frame);
}

// `<iframe class="folio-embed-frame" src=".../embed/articles/<id>">` written by someone else
// (an oEmbed consumer pastes one, at a fixed height): sized like our own from now on. The frame
// posts its height only to an origin it knows, so one without `origin` is pointed at ours.
function adoptFrame(frame) {
  if (frames.has(frame)) return;
  const src = new URL(frame.src || "about:blank", document.baseURI);
  if (!src.href.startsWith(new URL("embed/articles/", base).href)) return;
  frames.add(frame);
  if (src.searchParams.get("origin") !== location.origin) {
    src.searchParams.set("origin", location.origin);
    frame.src = src.href;
  }
}

const EMBEDS = "a.folio-embed";
const FRAMES = "iframe.folio-embed-frame";

// Links and frames in the page now, and any added later.
document.querySelectorAll(EMBEDS).forEach(embedFrame);
document.querySelectorAll(FRAMES).forEach(adoptFrame);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (node.matches(EMBEDS)) embedFrame(node);
      if (node.matches(FRAMES)) adoptFrame(node);
      node.querySelectorAll(EMBEDS).forEach(embedFrame);
      node.querySelectorAll(FRAMES).forEach(adoptFrame);
    }
  }
  for (const frame of frames) {
    if (!frame.isConnected) frames.delete(frame);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
