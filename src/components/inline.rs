use folio_model::{Inline, Run};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::Link;

/// Inline content: each run's text as a text node, wrapped in its marks and link. Markup in
/// the text stays text.
#[component]
pub fn InlineContent(content: Inline) -> impl IntoView {
    content.0.into_iter().map(run).collect_view()
}

/// A run: its text inside the elements of its marks (code, s, em, strong, from the inside out),
/// then its link. Typed views, not `AnyView`: see `blocks.rs`.
fn run(run: Run) -> impl IntoView {
    let Run { text, marks, href } = run;
    let view = mark(marks.code, text, |inner| view! { <code>{inner}</code> });
    let view = mark(marks.strike, view, |inner| view! { <s>{inner}</s> });
    let view = mark(marks.italic, view, |inner| view! { <em>{inner}</em> });
    let view = mark(marks.bold, view, |inner| view! { <strong>{inner}</strong> });
    match href {
        Some(href) => Either::Left(view! { <Link href>{view}</Link> }),
        None => Either::Right(view),
    }
}

/// `inner` wrapped by `wrap` when the mark is `on`.
fn mark<T, W>(on: bool, inner: T, wrap: impl FnOnce(T) -> W) -> Either<W, T> {
    if on {
        Either::Left(wrap(inner))
    } else {
        Either::Right(inner)
    }
}
