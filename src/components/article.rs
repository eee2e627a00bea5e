use folio_model::{Article, Language, Listing, Strings, plan_ads};
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::components::{
    AdSlot, AdTargeting, Blocks, Byline, CorrectedLine, CorrectionsNote, FigureView, KeyPoints,
    ListingName, LiveCoverage, Loading, ReaderControls, RelatedLinks, SectionLabel, ShareButton,
};
use crate::deferred::after_this_task;
use crate::embed::use_embedding;
use crate::host;
use crate::i18n::{provide_strings, use_strings};
use crate::navigation::use_page_focus;
use crate::site::use_site;

/// The article page: a slot above it, the header (with reading time, sharing and the display
/// settings), hero, body (with in-body slots), a slot after the body, tags and related links.
/// Slots are placed by the ad plan of the publisher's configuration. The interface speaks the
/// article's language.
///
/// `stamp` ([`Site::render_stamp`](crate::site::Site::render_stamp)) names what the page was
/// rendered from; the prerender step writes the same component, and the viewer adopts a
/// prerendered page's nodes only when its stamp is the one it would write itself. The head
/// tags are [`ArticleHead`](crate::components::ArticleHead)'s, apart from this view.
/// The id of the article's body. A prerendered page holds its first paint until this element
/// is parsed (`<link rel="expect">`), so the header above it (headline, byline, the tools) never
/// paints half-built while the HTML is still arriving.
pub const ARTICLE_BODY_ID: &str = "article-body";

#[component]
pub fn ArticleView(article: Article, stamp: String) -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    let site = use_site();
    provide_strings(article.language.as_ref());
    let strings = use_strings();
    let page_view = (
        article.id.to_string(),
        article.headline.clone(),
        article.section.clone(),
    );
    after_this_task(move || {
        let (id, headline, section) = &page_view;
        host::page_view(id, headline, section.as_deref());
    });

    // An embed shows ads only where its host asked for them (and can fill them).
    let embedding = use_embedding();
    let ads_wanted = embedding
        .as_ref()
        .is_none_or(|embedding| embedding.ad_host.is_some());
    let plan = plan_ads(&article.body, article.ads && ads_wanted, &site.config.ads);
    let minutes = folio_model::reading_minutes(&article);
    let page_url = site.article_page_url(&article.id);
    // Sharing and display settings belong to Folio's own page, not to someone else's.
    let tools = embedding.is_none().then(|| {
        view! {
            <ShareButton title=article.headline.clone() url=page_url.clone() />
            <ReaderControls />
        }
    });
    // A bar fixed to the viewport's top would sit on the host's page in an embed.
    let progress = embedding
        .is_none()
        .then(|| view! { <div class="reading-progress" aria-hidden="true"></div> });
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
        key_points,
        body,
        corrections,
        related,
        ads: _,
        live,
    } = article;
    let targeting = AdTargeting {
        article_id: id.to_string(),
        section: section.clone(),
        tags: tags.clone(),
    };
    let paragraph_route = embedding.is_none().then(|| site.article_route(&id));
    let live = live.map(|live| {
        view! {
            <LiveCoverage
                id=id.clone()
                live
                route=paragraph_route.clone()
                targeting=targeting.clone()
            />
        }
    });
    let corrected = (!corrections.is_empty())
        .then(|| view! { <CorrectedLine route=paragraph_route.clone() /> });
    let key_points = (!key_points.is_empty()).then(|| view! { <KeyPoints points=key_points /> });
    let corrections = (!corrections.is_empty()).then(|| view! { <CorrectionsNote corrections /> });
    let dir = language.as_ref().map(Language::direction);
    let lang = language.map(|language| language.tag);
    let top_slot = plan
        .top
        .map(|spec| view! { <AdSlot spec targeting=targeting.clone() /> });
    let bottom_slot = plan
        .bottom
        .map(|spec| view! { <AdSlot spec targeting=targeting.clone() /> });

    view! {
        {progress}
        {top_slot}
        <article
            class="article"
            lang=lang
            dir=dir
            data-article-id=id.to_string()
            data-folio-stamp=stamp
        >
            <header class="article-header">
                {section.map(|name| view! { <SectionLabel name /> })}
                // `elementtiming`: the benchmark times the headline's paint (Element Timing API).
                <h1
                    {..custom_attribute("elementtiming", "headline")}
                    tabindex="-1"
                    node_ref=heading
                >
                    {headline}
                </h1>
                {dek.map(|dek| view! { <p class="dek">{dek}</p> })}
                <Byline authors published updated />
                {corrected}
                <div class="article-tools">
                    <p class="reading-time">{Strings::fill(strings.minutes_read, minutes)}</p>
                    {tools}
                </div>
            </header>
            {image.map(|figure| view! { <FigureView figure loading=Loading::Eager /> })}
            {key_points}
            <div class="article-body" id=ARTICLE_BODY_ID>
                <Blocks blocks=body items=plan.body targeting route=paragraph_route />
            </div>
            {live}
            {corrections}
            {(!tags.is_empty())
                .then(|| {
                    view! {
                        <footer class="tags">
                            <h2 class="visually-hidden">{strings.topics}</h2>
                            <ul>
                                {tags
                                    .into_iter()
                                    .map(|name| {
                                        view! {
                                            <li>
                                                <ListingName kind=Listing::Tag name />
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </footer>
                    }
                })}
        </article>
        {bottom_slot}
        {(!related.is_empty()).then(|| view! { <RelatedLinks related /> })}
    }
}
