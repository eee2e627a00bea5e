use folio_model::Href;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::site::use_site;

/// A link from article content. Another article of the site is followed by the router (no
/// reload, resolved against the base path); a web address opens as an ordinary link that gets
/// neither a handle on this page nor its address; a relative path to something that is not an
/// article leaves the app.
#[component]
pub fn Link(href: Href, children: Children) -> impl IntoView {
    let external = href.is_external();
    match href {
        Href::Article(id) => {
            view! { <A href=use_site().article_route(&id)>{children()}</A> }.into_any()
        }
        Href::Url(url) if external => {
            view! { <a href=url rel="noopener noreferrer">{children()}</a> }.into_any()
        }
        Href::Url(url) => view! { <a href=url rel="external">{children()}</a> }.into_any(),
    }
}
