use std::iter;

use folio_model::{Inline, Table};
use leptos::prelude::*;

use crate::components::InlineContent;
use crate::i18n::use_strings;

/// A table in a box of its own, which scrolls sideways when the table is wider than the column
/// (the page itself never does). The box is focusable, so a keyboard can scroll it, and named
/// after the caption, so a screen reader says what it holds. Short rows get empty cells, so
/// every column lines up.
#[component]
pub fn TableView(table: Table) -> impl IntoView {
    let strings = use_strings();
    let columns = table.columns();
    let Table {
        caption,
        header,
        rows,
    } = table;
    let label = caption.clone().unwrap_or_else(|| strings.table.to_string());
    let header = header.map(|cells| {
        let cells = padded(cells, columns)
            .map(|content| view! { <th scope="col"><InlineContent content /></th> })
            .collect_view();
        view! { <thead><tr>{cells}</tr></thead> }
    });
    let rows = rows
        .into_iter()
        .map(|cells| {
            let cells = padded(cells, columns)
                .map(|content| view! { <td><InlineContent content /></td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table>
                {caption.map(|caption| view! { <caption>{caption}</caption> })}
                {header}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// `cells` followed by empty ones up to `columns`.
fn padded(cells: Vec<Inline>, columns: usize) -> impl Iterator<Item = Inline> {
    let missing = columns.saturating_sub(cells.len());
    cells
        .into_iter()
        .chain(iter::repeat_n(Inline::default(), missing))
}
