use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use wasm_bindgen::JsCast;

use std::sync::Arc;

use crate::components::SiteChrome;
use crate::embed::frame::{self, FramedArticle};
use crate::router::Pages;
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
        <SiteChrome>
            <Pages />
        </SiteChrome>
    }
    .into_any()
}
