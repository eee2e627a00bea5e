//! `/embed/articles/<id>`: the article alone (no site chrome, no ads), for an iframe on another
//! site, which tells its parent its height whenever it changes.
//!
//! The protocol (`docs/embedding.md`): the parent names its origin in the query
//! (`?origin=https://host.example`; without it, the first of `location.ancestorOrigins`), and
//! the frame posts `{ type: "folio:embed-height", height }` to that origin only, on every change
//! of its document's size (content arriving, images and fonts loading, the viewport resizing).
//! A `{ type: "folio:embed-measure" }` message asks for the height again; it is answered only
//! when it comes from the parent window and from that origin. Query options: `links=new-tab`,
//! `theme=light|dark`, `compact`.

use std::sync::Arc;

use folio_model::ArticleId;
use js_sys::{Object, Reflect};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{ResizeObserver, UrlSearchParams};

use crate::api::ArticleSource;
use crate::embed::Embedding;
use crate::pages::ArticleLoader;
use crate::site::Site;

/// The article id in a frame path such as `/news/embed/articles/<id>`, when `path` (the
/// address's path, under `router_base`) is one. An unreadable id still makes a frame path: the
/// frame then shows its not-found notice.
pub fn frame_article(path: &str, router_base: &str) -> Option<Option<ArticleId>> {
    let id = path
        .strip_prefix(router_base)?
        .strip_prefix(crate::site::FRAME_ROUTE)?
        .trim_end_matches('/');
    Some(ArticleId::parse(id).ok())
}

/// The framed article page.
#[component]
pub fn FramedArticle(site: Arc<Site>, id: Option<ArticleId>) -> impl IntoView {
    let query = window()
        .location()
        .search()
        .ok()
        .and_then(|search| UrlSearchParams::new_with_str(&search).ok());
    let param = |name: &str| query.as_ref().and_then(|query| query.get(name));
    if let Some(theme) = param("theme").filter(|theme| theme == "light" || theme == "dark") {
        set_color_scheme(&theme);
    }
    provide_context(Embedding {
        link_target: Some(if param("links").as_deref() == Some("new-tab") {
            "_blank"
        } else {
            "_top"
        }),
        ad_host: None,
        id_prefix: String::new(),
        owns_document: true,
    });
    provide_context(site);
    let parent_origin = param("origin").or_else(first_ancestor_origin);
    if let Some(parent_origin) = parent_origin {
        report_height(parent_origin);
    }
    let compact = param("compact").is_some();
    let source = Signal::stored(id.map(ArticleSource::Id));
    view! {
        <div class="folio-frame">
            <ArticleLoader source compact />
        </div>
    }
}

fn set_color_scheme(scheme: &str) {
    if let Some(root) = document()
        .document_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = root.style().set_property("color-scheme", scheme);
    }
}

/// The embedding page's origin as the browser reports it (Chromium and Safari do).
fn first_ancestor_origin() -> Option<String> {
    // Not in web-sys's bindings (Firefox lacks it): read it as a property.
    Reflect::get(&window().location(), &"ancestorOrigins".into())
        .ok()?
        .dyn_into::<web_sys::DomStringList>()
        .ok()?
        .item(0)
}

/// Posts the document's height to `parent_origin` now and whenever it changes, and answers
/// `folio:embed-measure` from the parent, until the frame's view is cleaned up.
fn report_height(parent_origin: String) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let post = {
        let parent = parent.clone();
        let parent_origin = parent_origin.clone();
        move || {
            let Some(root) = document().document_element() else {
                return;
            };
            let height = root.get_bounding_client_rect().height().ceil();
            let message = Object::new();
            let _ = Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = Reflect::set(&message, &"height".into(), &height.into());
            // Delivered only if the parent really is at `parent_origin`.
            let _ = parent.post_message(&message, &parent_origin);
        }
    };

    let on_resize = Closure::<dyn Fn()>::new(post.clone());
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(root)) = (&observer, document().document_element()) {
        // Fires once at the start too, with the first height.
        observer.observe(&root);
    }
    let parent: JsValue = parent.into();
    let requests = window_event_listener(ev::message, move |event| {
        let from_parent = event
            .source()
            .is_some_and(|source| JsValue::from(source) == parent);
        let asks_height = Reflect::get(&event.data(), &"type".into())
            .ok()
            .and_then(|kind| kind.as_string())
            .is_some_and(|kind| kind == MEASURE_MESSAGE);
        if from_parent && event.origin() == parent_origin && asks_height {
            post();
        }
    });
    let observing = send_wrapper::SendWrapper::new((observer, on_resize));
    on_cleanup(move || {
        let (observer, _on_resize) = observing.take();
        if let Some(observer) = observer {
            observer.disconnect();
        }
        requests.remove();
    });
}

const HEIGHT_MESSAGE: &str = "folio:embed-height";
const MEASURE_MESSAGE: &str = "folio:embed-measure";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_paths_name_their_article() {
        let id = ArticleId::parse("tide-mill").unwrap();
        assert_eq!(
            frame_article("/news/embed/articles/tide-mill", "/news"),
            Some(Some(id.clone()))
        );
        assert_eq!(
            frame_article("/embed/articles/tide-mill/", ""),
            Some(Some(id))
        );
        // A frame path with an unreadable id: the frame shows its not-found notice.
        assert_eq!(frame_article("/embed/articles/Not_An_Id", ""), Some(None));
        assert_eq!(frame_article("/articles/tide-mill", ""), None);
        assert_eq!(frame_article("/embed/articles/tide-mill", "/news"), None);
    }
}
