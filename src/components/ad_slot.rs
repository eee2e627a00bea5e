use folio_model::{AdSize, ArticleId};
use leptos::prelude::*;

/// Where a slot sits, which decides the box it reserves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdPlacement {
    /// Above the headline: 728×90 from 768 px wide, 320×50 below (chosen by CSS, not script).
    Top,
    /// After the body: a medium rectangle.
    Bottom,
    /// An explicit `ad` block in the body.
    InBody(AdSize),
}

impl AdPlacement {
    /// The sizes an ad script may fill this slot with, as `WxH` (or `fluid`).
    fn sizes(self) -> String {
        match self {
            AdPlacement::Top => "728x90 320x50".into(),
            AdPlacement::Bottom => AdSize::MEDIUM_RECTANGLE.to_string(),
            AdPlacement::InBody(size) => size.to_string(),
        }
    }

    /// The style class that reserves the box (see `style/main.css`).
    fn class(self) -> String {
        match self {
            AdPlacement::Top => "ad-slot ad-slot--top".into(),
            AdPlacement::Bottom => format!("ad-slot ad-slot--{}", AdSize::MEDIUM_RECTANGLE),
            AdPlacement::InBody(size) => format!("ad-slot ad-slot--{size}"),
        }
    }
}

/// A labelled advertisement box whose space is reserved before anything fills it, so the page
/// never moves when an ad arrives. The inner container has a DOM id unique to the article and
/// slot, for the publisher's ad script to fill.
#[component]
pub fn AdSlot(
    /// Stable per article and position: `top`, `body-1`, `bottom`.
    #[prop(into)]
    slot_id: String,
    article_id: ArticleId,
    placement: AdPlacement,
) -> impl IntoView {
    let container_id = format!("folio-ad-{article_id}-{slot_id}");
    view! {
        <aside
            class=placement.class()
            aria-label="Advertisement"
            data-slot-id=slot_id
            data-sizes=placement.sizes()
        >
            <span class="ad-slot__label" aria-hidden="true">
                "Advertisement"
            </span>
            <div class="ad-slot__container" id=container_id></div>
        </aside>
    }
}
