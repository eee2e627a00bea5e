//! Which language the interface speaks on the current page: the article's, provided by the
//! article view; elsewhere the entry page's `<html lang>`. The words are `folio_model::Strings`.

use folio_model::{Language, Strings, strings_for};
use leptos::prelude::*;

/// Makes the strings of an article's `language` the ones components below use (the entry
/// page's when the article names none).
pub fn provide_strings(language: Option<&Language>) {
    let tag = language.map(|language| language.tag.clone());
    provide_context(strings_for(tag.or_else(document_language).as_deref()));
}

/// The strings for the current component.
pub fn use_strings() -> &'static Strings {
    use_context::<&'static Strings>().unwrap_or_else(|| strings_for(document_language().as_deref()))
}

/// The entry page's `<html lang>`.
#[cfg(target_arch = "wasm32")]
fn document_language() -> Option<String> {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
}

/// Natively (the prerender step) there is no document: the entry page's language is the
/// default, as `index.html` declares it.
#[cfg(not(target_arch = "wasm32"))]
fn document_language() -> Option<String> {
    None
}
