use folio_model::Href;
use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::embed::use_embedding;
use crate::site::use_site;

/// A link from article content. Another article of the site is followed by the router (no
/// reload, resolved against the base path); a web address opens as an ordinary link that gets
/// neither a handle on this page nor its address (in a new tab when the configuration says
/// `links.external = "new-tab"`); a relative path to something that is not an article leaves
/// the app. In an embed, another article opens in full on the Folio host.
#[component]
pub fn Link<C>(href: Href, children: TypedChildren<C>) -> impl IntoView
where
    C: IntoView + 'static,
{
    let children = children.into_inner()();
    let external = href.is_external();
    match href {
        Href::Article(id) => match use_embedding() {
            // A plain <a>: the router (`router.rs`) follows every link to one of the pages.
            None => EitherOf4::A(view! { <a href=use_site().article_route(&id)>{children}</a> }),
            Some(embedding) => EitherOf4::B(view! {
                <a href=use_site().article_page_url(&id) target=embedding.link_target>
                    {children}
                </a>
            }),
        },
        Href::Url(url) if external => {
            let target = use_site()
                .config
                .links
                .external_in_new_tab
                .then_some("_blank");
            EitherOf4::C(view! {
                <a href=url rel="noopener noreferrer" target=target>
                    {children}
                </a>
            })
        }
        // Relative to the site, which is not the page's base in an embed.
        Href::Url(url) => {
            EitherOf4::D(view! { <a href=use_site().absolute(&url) rel="external">{children}</a> })
        }
    }
}
