use std::rc::Rc;

use folio_model::{Article, Decoded, PageContext};
use leptos::prelude::*;

use crate::deferred::after_this_task;
use crate::site::{Site, use_site};

/// An article's title, description, canonical address, Open Graph and Twitter tags and JSON-LD
/// (`folio_model::article_head`), in the document's `<head>` while the article is shown. Only
/// the viewer renders it: the prerender step writes the same tags from the same function into
/// the static page's head. It takes the loaded document as the loader holds it: the head needs
/// no copy of the body. The title is set with the page; the other tags, which only crawlers and
/// link previews read, are made and put in a task later ([`after_this_task`]).
#[component]
pub fn ArticleHead(article: Rc<Decoded<Article>>) -> impl IntoView {
    let site = use_site();
    let headline = article.value.headline.clone();
    let added = StoredValue::new_local(Vec::<web_sys::Element>::new());
    after_this_task(move || {
        let elements = head_tags(&article.value, &site)
            .iter()
            .filter_map(HeadTag::element)
            .collect();
        added.set_value(elements);
    });
    on_cleanup(move || {
        for element in added.try_update_value(std::mem::take).unwrap_or_default() {
            element.remove();
        }
    });
    view! { <PageTitle text=headline /> }
}

/// The head tags of `article`'s page.
fn head_tags(article: &Article, site: &Site) -> Vec<HeadTag> {
    let page_url = site.article_page_url(&article.id);
    let absolute = |url: &str| site.absolute(url);
    let head = folio_model::article_head(
        article,
        &PageContext {
            site_name: &site.config.site_name,
            canonical: &page_url,
            absolute: &absolute,
        },
    );
    let mut tags = vec![HeadTag {
        name: "link",
        attributes: vec![("rel", "canonical".into()), ("href", head.canonical)],
        json: None,
    }];
    tags.extend(head.meta.into_iter().map(|tag| HeadTag {
        name: "meta",
        attributes: vec![
            (tag.attribute.as_str(), tag.key.into()),
            ("content", tag.content),
        ],
        json: None,
    }));
    tags.push(HeadTag {
        name: "script",
        attributes: vec![("type", "application/ld+json".into())],
        json: Some(head.json_ld),
    });
    tags
}

/// The document's title for a page: `"<text> · <site name>"`, or the site's name alone for an
/// empty `text` (the front page).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let title = use_site().page_title(&text);
    Effect::new(move || document().set_title(&title));
}

/// An element for the document's `<head>`: its name, attributes and, for the JSON-LD's
/// `<script>`, the JSON it holds.
struct HeadTag {
    name: &'static str,
    attributes: Vec<(&'static str, String)>,
    json: Option<String>,
}

impl HeadTag {
    /// The element, appended to the document's `<head>`; none if it cannot be (a page policy
    /// that refuses the JSON, Trusted Types, leaves the JSON-LD out).
    fn element(&self) -> Option<web_sys::Element> {
        let document = document();
        let head = document.head()?;
        let element = document.create_element(self.name).ok()?;
        for (name, value) in &self.attributes {
            let _ = element.set_attribute(name, value);
        }
        if let Some(json) = &self.json {
            crate::trusted_types::set_json_script_text(&element, json).ok()?;
        }
        head.append_child(&element).ok()?;
        Some(element)
    }
}
