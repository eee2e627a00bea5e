use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{self, RequestSlot};
use crate::components::{ArticleList, ErrorView, ListSkeleton};
use crate::i18n::use_strings;
use crate::site::use_site;

/// `/`: the list of articles from `content/index.json`, newest first.
#[component]
pub fn FrontPage() -> impl IntoView {
    let site = use_site();
    let requests = RequestSlot::new();
    let index = LocalResource::new(move || {
        let site = site.clone();
        async move { api::fetch_index(&site, requests).await }
    });
    let (pending, set_pending) = signal(false);
    // Owned by the page, not by the error view that a retry replaces: a signal or callback
    // made inside that view is disposed with it while the transition still reads it.
    let retry = Callback::new(move |()| index.refetch());

    view! {
        <Title text="" />
        <Transition fallback=ListSkeleton set_pending>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(index) => view! { <ArticleList entries=index.value.articles.clone() /> }.into_any(),
                    Err(error) => {
                        view! {
                            <ErrorView
                                title=use_strings().front_page_failed
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
    }
}
