use folio_model::{Figure, Image, rebase_srcset};
use leptos::prelude::*;

use crate::site::use_site;
use crate::wrapped_view::replaced;

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
    // Another picture is another element (`replaced`): an `<img>` whose `src` changes (when a
    // related link re-renders the article in place) keeps showing its old picture, in the old
    // picture's proportions, until the new one has loaded: the last article's photo under the
    // next one's headline, and a box that jumps when the right one arrives.
    replaced(view! {
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

/// A figure; when its image was unusable the caption and credit are still shown.
#[component]
pub fn FigureView(figure: Figure, loading: Loading) -> impl IntoView {
    let Figure {
        image,
        caption,
        credit,
    } = figure;
    view! {
        <figure class="figure">
            {image.map(|image| view! { <ImageView image loading /> })}
            <FigureCaption caption credit />
        </figure>
    }
}

/// A figure's caption and credit, in a `<figcaption>` when it has either.
#[component]
pub fn FigureCaption(caption: Option<String>, credit: Option<String>) -> impl IntoView {
    (caption.is_some() || credit.is_some()).then(|| {
        view! {
            <figcaption>
                <CaptionAndCredit caption credit />
            </figcaption>
        }
    })
}

/// The caption, then the credit, each in its own span (a figcaption that says more holds them).
#[component]
pub fn CaptionAndCredit(caption: Option<String>, credit: Option<String>) -> impl IntoView {
    view! {
        {caption.map(|caption| view! { <span class="caption">{caption}</span> })}
        {credit.map(|credit| view! { <span class="credit">{credit}</span> })}
    }
}
