use leptos::prelude::*;

use crate::i18n::use_strings;
use crate::reader::announce;

/// The article's shape while it loads: a reserved slot and header lines in the same places as
/// the article's, so nothing jumps when it arrives.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    let loading = use_strings().loading_article;
    Effect::new(move || announce(loading));
    view! {
        <div class="skeleton skeleton--article">
            <p class="visually-hidden">{loading}</p>
            <div class="skeleton__block skeleton__headline" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line skeleton__line--short" aria-hidden="true"></div>
        </div>
    }
}

/// The front page's shape while the list loads.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    let loading = use_strings().loading_articles;
    Effect::new(move || announce(loading));
    view! {
        <div class="skeleton skeleton--list">
            <p class="visually-hidden">{loading}</p>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
        </div>
    }
}
