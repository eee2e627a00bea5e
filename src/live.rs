//! A live article keeping itself up to date: while the page is visible it asks the server
//! whether the article changed, at the article's interval (never more often than every 15 s),
//! waiting longer after each failure, until the coverage ends or the page goes away.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use folio_model::{Article, ArticleId, LivePolicy, LiveUpdate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, RequestSlot};
use crate::site::Site;

/// Checks the article `id` for changes every `interval` seconds and hands each changed
/// document to `changed`, which says whether to go on (`false` once the coverage has ended).
/// Stops when the current reactive owner is cleaned up.
pub fn watch(
    site: Arc<Site>,
    id: ArticleId,
    interval: u32,
    mut changed: impl FnMut(&Article) -> bool + 'static,
) {
    let stopped = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let stopped = Arc::clone(&stopped);
        move || stopped.store(true, Ordering::Relaxed)
    });
    let slot = RequestSlot::new();
    leptos::task::spawn_local(async move {
        let is_stopped = || stopped.load(Ordering::Relaxed);
        let mut known = None;
        let mut failures = 0;
        loop {
            let delay = LivePolicy::delay_seconds(interval, failures);
            api::sleep(i32::try_from(delay.saturating_mul(1000)).unwrap_or(i32::MAX)).await;
            // A hidden page asks nothing; back in view, it asks at once (its wait is over).
            until_visible().await;
            if is_stopped() {
                return;
            }
            match api::revalidate_article(&site, &id, known, slot).await {
                Ok(None) => failures = 0,
                Ok(Some(article)) => {
                    failures = 0;
                    known = Some(article.source);
                    if is_stopped() || !changed(&article.value) {
                        return;
                    }
                }
                Err(error) => {
                    failures += 1;
                    leptos::logging::warn!("checking for live updates: {error}");
                }
            }
        }
    });
}

/// The updates of `latest` that are not among `known` (ids), newest first.
pub fn new_updates(latest: &Article, known: &[String]) -> Vec<LiveUpdate> {
    latest
        .live
        .iter()
        .flat_map(|live| &live.updates)
        .filter(|update| !known.contains(&update.id))
        .cloned()
        .collect()
}

/// Resolves once the page is visible (at once if it is).
async fn until_visible() {
    let document = document();
    while document.visibility_state() == web_sys::VisibilityState::Hidden {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
                "visibilitychange",
                resolve.unchecked_ref(),
                &options,
            );
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[cfg(test)]
mod tests {
    use super::new_updates;

    #[test]
    fn only_updates_the_page_does_not_have_are_new() {
        let json =
            br#"{"version": 1, "id": "a", "headline": "H", "published": "2026-11-28T09:00:00Z",
            "body": [], "live": {"updates": [
                {"id": "one", "time": "2026-11-28T09:05:00Z", "body": []},
                {"id": "three", "time": "2026-11-28T09:15:00Z", "body": []},
                {"id": "two", "time": "2026-11-28T09:10:00Z", "body": []}]}}"#;
        let article = folio_model::decode_article(json, None, &Default::default())
            .unwrap()
            .value;
        let ids = |updates: Vec<folio_model::LiveUpdate>| -> Vec<String> {
            updates.into_iter().map(|update| update.id).collect()
        };
        assert_eq!(
            ids(new_updates(&article, &["one".into()])),
            ["three", "two"]
        );
        assert!(new_updates(&article, &ids(new_updates(&article, &[]))).is_empty());
    }
}
