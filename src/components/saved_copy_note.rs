use folio_model::Timestamp;
use leptos::prelude::*;

use crate::components::LocalTime;
use crate::i18n::use_strings;

/// The quiet line above an article shown from the copy saved for reading offline.
#[component]
pub fn SavedCopyNote(saved: Timestamp) -> impl IntoView {
    view! {
        <p class="saved-copy" role="status">
            {use_strings().saved_copy_from}
            " "
            <LocalTime timestamp=saved />
        </p>
    }
}
