use std::rc::Rc;

use folio_model::{Article, Decoded, PageContext};
use leptos::prelude::*;

use crate::site::use_site;

/// An article's title, description, canonical address, Open Graph and Twitter tags and JSON-LD
/// (`folio_model::article_head`), in the document's `<head>` while the article is shown. Only
/// the viewer renders it: the prerender step writes the same tags from the same function into
/// the static page's head. It takes the loaded document as the loader holds it: the head needs
/// no copy of the body.
#[component]
pub fn ArticleHead(article: Rc<Decoded<Article>>) -> impl IntoView {
    let article = &article.value;
    let site = use_site();
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
    view! {
        <PageTitle text=article.headline.clone() />
        <HeadTags tags />
    }
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

/// `tags` in the document's `<head>` for as long as this component is shown.
#[component]
fn HeadTags(tags: Vec<HeadTag>) -> impl IntoView {
    let added = StoredValue::new_local(Vec::<web_sys::Element>::new());
    Effect::new(move || {
        let document = document();
        let Some(head) = document.head() else {
            return;
        };
        for tag in &tags {
            let Ok(element) = document.create_element(tag.name) else {
                continue;
            };
            for (name, value) in &tag.attributes {
                let _ = element.set_attribute(name, value);
            }
            // A page policy that refuses the JSON (Trusted Types) leaves the element out.
            if let Some(json) = &tag.json
                && crate::trusted_types::set_json_script_text(&element, json).is_err()
            {
                continue;
            }
            if head.append_child(&element).is_ok() {
                added.update_value(|added| added.push(element));
            }
        }
    });
    on_cleanup(move || {
        for element in added.try_update_value(std::mem::take).unwrap_or_default() {
            element.remove();
        }
    });
}
