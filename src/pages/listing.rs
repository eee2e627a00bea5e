use std::rc::Rc;

use folio_model::{Decoded, Index, Listing, PageNumber};
use leptos::prelude::*;

use crate::api::{self, LoadError};
use crate::components::{ListSkeleton, ListingView, PageTitle, listing_page_title};
use crate::i18n::use_strings;
use crate::pages::document::{PageBox, Prerendered};
use crate::pages::{DocumentLoader, NotFound};
use crate::router::use_page;
use crate::site::{Page, use_site};
use crate::takeover;

/// A listing page's document, with the listing it belongs to.
struct ListingDocument {
    listing: Listing,
    index: Rc<Decoded<Index>>,
}

/// `/`, `/page/<n>`, `/sections/<slug>`, `/tags/<slug>`, `/authors/<slug>` and their pages:
/// fetches the listing page's document and shows it, the not-found page (a section, tag,
/// author or page that has no document), or an error with a way to retry.
#[component]
pub fn ListingPage() -> impl IntoView {
    let page = use_page();
    // While the address names another page this one is on its way out: it keeps its listing.
    let shown = Memo::new(
        move |previous: Option<&(Listing, PageNumber)>| match &*page.read() {
            Page::Listing(listing, number) => (listing.clone(), *number),
            _ => previous.cloned().unwrap_or((Listing::Front, None)),
        },
    );
    let site = use_site();
    let fetch = {
        let site = site.clone();
        move |requests| {
            let site = site.clone();
            let (listing, page) = shown.get();
            async move {
                let index = api::fetch_listing(&site, &listing, page, requests).await?;
                Ok(Rc::new(ListingDocument { listing, index }))
            }
        }
    };
    let strings = use_strings();
    let show = move |document: Result<Rc<ListingDocument>, LoadError>| match document {
        Ok(document) => {
            let stamp = site.render_stamp(document.index.source);
            let prerendered = takeover::prerendered(LISTING_CONTAINER, &stamp);
            let title = listing_page_title(strings, &document.listing, &document.index.value);
            let view = view! {
                <ListingView
                    listing=document.listing.clone()
                    index=document.index.value.clone()
                    stamp
                />
            };
            Ok(match prerendered {
                Some(root) => {
                    view! { <PageTitle text=title /> {takeover::adopted(view, root)} }.into_any()
                }
                None => view! { <PageTitle text=title /> {view} }.into_any(),
            })
        }
        // The front page's first page always exists: without it the site is broken.
        Err(LoadError::NotFound) if shown.get_untracked() != (Listing::Front, None) => {
            Ok(view! { <NotFound /> }.into_any())
        }
        Err(error) => Err(error),
    };
    let pending = RwSignal::new(false);
    view! {
        <PageBox class=LISTING_PAGE busy=pending>
            <DocumentLoader
                fetch
                fallback=|| view! { <ListSkeleton /> }.into_any()
                failed=strings.front_page_failed
                show
                pending
            />
        </PageBox>
    }
}

/// The class of a listing page's box, and the listing in it that a prerendered copy must match.
const LISTING_PAGE: &str = "listing-page";
const LISTING_CONTAINER: &str = ".listing-page > .listing[data-folio-stamp]";

/// A listing page as the prerender step writes it.
#[component]
pub fn PrerenderedListing(listing: Listing, index: Index, stamp: String) -> impl IntoView {
    let url = use_site().listing_page_url(&listing, index.page);
    view! {
        <Prerendered url>
            <PageBox class=LISTING_PAGE busy=false>
                <ListingView listing index stamp />
            </PageBox>
        </Prerendered>
    }
}
