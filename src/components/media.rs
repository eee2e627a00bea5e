use folio_model::{Audio, Track, Video};
use leptos::prelude::*;

use crate::components::{CaptionAndCredit, FigureCaption};
use crate::site::use_site;

/// A sound file under its title and length, with the browser's own controls. Nothing loads
/// until the reader presses play (`preload="none"`); the player's box is the browser's, fixed.
#[component]
pub fn AudioView(audio: Audio) -> impl IntoView {
    let Audio {
        src,
        mime_type,
        title,
        duration_seconds,
        caption,
        credit,
    } = audio;
    // Content paths are relative to the site, which is not the page's base in an embed.
    let src = use_site().absolute(&src);
    view! {
        <figure class="audio">
            <figcaption>
                <span class="audio__title">{title.clone()}</span>
                {duration_seconds
                    .map(|seconds| view! { <span class="audio__duration">{clock(seconds)}</span> })}
                <CaptionAndCredit caption credit />
            </figcaption>
            <audio controls preload="none" aria-label=title>
                <source src=src type=mime_type />
            </audio>
        </figure>
    }
}

/// A video file with the browser's own controls, its box reserved from `width` and `height`,
/// its poster shown until the reader presses play; nothing else loads before that.
#[component]
pub fn VideoView(video: Video) -> impl IntoView {
    let Video {
        src,
        mime_type,
        poster,
        width,
        height,
        tracks,
        caption,
        credit,
    } = video;
    let site = use_site();
    let src = site.absolute(&src);
    let poster = poster.map(|poster| site.absolute(&poster));
    let tracks = tracks
        .into_iter()
        .map(|track| {
            let Track {
                src,
                kind,
                language,
                label,
                default,
            } = track;
            view! { <track kind=kind src=site.absolute(&src) srclang=language label=label default=default /> }
        })
        .collect_view();
    view! {
        <figure class="video">
            <video controls preload="none" poster=poster width=width height=height>
                <source src=src type=mime_type />
                {tracks}
            </video>
            <FigureCaption caption credit />
        </figure>
    }
}

/// `3:05`, or `1:02:03` from an hour: a recording's length as players show it.
fn clock(seconds: u32) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn lengths_read_like_a_players() {
        assert_eq!(clock(5), "0:05");
        assert_eq!(clock(185), "3:05");
        assert_eq!(clock(3723), "1:02:03");
    }
}
