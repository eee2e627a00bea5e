use folio_model::Article;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{AdPlacement, AdSlot, Blocks, Byline, FigureView, Loading, RelatedLinks};
use crate::navigation::use_page_focus;

/// The article page: a slot above it, the header, hero, body, a slot after the body, tags
/// and related links.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);

    let Article {
        id,
        headline,
        dek,
        section,
        authors,
        published,
        updated,
        language,
        image,
        tags,
        body,
        related,
        ads,
    } = article;
    let updated = updated.filter(|updated| updated.differs_from(&published));
    let (lang, dir) = match language {
        Some(language) => {
            let dir = if language.right_to_left { "rtl" } else { "ltr" };
            (Some(language.tag), Some(dir))
        }
        None => (None, None),
    };
    let top_slot = ads.then(|| {
        view! { <AdSlot slot_id="top" article_id=id.clone() placement=AdPlacement::Top /> }
    });
    let bottom_slot = ads.then(|| {
        view! { <AdSlot slot_id="bottom" article_id=id.clone() placement=AdPlacement::Bottom /> }
    });

    view! {
        <Title text=headline.clone() />
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
                <Blocks blocks=body article_id=id.clone() ads />
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
