//! The listing documents `folio index` writes: the front page's pages (`index.json`,
//! `index/<n>.json`) and those of every section, tag and author (`sections/<slug>.json`, …), as
//! `folio_model::Listing` names them.
//!
//! Pages are numbered from the oldest and hold `page_size` articles each; the first page holds
//! the newest page's articles together with the full page before it (between `page_size` and
//! twice that, less one), so that a new article rewrites the first page and, once every
//! `page_size` articles, writes one new numbered page and relinks the one before: never the
//! rest of the chain.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use folio_model::{Article, Index, IndexEntry, Listing, PageNumber};

/// Articles per page unless `folio index --page-size` says otherwise.
pub const DEFAULT_PAGE_SIZE: u16 = 30;

/// What the listings need of one article.
#[derive(Clone, Debug)]
pub struct Summary {
    pub entry: IndexEntry,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
}

impl Summary {
    pub fn of(article: Article) -> Summary {
        // A correction made after publication moves the entry's date (and so its feed entry's).
        let updated = article.distinct_update().cloned();
        Summary {
            section: article.section.clone(),
            tags: article.tags,
            authors: article
                .authors
                .into_iter()
                .map(|author| author.name)
                .collect(),
            entry: IndexEntry {
                id: article.id,
                headline: article.headline,
                dek: article.dek,
                section: article.section,
                published: article.published,
                updated,
                // A thumbnail beside its headline: decorative.
                image: article.image.and_then(|figure| figure.image).map(|image| {
                    folio_model::Image {
                        alt: String::new(),
                        ..image
                    }
                }),
            },
        }
    }

    /// The section, tag and author listings this article is in, with the names it gives them;
    /// `named` turns a name into its listing.
    fn listings<'a>(
        &'a self,
        named: &mut impl FnMut(fn(String) -> Listing, &str) -> Option<Listing>,
    ) -> Vec<(Listing, &'a str)> {
        let names = self
            .section
            .iter()
            .map(|name| (Listing::Section as fn(String) -> Listing, name))
            .chain(
                self.tags
                    .iter()
                    .map(|name| (Listing::Tag as fn(String) -> Listing, name)),
            )
            .chain(
                self.authors
                    .iter()
                    .map(|name| (Listing::Author as fn(String) -> Listing, name)),
            );
        let mut listings: Vec<(Listing, &str)> = Vec::new();
        for (kind, name) in names {
            // Two tags that spell one address ("Transport", "transport") list the article once.
            if let Some(listing) = named(kind, name)
                && !listings.iter().any(|(known, _)| *known == listing)
            {
                listings.push((listing, name.as_str()));
            }
        }
        listings
    }
}

/// The order of every listing: newest first, then by id (so the order is total and every
/// build writes the same pages).
pub fn newest_first(a: &IndexEntry, b: &IndexEntry) -> std::cmp::Ordering {
    b.published
        .unix_seconds()
        .cmp(&a.published.unix_seconds())
        .then_with(|| a.id.cmp(&b.id))
}

/// Every listing's articles.
pub struct Listings<'a> {
    pub listings: BTreeMap<Listing, Members<'a>>,
    /// Listings that different names share (`"Culture"` and `"culture"`), with the names.
    pub shared: Vec<(Listing, Vec<String>)>,
}

/// A listing's articles, newest first, and its title.
pub struct Members<'a> {
    /// The newest article's spelling of the listing's name; none for the front page.
    title: Option<String>,
    entries: Vec<&'a IndexEntry>,
}

/// One page of a listing: which of its articles, and its neighbours.
pub struct PagePlan {
    pub number: PageNumber,
    /// The page's articles, as positions in the listing (newest first).
    articles: Range<usize>,
    older: Option<u32>,
    newer: Option<u32>,
}

/// The listings of `summaries`, which must be newest first.
pub fn build<'a>(summaries: &[&'a Summary]) -> Listings<'a> {
    let mut members: BTreeMap<Listing, (Vec<String>, Vec<&IndexEntry>)> = BTreeMap::new();
    members.insert(
        Listing::Front,
        (Vec::new(), summaries.iter().map(|s| &s.entry).collect()),
    );
    // A newsroom has few sections, tags and authors and many articles: each name is spelled
    // into its address once (the key's listing is the kind, with no slug).
    let mut addresses: HashMap<(Listing, String), Option<Listing>> = HashMap::new();
    let mut named = |kind: fn(String) -> Listing, name: &str| {
        addresses
            .entry((kind(String::new()), name.to_string()))
            .or_insert_with(|| Listing::named(kind, name))
            .clone()
    };
    for &summary in summaries {
        for (listing, name) in summary.listings(&mut named) {
            let (names, entries) = members.entry(listing).or_default();
            if !names.iter().any(|known| known == name) {
                names.push(name.to_string());
            }
            entries.push(&summary.entry);
        }
    }
    let mut shared = Vec::new();
    let listings = members
        .into_iter()
        .map(|(listing, (names, entries))| {
            let title = names.first().cloned();
            if names.len() > 1 {
                shared.push((listing.clone(), names));
            }
            (listing, Members { title, entries })
        })
        .collect();
    Listings { listings, shared }
}

impl Members<'_> {
    /// The listing's pages at `page_size` articles, the first page first.
    pub fn pages(&self, page_size: usize) -> Vec<PagePlan> {
        let page_size = page_size.max(1);
        let count = self.entries.len();
        let full_pages = count / page_size;
        // The first page: everything when there is not one full page before the newest; else
        // the newest (partial) page with the last full one.
        let first_len = if full_pages <= 1 {
            count
        } else {
            count % page_size + page_size
        };
        // Full pages 1 ..= last_numbered stand alone; the last full page is part of the first.
        let last_numbered = u32::try_from(full_pages.saturating_sub(1)).unwrap_or(u32::MAX);
        let mut pages = vec![PagePlan {
            number: None,
            articles: 0..first_len,
            older: (last_numbered >= 1).then_some(last_numbered),
            newer: None,
        }];
        for number in (1..=last_numbered).rev() {
            let oldest_first = (number as usize - 1) * page_size..number as usize * page_size;
            pages.push(PagePlan {
                number: Some(number),
                articles: count - oldest_first.end..count - oldest_first.start,
                older: (number > 1).then(|| number - 1),
                newer: (number < last_numbered).then(|| number + 1),
            });
        }
        pages
    }

    /// A page's document.
    pub fn page(&self, plan: &PagePlan) -> Index {
        Index {
            articles: self
                .entries
                .get(plan.articles.clone())
                .unwrap_or_default()
                .iter()
                .map(|&entry| entry.clone())
                .collect(),
            title: self.title.clone(),
            page: plan.number,
            older: plan.older,
            newer: plan.newer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::{ArticleId, Timestamp};

    fn summaries(count: usize) -> Vec<Summary> {
        (0..count)
            .rev()
            .map(|n| Summary {
                entry: IndexEntry {
                    id: ArticleId::parse(&format!("a{n}")).unwrap(),
                    headline: format!("Article {n}"),
                    dek: None,
                    section: None,
                    published: Timestamp::parse(&format!(
                        "2026-01-01T00:{:02}:{:02}Z",
                        n / 60,
                        n % 60
                    ))
                    .unwrap(),
                    updated: None,
                    image: None,
                },
                section: Some(if n % 2 == 0 { "Even" } else { "even" }.into()),
                tags: vec!["Every".into(), "every".into()],
                authors: vec!["ليلى منصور".into()],
            })
            .collect()
    }

    /// A correction changes the article: its entry, and so its feed entry, dates itself by it.
    #[test]
    fn a_correction_moves_the_entry_date() {
        let json = br#"{"version": 1, "id": "a", "headline": "H", "body": [],
            "published": "2026-11-26T07:30:00Z", "updated": "2026-11-26T09:00:00Z",
            "corrections": [{"date": "2026-11-27T09:10:00Z", "text": "Fixed a number."}]}"#;
        let article = folio_model::decode_article(json, Some("a"), &Default::default())
            .unwrap()
            .value;
        let entry = Summary::of(article).entry;
        assert_eq!(
            entry.updated.as_ref().map(Timestamp::as_str),
            Some("2026-11-27T09:10:00Z")
        );
    }

    /// Every page of `listing`, as written.
    fn pages_of(summaries: &[Summary], listing: &Listing) -> Vec<(PageNumber, Index)> {
        let summaries: Vec<&Summary> = summaries.iter().collect();
        let listings = build(&summaries);
        let members = &listings.listings[listing];
        members
            .pages(30)
            .iter()
            .map(|plan| (plan.number, members.page(plan)))
            .collect()
    }

    fn ids(index: &Index) -> Vec<String> {
        index.articles.iter().map(|e| e.id.to_string()).collect()
    }

    #[test]
    fn pages_are_numbered_from_the_oldest() {
        let front = &pages_of(&summaries(95), &Listing::Front);
        // 95 = 3 full pages and 5: the first page holds 5 + 30, then pages 2 and 1.
        assert_eq!(front.len(), 3);
        let (number, first) = &front[0];
        assert_eq!(*number, None);
        assert_eq!(first.articles.len(), 35);
        assert_eq!(ids(first)[0], "a94");
        assert_eq!((first.older, first.newer), (Some(2), None));
        let (number, two) = &front[1];
        assert_eq!(*number, Some(2));
        assert_eq!(ids(two).first().unwrap(), "a59");
        assert_eq!(ids(two).last().unwrap(), "a30");
        assert_eq!((two.older, two.newer), (Some(1), None));
        let (_, one) = &front[2];
        assert_eq!(ids(one).last().unwrap(), "a0");
        assert_eq!((one.older, one.newer), (Some(1).filter(|_| false), Some(2)));
        // Every article once, in order.
        let all: Vec<String> = front.iter().flat_map(|(_, page)| ids(page)).collect();
        assert_eq!(
            all,
            (0..95).rev().map(|n| format!("a{n}")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_new_article_changes_only_the_newest_pages() {
        for count in [1, 29, 30, 59, 60, 61, 89, 90, 91, 200] {
            let before = pages_of(&summaries(count), &Listing::Front);
            let after = pages_of(&summaries(count + 1), &Listing::Front);
            let changed = after
                .iter()
                .filter(|page| !before.contains(page))
                .map(|(number, _)| *number)
                .collect::<Vec<_>>();
            assert!(changed.len() <= 3, "{count}: {changed:?}");
            let oldest_changed = changed.iter().flatten().min().copied().unwrap_or(u32::MAX);
            let last = (count + 1) / 30;
            assert!(
                oldest_changed as usize + 2 >= last,
                "{count}: page {oldest_changed} changed"
            );
        }
    }

    #[test]
    fn names_that_share_an_address_share_a_listing() {
        let summaries = summaries(10);
        let listings = build(&summaries.iter().collect::<Vec<_>>());
        let even = pages_of(&summaries, &Listing::Section("even".into()));
        assert_eq!(even[0].1.articles.len(), 10);
        assert_eq!(even[0].1.title.as_deref(), Some("even"));
        let every = pages_of(&summaries, &Listing::Tag("every".into()));
        assert_eq!(every[0].1.articles.len(), 10, "an article is listed once");
        assert!(
            listings
                .listings
                .contains_key(&Listing::Author("ليلى-منصور".into()))
        );
        assert_eq!(
            listings.shared,
            vec![(
                Listing::Section("even".into()),
                vec!["even".to_string(), "Even".to_string()]
            )]
        );
    }
}
