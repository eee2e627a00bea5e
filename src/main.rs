//! The browser entry point: install the panic hook, mount the app. Everything else lives in the
//! library, where tests can mount it.

fn main() {
    // With `panic = "abort"` a panic kills the page; the hook at least says why in the console.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(folio::App);
}
