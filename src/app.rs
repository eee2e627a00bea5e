use leptos::prelude::*;
use wasm_bindgen::JsCast;

use std::sync::Arc;

use crate::components::SiteChrome;
use crate::embed::frame::{self, FramedArticle};
use crate::router::Pages;
use crate::site::Site;
use crate::{host, navigation, offline};

/// Starts the viewer on Folio's entry page: loads the site's address and configuration (the
/// entry page preloads it, so this costs no extra round trip), then mounts [`App`] in `<body>`.
/// Loading first, rather than under a `Suspense`, keeps a resource and its code out of the
/// module.
pub fn start() {
    // wasm-bindgen's own spawner: Leptos's executor is set up by the mount.
    wasm_bindgen_futures::spawn_local(async {
        let site = Site::load().await;
        leptos::mount::mount_to_body(move || view! { <App site /> });
    });
}

/// Site chrome around the pages `/`, `/articles/<id>` and not-found; or, at
/// `/embed/articles/<id>`, the article alone for an iframe (it never navigates: its links leave).
#[component]
pub fn App(site: Site) -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    if let Some(id) = frame::frame_article(&path, site.router_base()) {
        return view! { <FramedArticle site=Arc::new(site) id /> }.into_any();
    }
    host::install(&site.config.ads);
    if let Some(root) = document()
        .document_element()
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
    {
        host::reserve_fluid_height(&root, &site.config.ads);
    }
    offline::install(&site);
    provide_context(Arc::new(site));
    navigation::install();

    view! {
        <SiteChrome>
            <Pages />
        </SiteChrome>
    }
    .into_any()
}
