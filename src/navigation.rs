//! What a reader expects of a page change without a reload: focus on the new headline (so
//! screen readers announce it and the keyboard starts from it), the top of the page after
//! following a link, and the old scroll position after going back or forward.
//!
//! The browser cannot restore scroll positions itself here: when it tries, the article has not
//! been fetched yet and the page is too short. So positions are recorded per path while the
//! reader scrolls and restored by the page once its content is in place.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    /// The page the reader opened: leave focus and scroll to the browser.
    FirstPage,
    /// A link was followed: focus the headline, at the top of the page (or at the part the
    /// link names).
    Link,
    /// Back or forward: focus the headline and restore where the reader was.
    History,
}

thread_local! {
    static PENDING: Cell<Pending> = const { Cell::new(Pending::FirstPage) };
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
}

/// Starts recording scroll positions and watching for back/forward navigation. Called once,
/// by the app, for the lifetime of the page.
pub fn install() {
    if let Ok(history) = window().history() {
        // Restoring too early would clamp to the loading page's height; Folio restores itself.
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let scroll = window_event_listener(ev::scroll, |_| {
        // While a back/forward change is pending the page under the old scroll position is
        // being replaced: what the browser reports then belongs to no page.
        if PENDING.get() != Pending::History {
            remember_position();
        }
    });
    let popstate = window_event_listener(ev::popstate, |_| PENDING.set(Pending::History));
    on_cleanup(move || {
        scroll.remove();
        popstate.remove();
    });
}

/// Records where the reader is on the current page. The router calls it too, before it leaves a
/// page for a link: the scroll event of a scroll made just before the click may not have been
/// dispatched yet (it waits for the next frame), and would then count for the new page.
pub fn remember_position() {
    let window = window();
    if let (Ok(path), Ok(y)) = (window.location().pathname(), window.scroll_y()) {
        POSITIONS.with_borrow_mut(|positions| positions.insert(path, y));
    }
}

/// Tells the navigation memory that a page has put its content (headed by `heading`) in the
/// document. Pages call this through [`use_page_focus`].
fn page_shown(heading: &web_sys::HtmlElement) {
    crate::takeover::finish();
    let pending = PENDING.replace(Pending::Link);
    // A deep link (`#p-12`): the browser looked for it before the content was there.
    let target = fragment_target();
    if pending == Pending::FirstPage {
        if let Some(target) = target {
            target.scroll_into_view();
        }
        return;
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = heading.focus_with_options(&options);
    if pending == Pending::History {
        let window = window();
        let saved = window
            .location()
            .pathname()
            .ok()
            .and_then(|path| POSITIONS.with_borrow(|positions| positions.get(&path).copied()));
        window.scroll_to_with_x_and_y(0.0, saved.unwrap_or(0.0));
    } else if let Some(target) = target {
        target.scroll_into_view();
    } else {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Scrolls to the part of the page the address's fragment names (a link within the page).
pub fn scroll_to_fragment() {
    if let Some(target) = fragment_target() {
        target.scroll_into_view();
    }
}

/// The element the address's fragment names, if any.
fn fragment_target() -> Option<web_sys::Element> {
    let hash = window().location().hash().ok()?;
    let id = hash.strip_prefix('#').filter(|id| !id.is_empty())?;
    document().get_element_by_id(id)
}

/// Moves focus to the page's heading (and restores the scroll position on back/forward) once
/// the heading is in the document. The heading needs `tabindex="-1"` to take focus.
pub fn use_page_focus(heading: NodeRef<leptos::html::H1>) {
    // Inside someone else's page, focus and scrolling are the reader's and the host's.
    if crate::embed::use_embedding().is_some() {
        return;
    }
    Effect::new(move |_| {
        // `try_get`: the page may be gone (a newer navigation replaced it) when this runs.
        if let Some(heading) = heading.try_get().flatten() {
            page_shown(&heading);
        }
    });
}
