use folio_model::IndexEntry;
use leptos::prelude::*;

use crate::components::{ImageView, Loading};
use crate::i18n::use_strings;
use crate::navigation::use_page_focus;
use crate::site::use_site;

/// The front page's list of articles, newest first.
#[component]
pub fn ArticleList(entries: Vec<IndexEntry>) -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    let empty = entries.is_empty();
    let site = use_site();
    let strings = use_strings();
    view! {
        <section class="front" aria-labelledby="front-heading">
            <h1 id="front-heading" tabindex="-1" node_ref=heading>{strings.latest}</h1>
            {empty.then(|| view! { <p>{strings.no_articles}</p> })}
            <ul class="article-list">
                {entries
                    .into_iter()
                    .map(|IndexEntry { id, headline, dek, section, published, image }| {
                        view! {
                            <li class="card">
                                {image.map(|image| view! { <ImageView image loading=Loading::Lazy /> })}
                                <div>
                                    {section.map(|section| view! { <p class="section">{section}</p> })}
                                    <h2>
                                        <a href=site.article_route(&id)>{headline}</a>
                                    </h2>
                                    {dek.map(|dek| view! { <p class="dek">{dek}</p> })}
                                    <time datetime=published.as_str().to_string()>{published.date()}</time>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
