use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_strings;
use crate::reader::copy_to_clipboard;

/// Shares the page through the system's share sheet (the Web Share API) where there is one,
/// and otherwise copies its address.
#[component]
pub fn ShareButton(title: String, url: String) -> impl IntoView {
    let strings = use_strings();
    let share = move |_| {
        let (title, url) = (title.clone(), url.clone());
        leptos::task::spawn_local(async move {
            let navigator = window().navigator();
            let can_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
            if can_share {
                let data = web_sys::ShareData::new();
                data.set_title(&title);
                data.set_url(&url);
                // A cancelled share sheet rejects; there is nothing to say about that.
                let _ = JsFuture::from(navigator.share_with_data(&data)).await;
            } else {
                copy_to_clipboard(&url, strings).await;
            }
        });
    };
    view! {
        <button type="button" class="tool" on:click=share>
            {strings.share}
        </button>
    }
}
