use folio_model::{Author, Listing, Timestamp};
use leptos::prelude::*;

use crate::components::{ListingName, LocalTime};
use crate::i18n::use_strings;

/// "By A, B and C" (each name links to the author's page; an author's own address is in the
/// page's JSON-LD), then the publication date and, when it differs, the last update.
#[component]
pub fn Byline(
    authors: Vec<Author>,
    published: Timestamp,
    updated: Option<Timestamp>,
) -> impl IntoView {
    let strings = use_strings();
    let count = authors.len();
    let names = authors
        .into_iter()
        .enumerate()
        .map(|(index, Author { name, .. })| {
            // None after the last name: an empty text node would be written as a space (the
            // HTML written at build time needs a node there), and the two renderers would differ.
            let separator = match count - index {
                1 => None,
                2 => Some(strings.and),
                _ => Some(", "),
            };
            view! {
                <span class="author">
                    <ListingName kind=Listing::Author name />
                </span>
                {separator}
            }
        })
        .collect_view();
    view! {
        <div class="byline">
            {(count > 0).then(|| view! { <p class="authors">{strings.by} {names}</p> })}
            <p class="dates">
                <span>{strings.published} " " <LocalTime timestamp=published /></span>
                {updated
                    .map(|updated| {
                        view! {
                            <span>{strings.updated} " " <LocalTime timestamp=updated /></span>
                        }
                    })}
            </p>
        </div>
    }
}
