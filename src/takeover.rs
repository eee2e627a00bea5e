//! The takeover of a prerendered page (`folio prerender`).
//!
//! A prerendered page is the viewer's own components rendered to HTML at build time, inside
//! `#folio-prerendered`. The viewer starts beside it, hidden by `style/main.css`, with its own
//! chrome and router. When its article has loaded, it does not render that article again: if
//! the prerendered article carries the stamp the viewer would give it
//! ([`Site::render_stamp`](crate::site::Site::render_stamp): same bytes, same configuration,
//! same address, same Folio), the article view is built by walking the prerendered nodes
//! (Leptos's hydration walk, [`adopted`]) and those very nodes move into the viewer's `<main>`.
//! Then [`finish`] removes what is left of the static copy (its chrome and head tags) in the
//! same task, and marks the document live (`<html data-folio-live>`).
//!
//! A page whose stamp differs was written before an edit (or by another Folio): the viewer
//! renders the article itself and swaps it in, as it would without the static copy.

use leptos::prelude::*;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{Position, PositionState, RenderHtml};
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::wrapped_view::{Building, Wrapped};

/// The static copy's wrapper: `<div id="folio-prerendered">`.
pub const PRERENDERED_ID: &str = "folio-prerendered";
/// Set on `<html>` once the viewer shows its own page: the signal tests and the benchmark wait for.
const LIVE_ATTRIBUTE: &str = "data-folio-live";

/// The container of the prerendered page's content (`.article-page`, `.listing-page`), when the
/// static copy holds, at `selector`, a view rendered with `stamp`, i.e. exactly what the viewer
/// is about to render.
pub fn prerendered(selector: &str, stamp: &str) -> Option<web_sys::Element> {
    let view = static_copy()?.query_selector(selector).ok()??;
    if view.get_attribute("data-folio-stamp").as_deref() != Some(stamp) {
        leptos::logging::warn!(
            "This page was prerendered from other content, configuration or Folio than the \
             viewer now has; the viewer renders it anew. Run the prerender step again after \
             every change."
        );
        return None;
    }
    view.parent_element()
}

/// The static copy, while the page has one (the viewer, beside it, is hidden until [`finish`]
/// removes the copy).
pub fn static_copy() -> Option<web_sys::Element> {
    document().get_element_by_id(PRERENDERED_ID)
}

/// A view built from existing nodes instead of new ones: `view`'s own hydration walk over the
/// children of `root`, which must be what `view` renders to HTML (the render stamp makes sure).
/// Mounting it moves those nodes into place.
pub fn adopted<V>(view: V, root: web_sys::Element) -> Wrapped<V, FromNodes> {
    Wrapped {
        view,
        building: FromNodes(SendWrapper::new(root)),
    }
}

/// Builds a view by its hydration walk over the children of an element (`adopted`).
pub struct FromNodes(SendWrapper<web_sys::Element>);

impl Building for FromNodes {
    fn build<V: RenderHtml>(self, view: V) -> V::State {
        let cursor = Cursor::new(self.0.take());
        view.hydrate::<true>(&cursor, &PositionState::new(Position::FirstChild))
    }

    fn rebuild<V: RenderHtml>(self, view: V, state: &mut V::State) {
        view.rebuild(state);
    }
}

/// Called once the viewer's page is in the document: removes the static copy (what is left of
/// it) and its head tags (the page's own follow a task later, `ArticleHead`) in this same task,
/// so the next frame shows the viewer's page in the same place; then marks the document live.
///
/// When the viewer rendered the article itself (a stale stamp), a hero image still loading in
/// the static copy is waited for: once it has painted, the viewer's copy of it (the same size)
/// is not a new "largest contentful paint". An adopted hero is no longer in the copy.
pub fn finish() {
    let document = document();
    let Some(prerendered) = static_copy() else {
        mark_live(&document);
        return;
    };
    let loading_hero = prerendered
        .query_selector("img[fetchpriority=high]")
        .ok()
        .flatten()
        .and_then(|image| image.dyn_into::<web_sys::HtmlImageElement>().ok())
        .filter(|image| !image.complete());
    if let Some(image) = loading_hero {
        // Whichever of load and error comes first; the other never does.
        let then = Closure::once_into_js(finish);
        for event in ["load", "error"] {
            let _ = image.add_event_listener_with_callback(event, then.unchecked_ref());
        }
        return;
    }
    prerendered.remove();
    if let Ok(tags) = document.query_selector_all("[data-folio-prerendered]") {
        for index in 0..tags.length() {
            if let Some(tag) = tags
                .item(index)
                .and_then(|tag| tag.dyn_into::<web_sys::Element>().ok())
            {
                tag.remove();
            }
        }
    }
    mark_live(&document);
}

fn mark_live(document: &web_sys::Document) {
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute(LIVE_ATTRIBUTE, "");
    }
}
