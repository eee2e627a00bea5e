use folio_model::{Figure, Strings};
use leptos::html::Ul;
use leptos::prelude::*;

use crate::components::{FigureView, Loading};
use crate::i18n::use_strings;

/// Images shown one at a time in a row that snaps to each: swiped on a phone, scrolled with the
/// arrow keys once focused, or stepped through with the buttons, which say where the reader
/// is ("3 of 8"). Every image's box is reserved from its size, so nothing moves as they load.
#[component]
pub fn GalleryView(images: Vec<Figure>, caption: Option<String>) -> impl IntoView {
    let strings = use_strings();
    let count = images.len();
    let label = caption
        .clone()
        .unwrap_or_else(|| strings.gallery.to_string());
    let position_of =
        move |index: usize| Strings::fill(&Strings::fill(strings.position_of, index + 1), count);
    let current = RwSignal::new(0_usize);
    let track = NodeRef::<Ul>::new();
    // The slide in view follows the scroll, however it was scrolled.
    let follow = move |_: leptos::ev::Event| {
        if let Some(track) = track.get_untracked() {
            let width = f64::from(track.client_width().max(1));
            // Negative in a right-to-left gallery.
            let index = (f64::from(track.scroll_left()).abs() / width).round();
            current.set((index as usize).min(count.saturating_sub(1)));
        }
    };
    let show = move |index: usize| {
        let slide = track.get_untracked().and_then(|track| {
            track
                .query_selector(&format!(":scope > li:nth-child({})", index + 1))
                .ok()
                .flatten()
        });
        if let Some(slide) = slide {
            // `nearest`: the page itself does not move; the row scrolls (smoothly, unless the
            // reader asked for less motion: the stylesheet's `scroll-behavior`).
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_inline(web_sys::ScrollLogicalPosition::Start);
            slide.scroll_into_view_with_scroll_into_view_options(&options);
        }
    };
    let step_back =
        move |_: leptos::ev::MouseEvent| show(current.get_untracked().saturating_sub(1));
    let step_forward = move |_: leptos::ev::MouseEvent| {
        show((current.get_untracked() + 1).min(count.saturating_sub(1)))
    };
    let slides = images
        .into_iter()
        .enumerate()
        .map(|(index, figure)| {
            view! {
                <li class="gallery__slide" aria-label=position_of(index)>
                    <FigureView figure loading=Loading::Lazy />
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="gallery" aria-label=label>
            <ul class="gallery__track" tabindex="0" node_ref=track on:scroll=follow>
                {slides}
            </ul>
            <div class="gallery__controls">
                <button
                    type="button"
                    class="gallery__step"
                    aria-label=strings.previous_image
                    disabled=move || current.get() == 0
                    on:click=step_back
                >
                    <Arrow glyph="←" />
                </button>
                <p class="gallery__position" aria-live="polite">
                    {move || position_of(current.get())}
                </p>
                <button
                    type="button"
                    class="gallery__step"
                    aria-label=strings.next_image
                    disabled=move || { current.get() + 1 >= count }
                    on:click=step_forward
                >
                    <Arrow glyph="→" />
                </button>
            </div>
            {caption.map(|caption| view! { <figcaption class="gallery__caption">{caption}</figcaption> })}
        </figure>
    }
}

/// A button's arrow, hidden from screen readers (the button's label says what it does). Its
/// text is a value: an element of literals alone would be built through `innerHTML`, which
/// the viewer never assigns (see `skeleton.rs`).
#[component]
fn Arrow(glyph: &'static str) -> impl IntoView {
    view! { <span aria-hidden="true">{glyph}</span> }
}
