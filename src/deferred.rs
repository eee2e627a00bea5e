//! What a page does for others than its reader, a task after the page itself.
//!
//! Building a page (above all, taking a prerendered one over) is one task that blocks the
//! reader's first tap; on a phone every part of it counts, and most of its cost is the engine
//! compiling the code that runs for the first time. The head tags (for crawlers and link
//! previews), the page view (for the publisher's analytics) and the watch on ad slots (for the
//! ad script) change nothing the reader sees, so they run in the next task instead.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;

/// Runs `work` once, in a task after the one that builds the calling view, unless the view is
/// gone by then. Only in the browser (an effect schedules it).
pub fn after_this_task(work: impl FnOnce() + 'static) {
    let work = Cell::new(Some(work));
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move || {
        let Some(work) = work.take() else {
            return;
        };
        if let Ok(handle) = set_timeout_with_handle(work, Duration::ZERO) {
            pending.set_value(Some(handle));
        }
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
}
