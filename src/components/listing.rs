use folio_model::{Index, IndexEntry, Listing, Strings};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::{ImageView, Loading};
use crate::i18n::use_strings;
use crate::navigation::use_page_focus;
use crate::site::use_site;

/// The id of a listing's list of articles: a prerendered page holds its first paint until it
/// is parsed.
pub const LISTING_ARTICLES_ID: &str = "listing-articles";

/// A listing page: its heading, its articles newest first, and links to its older and newer
/// pages. `stamp` is the document's render stamp, which a prerendered copy must carry to be
/// adopted (`takeover.rs`).
#[component]
pub fn ListingView(listing: Listing, index: Index, stamp: String) -> impl IntoView {
    let heading = NodeRef::new();
    use_page_focus(heading);
    let site = use_site();
    let strings = use_strings();
    let Index {
        articles,
        title,
        page,
        older,
        newer,
    } = index;
    let empty = articles.is_empty();
    let kind = match listing {
        Listing::Front => None,
        Listing::Section(_) => Some(strings.section),
        Listing::Tag(_) => Some(strings.topic),
        Listing::Author(_) => Some(strings.author),
    };
    let name = listing_name(strings, &listing, title.as_deref());
    // With its space inside, so the heading reads "Latest Page 2", and "Latest" alone on the
    // first page.
    let page_number = page.map(|page| format!(" {}", Strings::fill(strings.page_number, page)));
    // A numbered page always has a newer one: the next number, or else the first page.
    let newer = page.map(|_| site.listing_route(&listing, newer));
    let older = older.map(|older| site.listing_route(&listing, Some(older)));
    let pagination = (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=strings.pages>
                {newer.map(|href| view! { <a href=href rel="prev">{strings.newer}</a> })}
                {older.map(|href| view! { <a href=href rel="next">{strings.older}</a> })}
            </nav>
        }
    });
    view! {
        <section class="listing" aria-labelledby="listing-heading" data-folio-stamp=stamp>
            {kind.map(|kind| view! { <p class="kicker">{kind}</p> })}
            <h1 id="listing-heading" tabindex="-1" node_ref=heading>
                {name}
                {page_number.map(|number| view! { <span class="page-number">{number}</span> })}
            </h1>
            {empty.then(|| view! { <p>{strings.no_articles}</p> })}
            <ul class="article-list" id=LISTING_ARTICLES_ID>
                {articles.into_iter().map(|entry| view! { <Card entry /> }).collect_view()}
            </ul>
            {pagination}
        </section>
    }
}

#[component]
fn Card(entry: IndexEntry) -> impl IntoView {
    let IndexEntry {
        id,
        headline,
        dek,
        section,
        published,
        image,
        ..
    } = entry;
    let href = use_site().article_route(&id);
    view! {
        <li class="card">
            {image.map(|image| view! { <ImageView image loading=Loading::Lazy /> })}
            <div>
                {section.map(|name| view! { <SectionLabel name /> })}
                <h2>
                    <a href=href>{headline}</a>
                </h2>
                {dek.map(|dek| view! { <p class="dek">{dek}</p> })}
                <time datetime=published.as_str().to_string()>{published.date()}</time>
            </div>
        </li>
    }
}

/// A listing's name: the front page's heading, or the section's, tag's or author's name as the
/// document spells it (its slug when the document has no title).
fn listing_name(strings: &Strings, listing: &Listing, title: Option<&str>) -> String {
    match (listing, title) {
        (Listing::Front, _) => strings.latest.to_string(),
        (_, Some(title)) => title.to_string(),
        (Listing::Section(slug) | Listing::Tag(slug) | Listing::Author(slug), None) => slug.clone(),
    }
}

/// The document title of a listing page (`PageTitle`'s text, and the prerendered page's):
/// empty for the front page's first page (the site's name alone), else the listing's name and
/// its page's number.
pub fn listing_page_title(strings: &Strings, listing: &Listing, index: &Index) -> String {
    let name = match listing {
        Listing::Front if index.page.is_none() => return String::new(),
        _ => listing_name(strings, listing, index.title.as_deref()),
    };
    match index.page {
        Some(page) => format!("{name} · {}", Strings::fill(strings.page_number, page)),
        None => name,
    }
}

/// The section an article is in, above its headline (on the article page and on a card): a
/// link to the section's listing.
#[component]
pub fn SectionLabel(name: String) -> impl IntoView {
    view! {
        <p class="section">
            <ListingName kind=Listing::Section name />
        </p>
    }
}

/// Where a section's, tag's or author's name links: its listing page (on the Folio site, from
/// an embed). A name with nothing to spell an address with stays text.
#[component]
pub fn ListingName(kind: fn(String) -> Listing, name: String) -> impl IntoView {
    match crate::site::listing_named(kind, &name) {
        Some(listing) => Either::Left(view! { <ListingLink listing>{name}</ListingLink> }),
        None => Either::Right(name),
    }
}

#[component]
fn ListingLink<C>(listing: Listing, children: TypedChildren<C>) -> impl IntoView
where
    C: IntoView + 'static,
{
    let site = use_site();
    let children = children.into_inner()();
    match crate::embed::use_embedding() {
        // A plain <a>: the router follows it.
        None => Either::Left(view! { <a href=site.listing_route(&listing, None)>{children}</a> }),
        Some(embedding) => Either::Right(view! {
            <a href=site.listing_page_url(&listing, None) target=embedding.link_target>
                {children}
            </a>
        }),
    }
}
