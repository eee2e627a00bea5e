use std::rc::Rc;

use folio_model::{Decoded, Index};
use leptos::prelude::*;

use crate::api::{self, LoadError};
use crate::components::{ArticleList, ListSkeleton, PageTitle};
use crate::i18n::use_strings;
use crate::pages::DocumentLoader;
use crate::site::use_site;

/// `/`: the list of articles from `content/index.json`, newest first.
#[component]
pub fn FrontPage() -> impl IntoView {
    let site = use_site();
    let fetch = move |requests| {
        let site = site.clone();
        async move { api::fetch_index(&site, requests).await }
    };
    let show = |index: Result<Rc<Decoded<Index>>, LoadError>| {
        index.map(|index| view! { <ArticleList entries=index.value.articles.clone() /> }.into_any())
    };
    view! {
        <PageTitle text="" />
        <DocumentLoader
            fetch
            fallback=|| view! { <ListSkeleton /> }.into_any()
            failed=use_strings().front_page_failed
            show
            pending=RwSignal::new(false)
        />
    }
}
