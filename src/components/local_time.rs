//! Dates in the reader's own locale and time zone (`Intl.DateTimeFormat`), and recent ones as
//! relative time ("3 hours ago", `Intl.RelativeTimeFormat`). The `datetime` attribute keeps the
//! document's exact timestamp.

use folio_model::Timestamp;
use leptos::prelude::*;

/// A `<time>` with the moment as the reader reads dates. It is rendered with the document's
/// own wording (which is all a page written at build time can know); an effect, which runs
/// only in the browser, puts the reader's locale and time zone in. `clock`: the time of day
/// (and the date, when not today) rather than relative time, for moments close together, such
/// as a live article's updates ("yesterday" thirty times over tells them apart for no one).
#[component]
pub fn LocalTime(timestamp: Timestamp, #[prop(optional)] clock: bool) -> impl IntoView {
    let document_text = timestamp.to_string();
    let shown = RwSignal::new(document_text.clone());
    let title = RwSignal::new(document_text);
    let datetime = timestamp.as_str().to_string();
    Effect::new(move || {
        let absolute = intl::absolute_text(&timestamp);
        let text = if clock {
            Some(intl::clock_text(&timestamp))
        } else {
            intl::relative_text(&timestamp)
        };
        shown.set(text.unwrap_or_else(|| absolute.clone()));
        title.set(absolute);
    });
    view! {
        <time datetime=datetime title=move || title.get()>
            {move || shown.get()}
        </time>
    }
}

/// The browser's `Intl`: only ever called from the effect above.
mod intl {
    use std::cell::RefCell;

    use folio_model::Timestamp;
    use js_sys::{Array, Date, Function, Intl};
    use wasm_bindgen::JsValue;

    /// Relative time is used for moments less than this long ago.
    const RECENT_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

    /// `28 November 2026 at 09:30` in the reader's locale and time zone; the document's own
    /// text if the browser cannot format it.
    pub fn absolute_text(timestamp: &Timestamp) -> String {
        formatted(timestamp, &date(timestamp), Some(Intl::DateTimeStyle::Long))
    }

    /// `07:11` today, `6 Dec 2026, 07:11` another day, in the reader's locale and time zone.
    pub fn clock_text(timestamp: &Timestamp) -> String {
        let moment = date(timestamp);
        let date_style = (moment.to_date_string() != Date::new_0().to_date_string())
            .then_some(Intl::DateTimeStyle::Medium);
        formatted(timestamp, &moment, date_style)
    }

    thread_local! {
        /// The formatters made so far, by date style (the time style is always short): making
        /// one costs far more than using it, and a live article shows dozens of times.
        static FORMATTERS: RefCell<Vec<(Option<Intl::DateTimeStyle>, Function)>> =
            const { RefCell::new(Vec::new()) };
    }

    /// `moment` with the date in `date_style` (none: the time alone) and the time short; the
    /// document's text of `timestamp` if the browser cannot format it.
    fn formatted(
        timestamp: &Timestamp,
        moment: &Date,
        date_style: Option<Intl::DateTimeStyle>,
    ) -> String {
        let format = FORMATTERS.with_borrow_mut(|formatters| {
            if let Some((_, format)) = formatters.iter().find(|(style, _)| *style == date_style) {
                return format.clone();
            }
            let options = Intl::DateTimeFormatOptions::new();
            if let Some(style) = date_style {
                options.set_date_style(style);
            }
            options.set_time_style(Intl::DateTimeStyle::Short);
            let format = Intl::DateTimeFormat::new(&Array::new(), &options).format();
            formatters.push((date_style, format.clone()));
            format
        });
        format
            .call1(&JsValue::NULL, moment)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| timestamp.to_string())
    }

    /// "3 hours ago", "yesterday": for a moment in the last week.
    pub fn relative_text(timestamp: &Timestamp) -> Option<String> {
        let age = (Date::now() - date(timestamp).get_time()) / 1000.0;
        if !(0.0..RECENT_SECONDS).contains(&age) {
            return None;
        }
        let (value, unit) = match age {
            age if age < 3600.0 => ((age / 60.0).floor(), "minute"),
            age if age < 86_400.0 => ((age / 3600.0).floor(), "hour"),
            age => ((age / 86_400.0).floor(), "day"),
        };
        let options = Intl::RelativeTimeFormatOptions::new();
        options.set_numeric(Intl::RelativeTimeFormatNumeric::Auto);
        let text = Intl::RelativeTimeFormat::new(&Array::new(), &options).format(-value, unit);
        Some(text.into())
    }

    fn date(timestamp: &Timestamp) -> Date {
        // Whole seconds since 1970 are exact in an f64 for any year a document can name.
        #[allow(clippy::cast_precision_loss)]
        let milliseconds = timestamp.unix_seconds() as f64 * 1000.0;
        Date::new(&JsValue::from_f64(milliseconds))
    }
}
