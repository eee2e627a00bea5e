use leptos::prelude::*;

/// The article's shape while it loads: a reserved slot and header lines in the same places as
/// the article's, so nothing jumps when it arrives.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton skeleton--article">
            <p role="status" class="visually-hidden">"Loading the article…"</p>
            <div class="skeleton__block skeleton__headline" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line skeleton__line--short" aria-hidden="true"></div>
        </div>
    }
}

/// The front page's shape while the list loads.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton skeleton--list">
            <p role="status" class="visually-hidden">"Loading the articles…"</p>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
            <div class="skeleton__block skeleton__line" aria-hidden="true"></div>
        </div>
    }
}
