//! The reader's own choices and actions on an article page: display settings (theme, text size,
//! line width), copying links, and the live region that says what happened. The components
//! that offer them are `ReaderControls`, `ShareButton` and `ParagraphLink`.
//!
//! Settings are three attributes on `<html>` (`data-theme`, `data-text-size`, `data-width`)
//! that `style/main.css` turns into custom properties, so changing one re-renders nothing. They
//! are remembered in `localStorage` under [`STORAGE_KEY`]; `src/reader-settings.js`, a tiny
//! script in the entry page's `<head>`, applies them before the first paint.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

pub const STORAGE_KEY: &str = "folio-reader";

/// The choices, by the values the attributes take. `None` is the default (no attribute).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub theme: Option<String>,
    pub text_size: Option<String>,
    pub width: Option<String>,
}

pub const THEMES: [&str; 3] = ["light", "sepia", "dark"];
/// Steps of the text size, from the smallest; `1` is the default.
pub const TEXT_SIZES: [(&str, &str); 5] = [
    ("0", "90%"),
    ("1", "100%"),
    ("2", "115%"),
    ("3", "130%"),
    ("4", "150%"),
];
pub const WIDTHS: [&str; 3] = ["narrow", "normal", "wide"];

impl Settings {
    /// What is stored, keeping only values Folio knows.
    pub fn load() -> Settings {
        let stored = storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| js_sys::JSON::parse(&text).ok());
        let field = |name: &str, known: &[&str]| {
            let value = stored
                .as_ref()
                .and_then(|stored| js_sys::Reflect::get(stored, &name.into()).ok())?
                .as_string()?;
            known.contains(&value.as_str()).then_some(value)
        };
        let sizes: Vec<&str> = TEXT_SIZES.iter().map(|(step, _)| *step).collect();
        Settings {
            theme: field("theme", &THEMES),
            text_size: field("textSize", &sizes),
            width: field("width", &WIDTHS),
        }
    }

    /// Puts the settings on `<html>` and remembers them.
    pub fn apply_and_save(&self) {
        if let Some(root) = document().document_element() {
            for (attribute, value) in [
                ("data-theme", &self.theme),
                ("data-text-size", &self.text_size),
                ("data-width", &self.width),
            ] {
                let _ = match value {
                    Some(value) => root.set_attribute(attribute, value),
                    None => root.remove_attribute(attribute),
                };
            }
        }
        let stored = js_sys::Object::new();
        for (key, value) in [
            ("theme", &self.theme),
            ("textSize", &self.text_size),
            ("width", &self.width),
        ] {
            if let Some(value) = value {
                let _ = js_sys::Reflect::set(&stored, &key.into(), &value.into());
            }
        }
        if let (Some(storage), Ok(text)) = (storage(), js_sys::JSON::stringify(&stored)) {
            // Private browsing may refuse: the settings then last as long as the page.
            let _ = storage.set_item(STORAGE_KEY, &String::from(text));
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub async fn copy_to_clipboard(text: &str, strings: &'static folio_model::Strings) {
    let clipboard = window().navigator().clipboard();
    let copied = JsFuture::from(clipboard.write_text(text)).await.is_ok();
    announce(if copied {
        strings.link_copied
    } else {
        strings.copy_failed
    });
}

/// Says `message` to screen readers through the page's live region (`#folio-announcer`, in the
/// app's chrome; embeds have none and stay silent).
pub fn announce(message: &str) {
    let Some(region) = document()
        .get_element_by_id(ANNOUNCER_ID)
        .and_then(|region| region.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // Emptied first, so the same message twice is announced twice.
    region.set_text_content(None);
    let message = message.to_string();
    request_animation_frame(move || region.set_text_content(Some(&message)));
}

pub const ANNOUNCER_ID: &str = "folio-announcer";
