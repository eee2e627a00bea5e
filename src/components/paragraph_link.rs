use leptos::prelude::*;

use crate::i18n::use_strings;
use crate::reader::copy_to_clipboard;

/// The link beside paragraph `number` (`#p-<number>`): following it copies the paragraph's
/// address and puts it in the address bar.
#[component]
pub fn ParagraphLink(number: usize, route: String) -> impl IntoView {
    let strings = use_strings();
    let fragment = format!("p-{number}");
    let href = format!("{route}#{fragment}");
    let copy = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let location = window().location();
        let url = format!(
            "{}{}#{fragment}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        leptos::task::spawn_local(async move { copy_to_clipboard(&url, strings).await });
    };
    view! {
        <a
            class="paragraph-link"
            href=href
            aria-label=folio_model::Strings::fill(strings.paragraph_link, number)
            on:click=copy
        ></a>
    }
}
