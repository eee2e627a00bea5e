use leptos::prelude::*;

use crate::i18n::use_strings;
use crate::reader::{Settings, TEXT_SIZES};

/// "Display": a disclosure with the theme, text size and line width as radio groups.
#[component]
pub fn ReaderControls() -> impl IntoView {
    let strings = use_strings();
    // Rendered with the defaults (a page written at build time knows no reader); the stored
    // choices come in from an effect, which runs only in the browser.
    let settings = RwSignal::new(Settings::default());
    Effect::new(move || settings.set(Settings::load()));
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
