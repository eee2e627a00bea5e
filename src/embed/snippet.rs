//! What an oEmbed consumer (a CMS, a chat app) puts in its page for an article: the iframe of
//! the article's frame page, sized to work alone, since a consumer may strip every script, and
//! `folio-embed.js`, which then sizes the frame to its content (`docs/embedding.md`). Rendered
//! by the prerender step into each article's oEmbed document.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;

/// The frame's size without the script: the article's column, and a window onto its start that
/// scrolls.
pub const SNIPPET_WIDTH: u32 = 640;
pub const SNIPPET_HEIGHT: u32 = 600;

/// The iframe and the script for the article whose frame page is `src`.
#[component]
pub fn EmbedSnippet(src: String, title: String, script: String) -> impl IntoView {
    // `loading` is not among the view layer's iframe attributes.
    let frame = view! {
        <iframe
            class="folio-embed-frame"
            src=src
            title=title
            width=SNIPPET_WIDTH
            height=SNIPPET_HEIGHT
            style="display:block;width:100%;max-width:640px;border:0"
        ></iframe>
    }
    .attr("loading", "lazy");
    view! {
        {frame}
        <script type="module" src=script></script>
    }
}
