use folio_model::{Block, BodyItem, HeadingLevel, Href};
use leptos::either::{Either, EitherOf3, EitherOf13};
use leptos::prelude::*;

use crate::components::{
    AdSlot, AdTargeting, AudioView, FigureView, GalleryView, InlineContent, Link, Loading,
    ParagraphLink, TableView, VideoView,
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
                EitherOf3::A(view! { <AdSlot spec targeting=targeting.clone() /> })
            }
            BodyItem::Block(index) => match blocks.get(index).cloned() {
                Some(Block::Paragraph(content)) => {
                    paragraphs += 1;
                    let link = route.clone().map(|route| {
                        view! { <ParagraphLink number=paragraphs route /> }
                    });
                    EitherOf3::B(view! {
                        <p id=format!("p-{paragraphs}")>
                            {link}
                            <InlineContent content />
                        </p>
                    })
                }
                other => EitherOf3::C(other.map(block_view)),
            },
        })
        .collect_view()
}

/// Typed views throughout (no `AnyView`): the viewer adopts a prerendered body by walking it
/// with these views' own hydration code (`takeover.rs`).
fn block_view(block: Block) -> impl IntoView {
    match block {
        Block::Paragraph(content) => EitherOf13::A(view! { <p><InlineContent content /></p> }),
        Block::Heading { level, content } => EitherOf13::B(match level {
            HeadingLevel::H2 => EitherOf3::A(view! { <h2><InlineContent content /></h2> }),
            HeadingLevel::H3 => EitherOf3::B(view! { <h3><InlineContent content /></h3> }),
            HeadingLevel::H4 => EitherOf3::C(view! { <h4><InlineContent content /></h4> }),
        }),
        Block::Quote { content, cite } => EitherOf13::C(view! {
            <figure class="quote">
                <blockquote>
                    <p><InlineContent content /></p>
                </blockquote>
                {cite.map(|cite| view! { <figcaption>{cite}</figcaption> })}
            </figure>
        }),
        Block::Pullquote(content) => EitherOf13::D(view! {
            <aside class="pullquote">
                <p><InlineContent content /></p>
            </aside>
        }),
        Block::Image(figure) => {
            EitherOf13::E(view! { <FigureView figure loading=Loading::Lazy /> })
        }
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|content| view! { <li><InlineContent content /></li> })
                .collect_view();
            EitherOf13::F(if ordered {
                Either::Left(view! { <ol>{items}</ol> })
            } else {
                Either::Right(view! { <ul>{items}</ul> })
            })
        }
        Block::Embed { url, title } => {
            let host = url
                .split_once("//")
                .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
                .unwrap_or_default()
                .to_string();
            let label = title.unwrap_or_else(|| host.clone());
            EitherOf13::G(view! {
                <aside class="embed-card">
                    <Link href=Href::Url(url)>
                        <span class="embed-card__title">{label}</span>
                        <span class="embed-card__host">{host}</span>
                    </Link>
                </aside>
            })
        }
        Block::Divider => EitherOf13::H(view! { <hr /> }),
        // Slots come from the ad plan, which has already placed (or dropped) this block.
        Block::Ad(_) => EitherOf13::I(()),
        Block::Table(table) => EitherOf13::J(view! { <TableView table /> }),
        Block::Gallery { images, caption } => {
            EitherOf13::K(view! { <GalleryView images caption /> })
        }
        Block::Audio(audio) => EitherOf13::L(view! { <AudioView audio /> }),
        Block::Video(video) => EitherOf13::M(view! { <VideoView video /> }),
    }
}
