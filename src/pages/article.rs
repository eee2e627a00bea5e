use folio_model::ArticleId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, LoadError, RequestSlot};
use crate::components::{ArticleSkeleton, ArticleView, ErrorView};
use crate::pages::NotFound;
use crate::site::use_site;

/// `/articles/<id>`: fetches `content/articles/<id>.json` and shows the article, the not-found
/// page, or an error with a way to retry.
///
/// When the id changes (a related link), the old article stays until the new one is ready
/// (`Transition`), and only the answer for the id now in the address is ever shown: the
/// resource drops answers to superseded requests, and the page's `RequestSlot` aborts them.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let site = use_site();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").map(|id| ArticleId::parse(&id)));
    let requests = RequestSlot::new();
    let article = LocalResource::new(move || {
        let site = site.clone();
        let id = id.get();
        async move {
            match id {
                Some(Ok(id)) => api::fetch_article(&site, &id, requests).await,
                // An address that cannot name an article (`/articles/Not_An_Id`) names nothing.
                _ => Err(LoadError::NotFound),
            }
        }
    });
    let (pending, set_pending) = signal(false);
    // Owned by the page, not by the error view that a retry replaces: a signal or callback
    // made inside that view is disposed with it while the transition still reads it.
    let retry = Callback::new(move |()| article.refetch());

    view! {
        <div class="article-page" aria-busy=move || pending.get().to_string()>
            <Transition fallback=ArticleSkeleton set_pending>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(decoded) => view! { <ArticleView article=decoded.value.clone() /> }.into_any(),
                        Err(LoadError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => {
                            view! {
                                <ErrorView
                                    title="This article couldn't be loaded"
                                    error
                                    retry
                                    pending
                                />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
