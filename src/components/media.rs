use folio_model::{Audio, HostedVideo, Href, Strings, Track, Video, url_host};
use leptos::either::Either;
use leptos::html::Iframe;
use leptos::prelude::*;

use crate::components::{CaptionAndCredit, FigureCaption, Link};
use crate::i18n::use_strings;
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

/// A video on a platform the site allows (`video.players` in the configuration): its poster
/// and a play button, and the platform's player frame only once the reader presses it, so
/// nothing of the platform loads before (but the poster, if it is there). A player the site
/// does not allow is a link to the video. Either way the box is reserved from `width` and
/// `height`, by an empty canvas of those proportions (a replaced element keeps its ratio at
/// any width, in the static page too; one without a context has no pixels to hold).
#[component]
pub fn HostedVideoView(video: HostedVideo) -> impl IntoView {
    let HostedVideo {
        player,
        title,
        poster,
        width,
        height,
        caption,
        credit,
    } = video;
    let site = use_site();
    let strings = use_strings();
    let host = url_host(&player).unwrap_or_default().to_string();
    let poster = poster.map(|poster| {
        let poster = site.absolute(&poster);
        view! { <img class="hosted-video__poster" src=poster alt="" loading="lazy" decoding="async" /> }
    });
    let inside = if site.config.video.allows(&player) {
        let playing = RwSignal::new(false);
        let frame = NodeRef::<Iframe>::new();
        // The reader pressed play: the keyboard goes on in the player.
        Effect::new(move || {
            if let Some(frame) = frame.get() {
                let _ = frame.focus();
            }
        });
        let label = Strings::fill(strings.play_video, &title);
        let source = Strings::fill(strings.video_loads_from, &host);
        // The reader has asked for it: the platforms' players start on `autoplay=1`.
        let separator = if player.contains('?') { '&' } else { '?' };
        let player = format!("{player}{separator}autoplay=1");
        Either::Left(move || {
            if playing.get() {
                Either::Left(view! {
                    <iframe
                        node_ref=frame
                        class="hosted-video__player"
                        src=player.clone()
                        title=title.clone()
                        allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
                        allowfullscreen=true
                        referrerpolicy="strict-origin-when-cross-origin"
                        sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
                    ></iframe>
                })
            } else {
                Either::Right(view! {
                    {poster.clone()}
                    <button class="hosted-video__play" type="button" on:click=move |_| playing.set(true)>
                        <span class="hosted-video__label">{label.clone()}</span>
                        <span class="hosted-video__source">{source.clone()}</span>
                    </button>
                })
            }
        })
    } else {
        let label = Strings::fill(strings.watch_video_on, &host);
        Either::Right(view! {
            {poster}
            <Link href=Href::Url(player)>
                <span class="hosted-video__label">{title}</span>
                <span class="hosted-video__source">{label}</span>
            </Link>
        })
    };
    let common = greatest_common_divisor(width, height);
    let (ratio_width, ratio_height) = (width / common, height / common);
    view! {
        <figure class="hosted-video">
            <div class="hosted-video__box">
                <canvas
                    class="hosted-video__sizer"
                    width=ratio_width
                    height=ratio_height
                    aria-hidden="true"
                ></canvas>
                {inside}
            </div>
            <FigureCaption caption credit />
        </figure>
    }
}

fn greatest_common_divisor(a: u32, b: u32) -> u32 {
    if b == 0 {
        a.max(1)
    } else {
        greatest_common_divisor(b, a % b)
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
    fn a_hosted_videos_box_keeps_its_ratio_in_small_numbers() {
        assert_eq!(super::greatest_common_divisor(1920, 1080), 120);
        assert_eq!(super::greatest_common_divisor(16, 9), 1);
        assert_eq!(super::greatest_common_divisor(7, 0), 7);
    }

    #[test]
    fn lengths_read_like_a_players() {
        assert_eq!(clock(5), "0:05");
        assert_eq!(clock(185), "3:05");
        assert_eq!(clock(3723), "1:02:03");
    }
}
