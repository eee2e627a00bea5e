use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::api::{LoadError, RequestSlot};
use crate::components::{ErrorView, LastResort, SiteChrome};
use crate::takeover;

/// How every page shows a fetched document: the page's request slot, the resource, the
/// previous document kept while the next one loads (`Transition`), and on failure the error view
/// with a retry. The retry callback and the `pending` flag belong to the page, not to the error
/// view a retry replaces: anything made inside that view is disposed with it while the
/// transition still reads it.
///
/// `fetch` runs again on retry and whenever a signal it reads changes. `show` turns the result
/// into the page; what it hands back as `Err` is shown as the error view titled `failed`.
#[component]
pub fn DocumentLoader<T, Fut, Fallback, Show>(
    fetch: impl Fn(RequestSlot) -> Fut + 'static,
    fallback: Fallback,
    failed: &'static str,
    show: Show,
    /// True while a newer document loads (a retry included).
    pending: RwSignal<bool>,
) -> impl IntoView
where
    T: 'static,
    Fut: Future<Output = Result<Rc<T>, LoadError>> + 'static,
    Fallback: Fn() -> AnyView + Send + Sync + 'static,
    Show:
        Fn(Result<Rc<T>, LoadError>) -> Result<AnyView, LoadError> + Clone + Send + Sync + 'static,
{
    let requests = RequestSlot::new();
    let document = LocalResource::new(move || fetch(requests));
    let retry = Callback::new(move |()| document.refetch());
    // Made here, not in the error view: a handle made in that view (a `Signal` from an `into`
    // included) is disposed with it while the transition still reads it.
    let pending_flag = pending.read_only();
    // Beside a prerendered copy the viewer is hidden until it has its page: a skeleton there
    // would be built, in the task that mounts the app, for no one to see.
    let fallback = move || {
        if takeover::static_copy().is_some() {
            ().into_any()
        } else {
            fallback()
        }
    };
    view! {
        <Transition fallback set_pending=pending.write_only()>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    show(document.await).unwrap_or_else(|error| {
                        view! { <ErrorView title=failed error retry pending=pending_flag /> }
                            .into_any()
                    })
                })
            }}
        </Transition>
    }
}

/// The box a page's content stands in (`class`: `article-page`, `listing-page`), busy while the
/// next document loads. A prerendered page's box is the root the viewer adopts.
#[component]
pub fn PageBox(
    class: &'static str,
    #[prop(into)] busy: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class aria-busy=move || busy.get().to_string()>
            {children()}
        </div>
    }
}

/// A page as the prerender step writes it: the site's chrome around the page's box, in
/// `#folio-prerendered`, which the viewer takes over (`takeover.rs`), and beside it the last
/// resort for a viewer that cannot start (`url`: the page's own address). The head tags are the
/// prerender step's.
#[component]
pub fn Prerendered(url: String, children: Children) -> impl IntoView {
    view! {
        <div id=takeover::PRERENDERED_ID>
            <SiteChrome>{children()}</SiteChrome>
        </div>
        <LastResort readable=true href=url />
    }
}
