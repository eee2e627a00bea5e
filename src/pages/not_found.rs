use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::navigation::use_page_focus;
use crate::site::use_site;

/// Shown for any unknown path and for an article the server does not have.
#[component]
pub fn NotFound() -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    view! {
        <Title text="Page not found" />
        <section class="notice" aria-labelledby="notice-heading">
            <h1 id="notice-heading" tabindex="-1" node_ref=heading>
                "Page not found"
            </h1>
            <p>"There is no article at this address. It may have been moved or taken down."</p>
            <p>
                <A href=use_site().route("/")>"Go to the front page"</A>
            </p>
        </section>
    }
}
