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
            <SkeletonBlock class="skeleton__block skeleton__headline" />
            <SkeletonBlock class="skeleton__block skeleton__line" />
            <SkeletonBlock class="skeleton__block skeleton__line skeleton__line--short" />
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
            <SkeletonBlock class="skeleton__block skeleton__line" />
            <SkeletonBlock class="skeleton__block skeleton__line" />
            <SkeletonBlock class="skeleton__block skeleton__line" />
        </div>
    }
}

/// One grey bar of a skeleton. A component, not markup written out in the views above: an
/// element whose attributes and children are all literals becomes one of the view layer's
/// static templates, which it builds through `innerHTML`, and the viewer must never assign
/// `innerHTML` (Trusted Types; `cargo xtask dist` refuses a build whose glue can).
#[component]
fn SkeletonBlock(class: &'static str) -> impl IntoView {
    view! { <div class=class aria-hidden="true"></div> }
}
