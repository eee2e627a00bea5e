use folio_model::{Figure, Image, rebase_srcset};
use leptos::prelude::*;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

use crate::site::use_site;

/// Whether an image is needed for the first screen.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// The hero: fetched at once, at high priority.
    Eager,
    /// Everything below: fetched as it nears the viewport.
    Lazy,
}

/// An image with `width` and `height`, so its box is reserved before it arrives.
#[component]
pub fn ImageView(image: Image, loading: Loading) -> impl IntoView {
    let Image {
        src,
        alt,
        width,
        height,
        srcset,
    } = image;
    // Content paths are relative to the site, which is not the page's base in an embed.
    let site = use_site();
    let src = site.absolute(&src);
    let srcset = srcset.map(|srcset| rebase_srcset(&srcset, |url| site.absolute(url)));
    // The column is at most 42rem wide; below that the image spans the viewport.
    let sizes = srcset
        .is_some()
        .then_some("(min-width: 44rem) 42rem, 100vw");
    let (lazy, priority) = match loading {
        Loading::Eager => ("eager", "high"),
        Loading::Lazy => ("lazy", "auto"),
    };
    // Another picture is another element (`Replaced`): an `<img>` whose `src` changes (when a
    // related link re-renders the article in place) keeps showing its old picture, in the old
    // picture's proportions, until the new one has loaded: the last article's photo under the
    // next one's headline, and a box that jumps when the right one arrives.
    Replaced(view! {
        <img
            src=src
            srcset=srcset
            sizes=sizes
            alt=alt
            width=width
            height=height
            loading=lazy
            fetchpriority=priority
            decoding="async"
        />
    })
}

/// A view that is built anew where Leptos would update the one in place (rendered to HTML,
/// hydrated and built as the view itself).
struct Replaced<V>(V);

impl<V: Render> Render for Replaced<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut new = self.0.build();
        // In the old one's place, when that is in the document.
        if state.insert_before_this(&mut new) {
            state.unmount();
        }
        *state = new;
    }
}

impl<V: RenderHtml> AddAnyAttr for Replaced<V> {
    type Output<SomeNewAttr: Attribute> = Replaced<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Replaced(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Replaced<V> {
    type AsyncOutput = Replaced<V::AsyncOutput>;
    type Owned = Replaced<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Replaced(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Replaced(self.0.into_owned())
    }
}

/// A figure; when its image was unusable the caption and credit are still shown.
#[component]
pub fn FigureView(figure: Figure, loading: Loading) -> impl IntoView {
    let Figure {
        image,
        caption,
        credit,
    } = figure;
    let has_caption = caption.is_some() || credit.is_some();
    view! {
        <figure class="figure">
            {image.map(|image| view! { <ImageView image loading /> })}
            {has_caption
                .then(|| {
                    view! {
                        <figcaption>
                            {caption.map(|caption| view! { <span class="caption">{caption}</span> })}
                            {credit.map(|credit| view! { <span class="credit">{credit}</span> })}
                        </figcaption>
                    }
                })}
        </figure>
    }
}
