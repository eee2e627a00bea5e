use folio_model::{Article, Language, plan_ads};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{AdSlot, AdTargeting, Blocks, Byline, FigureView, Loading, RelatedLinks};
use crate::embed::{owns_document, use_embedding};
use crate::host;
use crate::navigation::use_page_focus;
use crate::site::use_site;

/// The article page: a slot above it, the header, hero, body (with in-body slots), a slot
/// after the body, tags and related links. Slots are placed by the ad plan of the publisher's
/// configuration.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    let site = use_site();
    host::page_view(
        article.id.as_str(),
        &article.headline,
        article.section.as_deref(),
    );

    // An embed shows ads only where its host asked for them (and can fill them).
    let ads_wanted = use_embedding().is_none_or(|embedding| embedding.ad_host.is_some());
    let plan = plan_ads(&article.body, article.ads && ads_wanted, &site.config.ads);
    let updated = article.distinct_update().cloned();
    let Article {
        id,
        headline,
        dek,
        section,
        authors,
        published,
        updated: _,
        language,
        image,
        tags,
        body,
        related,
        ads: _,
    } = article;
    let targeting = AdTargeting {
        article_id: id.to_string(),
        section: section.clone(),
        tags: tags.clone(),
    };
    let dir = language.as_ref().map(Language::direction);
    let lang = language.map(|language| language.tag);
    let top_slot = plan
        .top
        .map(|spec| view! { <AdSlot spec targeting=targeting.clone() /> });
    let bottom_slot = plan
        .bottom
        .map(|spec| view! { <AdSlot spec targeting=targeting.clone() /> });

    view! {
        {owns_document().then(|| view! { <Title text=headline.clone() /> })}
        {top_slot}
        <article class="article" lang=lang dir=dir data-article-id=id.to_string()>
            <header class="article-header">
                {section.map(|section| view! { <p class="section">{section}</p> })}
                <h1 tabindex="-1" node_ref=heading>{headline}</h1>
                {dek.map(|dek| view! { <p class="dek">{dek}</p> })}
                <Byline authors published updated />
            </header>
            {image.map(|figure| view! { <FigureView figure loading=Loading::Eager /> })}
            <div class="article-body">
                <Blocks blocks=body items=plan.body targeting />
            </div>
            {(!tags.is_empty())
                .then(|| {
                    view! {
                        <footer class="tags">
                            <h2 class="visually-hidden">"Topics"</h2>
                            <ul>{tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}</ul>
                        </footer>
                    }
                })}
        </article>
        {bottom_slot}
        {(!related.is_empty()).then(|| view! { <RelatedLinks related /> })}
    }
}
