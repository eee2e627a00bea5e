use folio_model::{Block, BodyItem, HeadingLevel, Href, url_host};
use leptos::either::{Either, EitherOf3, EitherOf14};
use leptos::prelude::*;

use crate::components::{
    AdSlot, AdTargeting, AudioView, FigureView, GalleryView, HostedVideoView, InlineContent, Link,
    Loading, ParagraphLink, TableView, VideoView,
};

/// The article body with its ad slots in the places the ad plan gives. Paragraphs get ids
/// `p-1`, `p-2`, … so they can be linked to (unless `paragraph_ids` is `false`: a live
/// update's blocks, whose update has an address of its own), and, given the article's `route`,
/// a link that copies their address.
#[component]
pub fn Blocks(
    blocks: Vec<Block>,
    items: Vec<BodyItem>,
    targeting: AdTargeting,
    route: Option<String>,
    #[prop(default = true)] paragraph_ids: bool,
) -> impl IntoView {
    let mut paragraphs = 0;
    items
        .into_iter()
        .map(|item| match item {
            BodyItem::Slot(spec) => {
                EitherOf3::A(view! { <AdSlot spec targeting=targeting.clone() /> })
            }
            BodyItem::Block(index) => match blocks.get(index).cloned() {
                Some(Block::Paragraph(content)) if paragraph_ids => {
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
        Block::Paragraph(content) => EitherOf14::A(view! { <p><InlineContent content /></p> }),
        Block::Heading { level, content } => EitherOf14::B(match level {
            HeadingLevel::H2 => EitherOf3::A(view! { <h2><InlineContent content /></h2> }),
            HeadingLevel::H3 => EitherOf3::B(view! { <h3><InlineContent content /></h3> }),
            HeadingLevel::H4 => EitherOf3::C(view! { <h4><InlineContent content /></h4> }),
        }),
        Block::Quote { content, cite } => EitherOf14::C(view! {
            <figure class="quote">
                <blockquote>
                    <p><InlineContent content /></p>
                </blockquote>
                {cite.map(|cite| view! { <figcaption>{cite}</figcaption> })}
            </figure>
        }),
        Block::Pullquote(content) => EitherOf14::D(view! {
            <aside class="pullquote">
                <p><InlineContent content /></p>
            </aside>
        }),
        Block::Image(figure) => {
            EitherOf14::E(view! { <FigureView figure loading=Loading::Lazy /> })
        }
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|content| view! { <li><InlineContent content /></li> })
                .collect_view();
            EitherOf14::F(if ordered {
                Either::Left(view! { <ol>{items}</ol> })
            } else {
                Either::Right(view! { <ul>{items}</ul> })
            })
        }
        Block::Embed { url, title } => {
            let host = url_host(&url).unwrap_or_default().to_string();
            let label = title.unwrap_or_else(|| host.clone());
            EitherOf14::G(view! {
                <aside class="embed-card">
                    <Link href=Href::Url(url)>
                        <span class="embed-card__title">{label}</span>
                        <span class="embed-card__host">{host}</span>
                    </Link>
                </aside>
            })
        }
        Block::Divider => EitherOf14::H(view! { <hr /> }),
        // Slots come from the ad plan, which has already placed (or dropped) this block.
        Block::Ad(_) => EitherOf14::I(()),
        Block::Table(table) => EitherOf14::J(view! { <TableView table /> }),
        Block::Gallery { images, caption } => {
            EitherOf14::K(view! { <GalleryView images caption /> })
        }
        Block::Audio(audio) => EitherOf14::L(view! { <AudioView audio /> }),
        Block::Video(video) => EitherOf14::M(view! { <VideoView video /> }),
        Block::HostedVideo(video) => EitherOf14::N(view! { <HostedVideoView video /> }),
    }
}
