use folio_model::{Article, Language};
use leptos::prelude::*;

use crate::embed::use_embedding;
use crate::i18n::{provide_strings, use_strings};
use crate::site::use_site;

/// An embed's compact view: section, headline, dek and a link to the full article on the Folio
/// host.
#[component]
pub fn CompactArticle(article: Article) -> impl IntoView {
    let site = use_site();
    provide_strings(article.language.as_ref());
    let target = use_embedding().and_then(|embedding| embedding.link_target);
    let href = site.article_page_url(&article.id);
    let dir = article.language.as_ref().map(Language::direction);
    let lang = article.language.map(|language| language.tag);
    view! {
        <article
            class="article article--compact"
            lang=lang
            dir=dir
            data-article-id=article.id.to_string()
        >
            {article.section.map(|section| view! { <p class="section">{section}</p> })}
            <h1>
                <a href=href.clone() target=target>
                    {article.headline}
                </a>
            </h1>
            {article.dek.map(|dek| view! { <p class="dek">{dek}</p> })}
            <p class="read-more">
                <a href=href target=target>
                    {use_strings().read_full_article}
                </a>
            </p>
        </article>
    }
}
