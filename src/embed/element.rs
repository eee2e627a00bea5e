//! The wasm side of `<folio-article>`. `folio-embed.js` defines the element, loads this module
//! once for the page, and for each element calls [`mount_article`] with a box inside the
//! element's shadow root; the element keeps the returned [`MountedArticle`] to change its
//! `src` and to unmount it when the element leaves the page.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;

use crate::api::ArticleSource;
use crate::components::ArticleSkeleton;
use crate::embed::Embedding;
use crate::host;
use crate::pages::ArticleLoader;
use crate::site::Site;

/// An article mounted in a `<folio-article>`. Dropping it (or calling `unmount`) removes the
/// article and runs every cleanup: requests aborted, ad slots released and their containers
/// removed from the element.
#[wasm_bindgen]
pub struct MountedArticle {
    src: RwSignal<String>,
    _mounted: Box<dyn std::any::Any>,
}

#[wasm_bindgen]
impl MountedArticle {
    /// Shows the article at another URL; the current one stays until the new one is in.
    pub fn set_src(&self, src: String) {
        self.src.try_set(src);
    }

    /// Removes the article and everything it started.
    pub fn unmount(self) {}
}

/// What the element's attributes ask for.
#[wasm_bindgen]
#[derive(Clone, Debug, Default)]
pub struct EmbedOptions {
    /// The article document's full URL (the `src` attribute, resolved).
    #[wasm_bindgen(getter_with_clone)]
    pub src: String,
    /// The Folio site's base URL: where `folio-embed.js` was loaded from.
    #[wasm_bindgen(getter_with_clone)]
    pub base_url: String,
    /// The `ads` attribute: show the article's ad slots, in the element's light DOM.
    pub ads: bool,
    /// The `compact` attribute: headline, dek and a link.
    pub compact: bool,
    /// `links="new-tab"`: articles open in a new tab instead of this one.
    pub new_tab: bool,
}

#[wasm_bindgen]
impl EmbedOptions {
    #[wasm_bindgen(constructor)]
    pub fn new() -> EmbedOptions {
        EmbedOptions::default()
    }
}

/// Mounts the article `options.src` names into `root` (a box in `element`'s shadow root).
#[wasm_bindgen]
pub fn mount_article(
    element: web_sys::HtmlElement,
    root: web_sys::HtmlElement,
    options: EmbedOptions,
) -> MountedArticle {
    let src_signal = Rc::new(Cell::new(None));
    let embedding = Embedding {
        link_target: options.new_tab.then_some("_blank"),
        ad_host: options.ads.then(|| SendWrapper::new(element)),
        id_prefix: format!("folio-embed-{}-", next_instance()),
        owns_document: false,
    };
    let mounted = leptos::mount::mount_to(root.clone(), {
        let src_signal = Rc::clone(&src_signal);
        move || {
            let src = RwSignal::new(options.src);
            src_signal.set(Some(src));
            provide_context(embedding);
            let site = LocalResource::new(move || shared_site(options.base_url.clone()));
            let root = SendWrapper::new(root);
            let compact = options.compact;
            view! {
                <Suspense fallback=ArticleSkeleton>
                    {move || {
                        let root = root.clone();
                        Suspend::new(async move {
                            let site = site.await;
                            view! { <EmbeddedArticle site src compact root /> }
                        })
                    }}
                </Suspense>
            }
        }
    });
    MountedArticle {
        src: src_signal
            .take()
            .unwrap_or_else(|| RwSignal::new(String::new())),
        _mounted: Box::new(mounted),
    }
}

/// The element's article, once the Folio site's configuration is in.
#[component]
fn EmbeddedArticle(
    site: Arc<Site>,
    src: RwSignal<String>,
    compact: bool,
    root: SendWrapper<web_sys::HtmlElement>,
) -> impl IntoView {
    host::install(&site.config.ads);
    host::reserve_fluid_height(&root, &site.config.ads);
    provide_context(site);
    let source = Signal::derive(move || Some(ArticleSource::Url(src.get())));
    view! { <ArticleLoader source compact /> }
}

fn next_instance() -> u32 {
    thread_local! {
        static NEXT: Cell<u32> = const { Cell::new(1) };
    }
    NEXT.replace(NEXT.get() + 1)
}

type SiteLoad = Shared<LocalBoxFuture<'static, Arc<Site>>>;

/// The Folio site at `base_url`, loaded once for all the elements on the page that show its
/// articles.
fn shared_site(base_url: String) -> SiteLoad {
    thread_local! {
        static SITES: RefCell<HashMap<String, SiteLoad>> = RefCell::new(HashMap::new());
    }
    SITES.with_borrow_mut(|sites| {
        sites
            .entry(base_url.clone())
            .or_insert_with(|| {
                async move { Arc::new(Site::load_at(base_url).await) }
                    .boxed_local()
                    .shared()
            })
            .clone()
    })
}
