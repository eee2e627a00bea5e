use folio_model::{Block, BodyItem, HeadingLevel, Href};
use leptos::prelude::*;

use crate::components::{
    AdSlot, AdTargeting, FigureView, InlineContent, Link, Loading, ParagraphLink,
};

/// The article body with its ad slots in the places the ad plan gives. Paragraphs get ids
/// `p-1`, `p-2`, … so they can be linked to, and, given the article's `route`, a link that
/// copies their address.
#[component]
pub fn Blocks(
    blocks: Vec<Block>,
    items: Vec<BodyItem>,
    targeting: AdTargeting,
    route: Option<String>,
) -> impl IntoView {
    let mut paragraphs = 0;
    items
        .into_iter()
        .map(|item| match item {
            BodyItem::Slot(spec) => {
                view! { <AdSlot spec targeting=targeting.clone() /> }.into_any()
            }
            BodyItem::Block(index) => match blocks.get(index).cloned() {
                Some(Block::Paragraph(content)) => {
                    paragraphs += 1;
                    let link = route.clone().map(|route| {
                        view! { <ParagraphLink number=paragraphs route /> }
                    });
                    view! {
                        <p id=format!("p-{paragraphs}")>
                            {link}
                            <InlineContent content />
                        </p>
                    }
                    .into_any()
                }
                Some(block) => block_view(block),
                None => ().into_any(),
            },
        })
        .collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Paragraph(content) => view! { <p><InlineContent content /></p> }.into_any(),
        Block::Heading { level, content } => match level {
            HeadingLevel::H2 => view! { <h2><InlineContent content /></h2> }.into_any(),
            HeadingLevel::H3 => view! { <h3><InlineContent content /></h3> }.into_any(),
            HeadingLevel::H4 => view! { <h4><InlineContent content /></h4> }.into_any(),
        },
        Block::Quote { content, cite } => view! {
            <figure class="quote">
                <blockquote>
                    <p><InlineContent content /></p>
                </blockquote>
                {cite.map(|cite| view! { <figcaption>{cite}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Pullquote(content) => view! {
            <aside class="pullquote">
                <p><InlineContent content /></p>
            </aside>
        }
        .into_any(),
        Block::Image(figure) => view! { <FigureView figure loading=Loading::Lazy /> }.into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|content| view! { <li><InlineContent content /></li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Embed { url, title } => {
            let host = url
                .split_once("//")
                .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
                .unwrap_or_default()
                .to_string();
            let label = title.unwrap_or_else(|| host.clone());
            view! {
                <aside class="embed-card">
                    <Link href=Href::Url(url)>
                        <span class="embed-card__title">{label}</span>
                        <span class="embed-card__host">{host}</span>
                    </Link>
                </aside>
            }
            .into_any()
        }
        Block::Divider => view! { <hr /> }.into_any(),
        // Slots come from the ad plan, which has already placed (or dropped) this block.
        Block::Ad(_) => ().into_any(),
    }
}
