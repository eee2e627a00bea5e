use folio_model::Strings;
use leptos::prelude::*;

use crate::components::PageTitle;
use crate::embed::{owns_document, use_embedding};
use crate::i18n::use_strings;
use crate::navigation::use_page_focus;
use crate::site::use_site;

/// Shown for any unknown path and for an article the server does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    let site = use_site();
    let strings = use_strings();
    // An embed has no router: its link leaves for the Folio host's front page.
    let front_page = match use_embedding() {
        None => view! { <a href=site.route("/")>{strings.front_page}</a> }.into_any(),
        Some(embedding) => view! {
            <a href=site.front_page_url().to_string() target=embedding.link_target>
                {Strings::fill(strings.go_to_site, &site.config.site_name)}
            </a>
        }
        .into_any(),
    };
    view! {
        {owns_document().then(|| view! { <PageTitle text=strings.not_found /> })}
        <section class="notice" aria-labelledby="notice-heading">
            <h1 id="notice-heading" tabindex="-1" node_ref=heading>
                {strings.not_found}
            </h1>
            <p>{strings.not_found_text}</p>
            <p>{front_page}</p>
        </section>
    }
}
