use folio_model::{Author, Timestamp};
use leptos::prelude::*;

use crate::components::Link;

/// "By A, B and C", then the publication date and, when it differs, the last update.
#[component]
pub fn Byline(
    authors: Vec<Author>,
    published: Timestamp,
    updated: Option<Timestamp>,
) -> impl IntoView {
    let count = authors.len();
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(index, Author { name, url })| {
            let separator = match count - index {
                1 => "",
                2 => " and ",
                _ => ", ",
            };
            let name = match url {
                Some(href) => view! { <Link href>{name}</Link> }.into_any(),
                None => name.into_any(),
            };
            view! { <span class="author">{name}</span>{separator} }
        })
        .collect_view();
    view! {
        <div class="byline">
            {(count > 0).then(|| view! { <p class="authors">"By " {names}</p> })}
            <p class="dates">
                <span>"Published " <time datetime=published.as_str().to_string()>{published.to_string()}</time></span>
                {updated
                    .map(|updated| {
                        view! {
                            <span>
                                "Updated "
                                <time datetime=updated.as_str().to_string()>{updated.to_string()}</time>
                            </span>
                        }
                    })}
            </p>
        </div>
    }
}
