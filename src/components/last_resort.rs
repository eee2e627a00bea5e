use leptos::prelude::*;

use crate::i18n::use_strings;

/// The entry page's last resort: a line saying the page is not working, with a reload link,
/// for when the viewer cannot run. It is static HTML in every entry page, hidden by
/// `style/main.css` until `<html data-folio-failed>` (set by `src/reader-settings.js` when the
/// viewer's script or module fails to load, compile or start, or the viewer aborts) or until a
/// cap passes with no live viewer, so it needs no script of its own and works under the strict
/// CSP. It stands fixed at the bottom of the window: showing it moves nothing.
///
/// On the app shell (`readable` false) it is the page's only content; on a prerendered page the
/// article stays readable and it only says that some features are not working. `href` is the
/// page's own address (the settings script points the app shell's link at the address it is
/// served for, which the build cannot know).
#[component]
pub fn LastResort(readable: bool, #[prop(into)] href: String) -> impl IntoView {
    let strings = use_strings();
    let text = if readable {
        strings.features_unavailable
    } else {
        strings.page_failed
    };
    view! {
        <p class="last-resort" role="alert">
            {text}
            " "
            <a href=href>{strings.reload}</a>
        </p>
    }
}
