use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::pages::{ArticlePage, FrontPage, NotFound};
use crate::site::Site;
use crate::{host, navigation};

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

/// Site chrome around the routes `/`, `/articles/<id>` and not-found.
#[component]
fn Viewer(site: Site) -> impl IntoView {
    provide_meta_context();
    let router_base = site.router_base().to_string();
    let front_page = site.route("/");
    let site_name = site.config.site_name.clone();
    let site_name_in_header = site_name.clone();
    host::install(&site.config.ads);
    provide_context(std::sync::Arc::new(site));
    navigation::install();

    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site_name.clone() } else { format!("{page} · {site_name}") }
        } />
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
