use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::navigation;
use crate::pages::{ArticlePage, FrontPage, NotFound};
use crate::site::Site;

/// The whole viewer: site chrome around the routes `/`, `/articles/<id>` and not-found.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Site::from_document();
    let router_base = site.router_base();
    provide_context(site);
    navigation::install();

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Folio".to_string() } else { format!("{page} · Folio") }
        } />
        <Router base=router_base>
            <SkipLink />
            <header class="site-header">
                <A href="/" attr:class="site-name">
                    "Folio"
                </A>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=FrontPage />
                    <Route path=path!("/articles/:id") view=ArticlePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Published with Folio."</p>
            </footer>
        </Router>
    }
}

/// "Skip to content" for keyboard users. It focuses `<main>` itself: with a `<base href>` a
/// plain `#main` link would resolve to the front page.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let main = document().get_element_by_id("main");
        if let Some(main) = main.and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            "Skip to content"
        </a>
    }
}
