//! Folio's pages by address, and following links without a reload.
//!
//! The app has three kinds of page (listings, `/articles/<id>`, not found: [`Site::page_at`]), so it needs
//! no general router: the address's path is a signal, kept in step with the History API. Links
//! stay plain `<a href>`; one listener on the window follows those that stay inside the app,
//! and back and forward set the path the same way. Focus and scrolling after a page change are
//! `navigation.rs`'s. (leptos_router did this for 30 KB of the wasm, brotli, and a share of
//! every start-up's work.)

use leptos::either::EitherOf3;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::pages::{ArticlePage, ListingPage, NotFound};
use crate::site::{Page, Site, use_site};

/// The address's path (`location.pathname`), as the page shows it.
#[derive(Clone, Copy)]
struct Location(RwSignal<String>);

/// The page the address names, for the page components (the article page reads its id here).
pub fn use_page() -> Memo<Page> {
    let site = use_site();
    let path = use_context::<Location>().map(|Location(path)| path);
    Memo::new(move |_| match path {
        Some(path) => site.page_at(&path.read()),
        None => Page::NotFound,
    })
}

/// The page the address names, changing with the address. Following links and going back and
/// forward is handled for the lifetime of the app from here.
#[component]
pub fn Pages() -> impl IntoView {
    let path = RwSignal::new(current_path());
    provide_context(Location(path));
    let site = use_site();
    let click = window_event_listener(ev::click, move |event| follow_link(&event, &site, path));
    let popstate = window_event_listener(ev::popstate, move |_| path.set(current_path()));
    on_cleanup(move || {
        click.remove();
        popstate.remove();
    });

    let page = use_page();
    // Which component shows the page: from one article to another the article page stays and
    // loads the next article (keeping the old one until then); so does the listing page.
    let shown = Memo::new(move |_| match *page.read() {
        Page::Listing(..) => Shown::Listing,
        Page::Article(_) => Shown::Article,
        Page::NotFound => Shown::NotFound,
    });
    move || match shown.get() {
        Shown::Listing => EitherOf3::A(view! { <ListingPage /> }),
        Shown::Article => EitherOf3::B(view! { <ArticlePage /> }),
        Shown::NotFound => EitherOf3::C(view! { <NotFound /> }),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Listing,
    Article,
    NotFound,
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Follows a click on a link to one of the app's pages with the History API instead of a page
/// load. Everything else is the browser's: a modified or non-primary click, a link that opens
/// elsewhere (`target`), downloads, `rel="external"`, other origins, and paths outside the base.
fn follow_link(event: &web_sys::MouseEvent, site: &Site, path: RwSignal<String>) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|link| link.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let target = link.target();
    let leaves = !(target.is_empty() || target.eq_ignore_ascii_case("_self"))
        || link.has_attribute("download")
        || link
            .rel()
            .split_ascii_whitespace()
            .any(|rel| rel.eq_ignore_ascii_case("external"));
    let Ok(url) = web_sys::Url::new(&link.href()) else {
        return;
    };
    let location = window().location();
    if leaves || Some(url.origin()) != location.origin().ok() || !site.is_app_path(&url.pathname())
    {
        return;
    }
    event.prevent_default();
    let same_page = location.pathname().ok() == Some(url.pathname())
        && location.search().ok() == Some(url.search());
    if same_page && url.hash().is_empty() {
        return;
    }
    // A new build waits to take over: the page is loaded anew, under it.
    if !same_page && crate::offline::load_new_version(&url.href()) {
        return;
    }
    crate::navigation::remember_position();
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
    if same_page {
        // A link to a part of this page (`#p-3`): no page change, only the scroll.
        crate::navigation::scroll_to_fragment();
    } else {
        path.set(url.pathname());
    }
}
