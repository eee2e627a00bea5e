use folio_model::Href;
use leptos::prelude::*;

use crate::embed::use_embedding;
use crate::site::use_site;

/// A link from article content. Another article of the site is followed by the router (no
/// reload, resolved against the base path); a web address opens as an ordinary link that gets
/// neither a handle on this page nor its address (in a new tab when the configuration says
/// `links.external = "new-tab"`); a relative path to something that is not an article leaves
/// the app. In an embed, another article opens in full on the Folio host.
#[component]
pub fn Link(href: Href, children: Children) -> impl IntoView {
    let external = href.is_external();
    match href {
        Href::Article(id) => match use_embedding() {
            // A plain <a>: the router follows every link to one of its routes, and an article
            // can hold thousands of these (a router `<A>` each costs far more).
            None => view! { <a href=use_site().article_route(&id)>{children()}</a> }.into_any(),
            Some(embedding) => view! {
                <a href=use_site().article_page_url(&id) target=embedding.link_target>
                    {children()}
                </a>
            }
            .into_any(),
        },
        Href::Url(url) if external => {
            let target = use_site()
                .config
                .links
                .external_in_new_tab
                .then_some("_blank");
            view! {
                <a href=url rel="noopener noreferrer" target=target>
                    {children()}
                </a>
            }
            .into_any()
        }
        // Relative to the site, which is not the page's base in an embed.
        Href::Url(url) => {
            view! { <a href=use_site().absolute(&url) rel="external">{children()}</a> }.into_any()
        }
    }
}
