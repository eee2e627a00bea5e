use folio_model::{ArticleId, BodyItem, Live, LiveUpdate, Strings};
use leptos::html::Section;
use leptos::prelude::*;

use crate::components::{AdTargeting, Blocks, LocalTime};
use crate::i18n::use_strings;
use crate::live;
use crate::reader::announce;
use crate::site::use_site;

/// A live article's updates under its body: the pinned one first, then the newest first, each
/// with its time as a link to itself. While the coverage lasts the page asks for new updates
/// (`live::watch`). New ones never move what the reader is reading: while the reader has not
/// scrolled past the top of the updates they appear there at once; further down, a button
/// ("3 new updates") shows them when the reader asks.
#[component]
pub fn LiveCoverage(
    id: ArticleId,
    live: Live,
    /// The article's route, for each update's own address (`None` in an embed).
    route: Option<String>,
    targeting: AdTargeting,
) -> impl IntoView {
    let strings = use_strings();
    let site = use_site();
    let interval = site.config.live.interval_for(&live);
    let ended = RwSignal::new(live.ended);
    let pinned = live.pinned_update().cloned();
    // Shown since the page was opened (newest first), and arrived while the reader was further
    // down, waiting for the button.
    let arrived = RwSignal::new(Vec::<LiveUpdate>::new());
    let waiting = RwSignal::new(Vec::<LiveUpdate>::new());
    let mut known: Vec<String> = live
        .updates
        .iter()
        .map(|update| update.id.clone())
        .collect();
    let list = NodeRef::<Section>::new();

    if !live.ended {
        let reader_is_at_top = move || {
            list.get_untracked()
                .is_none_or(|list| list.get_bounding_client_rect().top() >= 0.0)
        };
        Effect::new(move |started: Option<()>| {
            if started.is_some() {
                return;
            }
            let mut known = std::mem::take(&mut known);
            live::watch(site.clone(), id.clone(), interval, move |latest| {
                let fresh = live::new_updates(latest, &known);
                known.extend(fresh.iter().map(|update| update.id.clone()));
                if !fresh.is_empty() {
                    if reader_is_at_top() {
                        let count = fresh.len();
                        arrived.try_update(|shown| prepend(shown, fresh));
                        announce(&count_of_new(strings, count));
                    } else {
                        waiting.try_update(|waiting| prepend(waiting, fresh));
                    }
                }
                let still_live = latest.live.as_ref().is_some_and(|live| !live.ended);
                ended.try_set(!still_live);
                still_live
            });
        });
    }
    let show_waiting = move |_| {
        let fresh = waiting.try_update(std::mem::take).unwrap_or_default();
        arrived.try_update(|shown| prepend(shown, fresh));
        // The reader asked for them: the list's top, and the newest first for the keyboard.
        request_animation_frame(move || {
            let Some(list) = list.get_untracked() else {
                return;
            };
            list.scroll_into_view();
            let newest = list
                .query_selector(".live-update")
                .ok()
                .flatten()
                .and_then(|update| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(update).ok()
                });
            if let Some(newest) = newest {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = newest.focus_with_options(&options);
            }
        });
    };
    let button = move || {
        let count = waiting.with(Vec::len);
        (count > 0).then(|| {
            view! {
                <button class="live__new" type="button" on:click=show_waiting>
                    {count_of_new(strings, count)}
                </button>
            }
        })
    };

    let update_view = {
        let route = route.clone();
        let targeting = targeting.clone();
        move |update: LiveUpdate, is_pinned: bool| {
            view! { <UpdateView update is_pinned route=route.clone() targeting=targeting.clone() /> }
        }
    };
    let pinned_id = pinned.as_ref().map(|update| update.id.clone());
    let pinned = pinned.map(|update| update_view.clone()(update, true));
    let initial = live
        .updates
        .into_iter()
        .filter(|update| Some(&update.id) != pinned_id.as_ref())
        .map(|update| update_view.clone()(update, false))
        .collect_view();
    let arrived_view = view! {
        <For
            each=move || arrived.get()
            key=|update| update.id.clone()
            children=move |update| update_view.clone()(update, false)
        />
    };
    let status = move || {
        if ended.get() {
            strings.live_ended
        } else {
            strings.live
        }
    };

    view! {
        <section class="live" aria-labelledby="live-heading" node_ref=list>
            <header class="live__header">
                <h2 id="live-heading">{strings.latest_updates}</h2>
                <p class=move || {
                    if ended.get() { "live__status live__status--ended" } else { "live__status" }
                }>{status}</p>
            </header>
            {pinned}
            <div class="live__updates">
                {arrived_view}
                {initial}
            </div>
            {button}
        </section>
    }
}

/// One update: its time (a link to itself), its headline, its blocks.
#[component]
fn UpdateView(
    update: LiveUpdate,
    is_pinned: bool,
    route: Option<String>,
    targeting: AdTargeting,
) -> impl IntoView {
    let strings = use_strings();
    let anchor = update.anchor();
    let LiveUpdate {
        time,
        headline,
        blocks,
        ..
    } = update;
    let time = view! { <LocalTime timestamp=time clock=true /> };
    let time = match route {
        Some(route) => leptos::either::Either::Left(view! {
            <a class="live-update__link" href=format!("{route}#{anchor}")>{time}</a>
        }),
        None => leptos::either::Either::Right(time),
    };
    // Updates hold no ad slots (the decoder drops them): every block is shown, in order.
    let items = (0..blocks.len()).map(BodyItem::Block).collect();
    let headline = headline.map(|headline| view! { <h3>{headline}</h3> });
    let class = if is_pinned {
        "live-update live-update--pinned"
    } else {
        "live-update"
    };
    view! {
        <article class=class id=anchor tabindex="-1">
            <header class="live-update__header">
                {is_pinned.then(|| view! { <p class="live-update__pinned">{strings.pinned}</p> })}
                {time}
                {headline}
            </header>
            <Blocks blocks=blocks items targeting route=None paragraph_ids=false />
        </article>
    }
}

/// "1 new update", "3 new updates".
fn count_of_new(strings: &Strings, count: usize) -> String {
    if count == 1 {
        strings.new_update.to_string()
    } else {
        Strings::fill(strings.new_updates, count)
    }
}

/// Puts `newer` (newest first) before `shown`.
fn prepend(shown: &mut Vec<LiveUpdate>, mut newer: Vec<LiveUpdate>) {
    newer.append(shown);
    *shown = newer;
}
