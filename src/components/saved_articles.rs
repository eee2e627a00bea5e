use leptos::prelude::*;

use crate::components::LocalTime;
use crate::i18n::use_strings;
use crate::offline;
use crate::site::use_site;

/// The articles saved for reading offline, as links, the most recently read first: what an
/// offline reader can open instead of a page that was never saved.
#[component]
pub fn SavedArticles() -> impl IntoView {
    let site = use_site();
    let strings = use_strings();
    let saved = LocalResource::new({
        let site = site.clone();
        move || {
            let site = site.clone();
            async move { offline::saved_articles(&site).await }
        }
    });
    view! {
        <section class="saved-articles" aria-labelledby="saved-articles-heading">
            <h2 id="saved-articles-heading">{strings.saved_articles}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new({
                    let site = site.clone();
                    async move {
                        let saved = saved.await;
                        if saved.is_empty() {
                            return view! { <p>{strings.no_saved_articles}</p> }.into_any();
                        }
                        view! {
                            <ul class="saved-articles__list">
                                {saved
                                    .into_iter()
                                    .map(|article| {
                                        view! {
                                            <li>
                                                <a href=site.article_route(&article.id)>{article.headline}</a>
                                                {article
                                                    .saved
                                                    .map(|timestamp| {
                                                        view! {
                                                            " "
                                                            <span class="saved-articles__time">
                                                                <LocalTime timestamp />
                                                            </span>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
