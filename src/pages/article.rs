use std::rc::Rc;

use folio_model::{Article, ArticleId, Decoded};
use leptos::prelude::*;

use crate::api::{self, ArticleSource, LoadError};
use crate::components::{ArticleHead, ArticleSkeleton, ArticleView, CompactArticle, SavedCopyNote};
use crate::embed::{owns_document, use_embedding};
use crate::i18n::use_strings;
use crate::pages::document::{PageBox, Prerendered};
use crate::pages::{DocumentLoader, NotFound};
use crate::router::use_page;
use crate::site::Page;
use crate::site::use_site;
use crate::takeover;

/// `/articles/<id>`: fetches `content/articles/<id>.json` and shows the article, the not-found
/// page, or an error with a way to retry.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let page = use_page();
    // While the address names another page this one is on its way out: it keeps its article.
    let source = Memo::new(
        move |previous: Option<&Option<ArticleSource>>| match &*page.read() {
            Page::Article(id) => ArticleId::parse(id).ok().map(ArticleSource::Id),
            _ => previous.cloned().flatten(),
        },
    );
    view! { <ArticleLoader source=source compact=false /> }
}

/// Loads the article `source` names and shows it (in full, or `compact`: headline, dek and a
/// link), the not-found page, or an error with a way to retry. `None` names no article (an
/// address like `/articles/Not_An_Id`).
///
/// When the source changes (a related link, an embed's new `src`), the old article stays until
/// the new one is ready (`Transition`), and only the answer for the current source is ever
/// shown: the resource drops answers to superseded requests, and the loader's `RequestSlot`
/// aborts them.
#[component]
pub fn ArticleLoader(
    #[prop(into)] source: Signal<Option<ArticleSource>>,
    compact: bool,
) -> impl IntoView {
    let site = use_site();
    let fetch = {
        let site = site.clone();
        move |requests| {
            let site = site.clone();
            let source = source.get();
            async move {
                match source {
                    Some(source) => api::fetch_article(&site, &source, requests).await,
                    None => Err(LoadError::NotFound),
                }
            }
        }
    };
    // Only Folio's own page can have been prerendered; an embed renders its article itself.
    let may_adopt = use_embedding().is_none();
    let show = move |article: Result<Rc<Decoded<Article>>, LoadError>| match article {
        Ok(decoded) if compact => {
            Ok(view! { <CompactArticle article=decoded.value.clone() /> }.into_any())
        }
        Ok(decoded) => {
            let stamp = site.render_stamp(decoded.source);
            // Shown from the copy saved for offline reading: said above the article, which is
            // then rendered anew (a prerendered page has no such line).
            let saved = source
                .get_untracked()
                .and_then(|source| api::saved_copy_time(&site, &source));
            let prerendered = (may_adopt && saved.is_none())
                .then(|| takeover::prerendered(ARTICLE_CONTAINER, &stamp))
                .flatten();
            let head =
                owns_document().then(|| view! { <ArticleHead article=Rc::clone(&decoded) /> });
            let view = view! { <ArticleView article=decoded.value.clone() stamp /> };
            Ok(match (prerendered, saved) {
                (Some(root), _) => view! { {head} {takeover::adopted(view, root)} }.into_any(),
                (None, Some(saved)) => view! { {head} <SavedCopyNote saved /> {view} }.into_any(),
                (None, None) => view! { {head} {view} }.into_any(),
            })
        }
        Err(LoadError::NotFound) => Ok(view! { <NotFound /> }.into_any()),
        Err(error) => Err(error),
    };
    let pending = RwSignal::new(false);

    view! {
        <PageBox class=ARTICLE_PAGE busy=pending>
            <DocumentLoader
                fetch
                fallback=|| view! { <ArticleSkeleton /> }.into_any()
                failed=use_strings().article_failed
                show
                pending
            />
        </PageBox>
    }
}

/// The class of an article page's box, and the article in it that a prerendered copy must
/// match.
const ARTICLE_PAGE: &str = "article-page";
const ARTICLE_CONTAINER: &str = ".article-page > article[data-folio-stamp]";

/// An article page as the prerender step writes it.
#[component]
pub fn PrerenderedArticle(article: Article, stamp: String) -> impl IntoView {
    let url = use_site().article_page_url(&article.id);
    view! {
        <Prerendered url>
            <PageBox class=ARTICLE_PAGE busy=false>
                <ArticleView article stamp />
            </PageBox>
        </Prerendered>
    }
}
