use folio_model::{ArticleId, Block, HeadingLevel};
use leptos::prelude::*;

use crate::components::{AdPlacement, AdSlot, FigureView, InlineContent, Loading};

/// The article body. Paragraphs get ids `p-1`, `p-2`, … so they can be linked to; explicit ad
/// blocks become slots `body-1`, `body-2`, ….
#[component]
pub fn Blocks(blocks: Vec<Block>, article_id: ArticleId, ads: bool) -> impl IntoView {
    let mut paragraphs = 0;
    let mut ad_slots = 0;
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(content) => {
                paragraphs += 1;
                let id = format!("p-{paragraphs}");
                view! {
                    <p id=id>
                        <InlineContent content />
                    </p>
                }
                .into_any()
            }
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
            Block::Image(figure) => {
                view! { <FigureView figure loading=Loading::Lazy /> }.into_any()
            }
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
                        <a href=url rel="noopener noreferrer">
                            <span class="embed-card__title">{label}</span>
                            <span class="embed-card__host">{host}</span>
                        </a>
                    </aside>
                }
                .into_any()
            }
            Block::Divider => view! { <hr /> }.into_any(),
            Block::Ad(size) if ads => {
                ad_slots += 1;
                view! {
                    <AdSlot
                        slot_id=format!("body-{ad_slots}")
                        article_id=article_id.clone()
                        placement=AdPlacement::InBody(size)
                    />
                }
                .into_any()
            }
            Block::Ad(_) => ().into_any(),
        })
        .collect_view()
}
