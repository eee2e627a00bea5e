//! The reader's own choices and actions on an article page: display settings (theme, text size,
//! line width), sharing, and links to paragraphs.
//!
//! Settings are three attributes on `<html>` (`data-theme`, `data-text-size`, `data-width`)
//! that `style/main.css` turns into custom properties, so changing one re-renders nothing. They
//! are remembered in `localStorage` under [`STORAGE_KEY`]; `src/reader-settings.js`, a tiny
//! script in the entry page's `<head>`, applies them before the first paint.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::use_strings;

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

/// "Display": a disclosure with the theme, text size and line width as radio groups.
#[component]
pub fn ReaderControls() -> impl IntoView {
    let strings = use_strings();
    let settings = RwSignal::new(Settings::load());
    let choose = move |change: fn(&mut Settings, Option<String>), value: Option<String>| {
        settings.update(|settings| change(settings, value));
        settings.with_untracked(Settings::apply_and_save);
    };
    let themes = [
        (None, strings.theme_system),
        (Some("light"), strings.theme_light),
        (Some("sepia"), strings.theme_sepia),
        (Some("dark"), strings.theme_dark),
    ];
    let widths = [
        (Some("narrow"), strings.width_narrow),
        (None, strings.width_normal),
        (Some("wide"), strings.width_wide),
    ];
    let sizes = TEXT_SIZES.map(|(step, label)| ((step != "1").then_some(step), label));

    view! {
        <details class="reader-controls">
            <summary class="tool">{strings.display}</summary>
            <div class="reader-controls__panel">
                <Choice
                    legend=strings.theme
                    name="folio-theme"
                    options=themes.to_vec()
                    current=Signal::derive(move || settings.with(|s| s.theme.clone()))
                    on_choose=move |value| choose(|s, v| s.theme = v, value)
                />
                <Choice
                    legend=strings.text_size
                    name="folio-text-size"
                    options=sizes.to_vec()
                    current=Signal::derive(move || settings.with(|s| s.text_size.clone()))
                    on_choose=move |value| choose(|s, v| s.text_size = v, value)
                />
                <Choice
                    legend=strings.line_width
                    name="folio-width"
                    options=widths.to_vec()
                    current=Signal::derive(move || settings.with(|s| s.width.clone()))
                    on_choose=move |value| choose(|s, v| s.width = v, value)
                />
            </div>
        </details>
    }
}

/// One radio group. `None` as a value is the default.
#[component]
fn Choice(
    legend: &'static str,
    name: &'static str,
    options: Vec<(Option<&'static str>, &'static str)>,
    current: Signal<Option<String>>,
    on_choose: impl Fn(Option<String>) + Copy + 'static,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <label>
                            <input
                                type="radio"
                                name=name
                                value=value.unwrap_or("default")
                                prop:checked=move || current.get().as_deref() == value
                                on:change=move |_| on_choose(value.map(str::to_string))
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

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

async fn copy_to_clipboard(text: &str, strings: &'static folio_model::Strings) {
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
