use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_strings;
use crate::reader::ANNOUNCER_ID;
use crate::site::use_site;

/// The chrome of Folio's own pages around `children`, the page in `<main>`: a skip link, the
/// header with the site's name (a plain link the router follows), the footer, and the live
/// region where loading, errors and copied links are announced (`reader::announce`). The viewer
/// renders it around its routes, the prerender step around the article it writes.
#[component]
pub fn SiteChrome(children: Children) -> impl IntoView {
    let site = use_site();
    let strings = use_strings();
    view! {
        <SkipLink />
        <header class="site-header">
            <a class="site-name" href=site.route("/")>
                {site.config.site_name.clone()}
            </a>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{strings.published_with_folio}</p>
        </footer>
        <div id=ANNOUNCER_ID class="visually-hidden" role="status" aria-live="polite"></div>
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
            {use_strings().skip_to_content}
        </a>
    }
}
