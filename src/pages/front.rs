use leptos::prelude::*;
use leptos_meta::Title;

use crate::api;
use crate::components::{ArticleList, ErrorView, ListSkeleton};
use crate::site::use_site;

/// `/`: the list of articles from `content/index.json`, newest first.
#[component]
pub fn FrontPage() -> impl IntoView {
    let site = use_site();
    let index = LocalResource::new(move || {
        let site = site.clone();
        async move { api::fetch_index(&site).await }
    });
    let pending = RwSignal::new(false);

    view! {
        <Title text="" />
        <Transition fallback=ListSkeleton set_pending=pending.write_only()>
            {move || Suspend::new(async move {
                match index.await {
                    Ok(index) => view! { <ArticleList entries=index.value.articles.clone() /> }.into_any(),
                    Err(error) => {
                        view! {
                            <ErrorView
                                title="The front page couldn't be loaded"
                                error
                                retry=Callback::new(move |()| index.refetch())
                                pending=pending.read_only()
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
