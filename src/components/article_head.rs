use std::rc::Rc;

use folio_model::{Article, Decoded, MetaAttribute, PageContext};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

use crate::site::use_site;

/// An article's title, description, canonical address, Open Graph and Twitter tags and JSON-LD
/// (`folio_model::article_head`), in the document's `<head>`. Only the viewer renders it: the
/// prerender step writes the same tags from the same function into the static page's head.
/// It takes the loaded document as the loader holds it: the head needs no copy of the body.
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
    view! {
        <Title text=article.headline.clone() />
        <Link rel="canonical" href=head.canonical />
        {head
            .meta
            .into_iter()
            .map(|tag| match tag.attribute {
                MetaAttribute::Name => view! { <Meta name=tag.key content=tag.content /> }.into_any(),
                MetaAttribute::Property => {
                    view! { <Meta property=tag.key content=tag.content /> }.into_any()
                }
            })
            .collect_view()}
        <Script type_="application/ld+json">{head.json_ld}</Script>
    }
}
