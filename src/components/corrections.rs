use folio_model::Correction;
use leptos::prelude::*;

use crate::components::LocalTime;
use crate::i18n::use_strings;

/// Where the corrections note is in the page: the byline's line links here.
pub const CORRECTIONS_ID: &str = "corrections";

/// The dated note at the end of a corrected article, one entry per correction.
#[component]
pub fn CorrectionsNote(corrections: Vec<Correction>) -> impl IntoView {
    let strings = use_strings();
    let entries = corrections
        .into_iter()
        .map(|Correction { date, text }| {
            view! {
                <li>
                    <LocalTime timestamp=date />
                    ": "
                    {text}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="corrections" id=CORRECTIONS_ID>
            <h2>{strings.corrections}</h2>
            <ul>{entries}</ul>
        </section>
    }
}

/// The line under the byline of a corrected article: a link to the note, given the article's
/// `route` (an embed has none: there the line is text, the note being just below).
#[component]
pub fn CorrectedLine(route: Option<String>) -> impl IntoView {
    let strings = use_strings();
    let line = match route {
        Some(route) => leptos::either::Either::Left(view! {
            <a href=format!("{route}#{CORRECTIONS_ID}")>{strings.corrected}</a>
        }),
        None => leptos::either::Either::Right(strings.corrected),
    };
    view! { <p class="corrected">{line}</p> }
}
