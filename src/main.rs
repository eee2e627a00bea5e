//! The browser entry point: install the panic hook and, on Folio's own entry page, mount the
//! app. Everything else lives in the library, where tests can mount it.

fn main() {
    // With `panic = "abort"` a panic kills the page; the hook at least says why in the console.
    console_error_panic_hook::set_once();
    // The same module runs inside other sites' pages for `<folio-article>` (which mounts
    // articles itself): only the entry page, whose `<body>` says so, gets the whole app.
    let entry_page = leptos::prelude::document()
        .body()
        .is_some_and(|body| body.has_attribute("data-folio-app"));
    if entry_page {
        // In a task of its own: instantiating the module has just taken one, and the two
        // together would block a phone's main thread (and the reader's first tap) for too long.
        leptos::prelude::set_timeout(folio::start, std::time::Duration::ZERO);
    }
}
