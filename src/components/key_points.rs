use folio_model::Inline;
use leptos::prelude::*;

use crate::components::InlineContent;
use crate::i18n::use_strings;

/// The story in a few lines, in a box above the body ("Key points" in the article's language).
#[component]
pub fn KeyPoints(points: Vec<Inline>) -> impl IntoView {
    let strings = use_strings();
    let points = points
        .into_iter()
        .map(|content| view! { <li><InlineContent content /></li> })
        .collect_view();
    view! {
        <section class="key-points">
            <h2>{strings.key_points}</h2>
            <ul>{points}</ul>
        </section>
    }
}
