use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use std::sync::Arc;

use crate::embed::frame::{self, FramedArticle};
use crate::pages::{ArticlePage, FrontPage, NotFound};
use crate::site::Site;
use crate::{host, navigation, reader};

/// The whole viewer, once the publisher's configuration is in. The entry page preloads the
/// configuration, so waiting for it costs no extra round trip.
#[component]
pub fn App() -> impl IntoView {
    let site = LocalResource::new(Site::load);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let site = site.await;
                view! { <Viewer site /> }
            })}
        </Suspense>
    }
}

/// Site chrome around the routes `/`, `/articles/<id>` and not-found; or, at
/// `/embed/articles/<id>`, the article alone for an iframe (it never navigates: its links leave).
#[component]
fn Viewer(site: Site) -> impl IntoView {
    provide_meta_context();
    let site_name = site.config.site_name.clone();
    let title = view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site_name.clone() } else { format!("{page} · {site_name}") }
        } />
    };
    let path = window().location().pathname().unwrap_or_default();
    if let Some(id) = frame::frame_article(&path, site.router_base()) {
        return view! { {title} <FramedArticle site=Arc::new(site) id /> }.into_any();
    }
    let router_base = site.router_base().to_string();
    let front_page = site.route("/");
    let site_name_in_header = site.config.site_name.clone();
    host::install(&site.config.ads);
    if let Some(root) = document()
        .document_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
    {
        host::reserve_fluid_height(&root, &site.config.ads);
    }
    provide_context(Arc::new(site));
    navigation::install();

    view! {
        {title}
        <Router base=router_base>
            <SkipLink />
            <header class="site-header">
                <A href=front_page attr:class="site-name">
                    {site_name_in_header}
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
            // Loading, errors and copied links are announced here (reader::announce).
            <div id=reader::ANNOUNCER_ID class="visually-hidden" role="status" aria-live="polite"></div>
        </Router>
    }
    .into_any()
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
