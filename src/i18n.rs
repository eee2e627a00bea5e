//! Which language the interface speaks on the current page: the article's, provided by the
//! article view; elsewhere the entry page's `<html lang>`. The words are `folio_model::Strings`.

use folio_model::{Strings, strings_for};
use leptos::prelude::*;

/// Makes the strings of `language` (a BCP 47 tag) the ones components below use.
pub fn provide_strings(language: Option<&str>) {
    provide_context(strings_for(language.or(document_language().as_deref())));
}

/// The strings for the current component.
pub fn use_strings() -> &'static Strings {
    use_context::<&'static Strings>().unwrap_or_else(|| strings_for(document_language().as_deref()))
}

fn document_language() -> Option<String> {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
}
