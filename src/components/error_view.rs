use leptos::prelude::*;

use crate::api::LoadError;
use crate::components::{PageTitle, SavedArticles};
use crate::embed::{owns_document, use_embedding};
use crate::i18n::use_strings;
use crate::navigation::use_page_focus;
use crate::reader::announce;

/// What went wrong, in plain language, with a way to try again and the technical detail one
/// click away. The detail also goes to the console, for the publisher.
#[component]
pub fn ErrorView(
    #[prop(into)] title: String,
    error: LoadError,
    retry: Callback<()>,
    /// True while the retry is under way.
    pending: ReadSignal<bool>,
) -> impl IntoView {
    let details = error.details();
    // Offline, on Folio's own page: what was saved instead.
    let saved_instead = matches!(error, LoadError::Offline { .. }) && use_embedding().is_none();
    let strings = use_strings();
    // Said once the view is shown (effects run only in the browser, after rendering).
    let for_publisher = details.clone();
    let for_reader = format!("{title}. {}", error.summary(strings));
    Effect::new(move || {
        for line in &for_publisher {
            leptos::logging::error!("{line}");
        }
        announce(&for_reader);
    });
    let heading = NodeRef::new();
    use_page_focus(heading);

    view! {
        {owns_document().then(|| view! { <PageTitle text=title.clone() /> })}
        <section class="notice notice--error" aria-labelledby="notice-heading">
            <h1 id="notice-heading" tabindex="-1" node_ref=heading>{title}</h1>
            <p role="alert">{error.summary(strings)}</p>
            {error
                .is_retryable()
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button"
                            disabled=move || pending.get()
                            on:click=move |_| retry.run(())
                        >
                            {move || if pending.get() { strings.retrying } else { strings.retry }}
                        </button>
                    }
                })}
            {saved_instead.then(|| view! { <SavedArticles /> })}
            <details class="error-details">
                <summary>{strings.technical_details}</summary>
                <ul>
                    {details.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                </ul>
            </details>
        </section>
    }
}
