use folio_model::{Inline, Run};
use leptos::prelude::*;

use crate::components::Link;

/// Inline content: each run's text as a text node, wrapped in its marks and link. Markup in
/// the text stays text.
#[component]
pub fn InlineContent(content: Inline) -> impl IntoView {
    content.0.into_iter().map(run).collect_view()
}

fn run(run: Run) -> AnyView {
    let Run { text, marks, href } = run;
    let mut view = text.into_any();
    if marks.code {
        view = view! { <code>{view}</code> }.into_any();
    }
    if marks.strike {
        view = view! { <s>{view}</s> }.into_any();
    }
    if marks.italic {
        view = view! { <em>{view}</em> }.into_any();
    }
    if marks.bold {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    match href {
        Some(href) => view! { <Link href>{view}</Link> }.into_any(),
        None => view,
    }
}
