use folio_model::{AdSize, AdSlotSpec};
use leptos::prelude::*;

use crate::host::{self, SlotAnnouncement};

/// What every slot of an article tells the ad script besides its own size: for targeting.
#[derive(Clone, Debug)]
pub struct AdTargeting {
    pub article_id: String,
    pub section: Option<String>,
    pub tags: Vec<String>,
}

/// A labelled advertisement box whose space is reserved (by CSS, per breakpoint) before
/// anything fills it, so the page never moves when an ad arrives.
///
/// The inner container is what an ad script fills: it has a DOM id unique on the page, carries
/// the slot's facts as `data-` attributes, and receives `folio:adslot` when it nears the
/// viewport. The label and the house placeholder stay out of its flow, so a creative of the
/// announced size fits exactly.
#[component]
pub fn AdSlot(spec: AdSlotSpec, targeting: AdTargeting) -> impl IntoView {
    let div_id = format!("folio-ad-{}-{}", targeting.article_id, spec.id);
    let class = format!(
        "ad-slot ad-slot--m-{} ad-slot--d-{}",
        spec.mobile, spec.desktop
    );
    let sizes = spec.sizes();
    let data_sizes = sizes
        .iter()
        .map(AdSize::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let announcement = SlotAnnouncement {
        slot_id: spec.id.clone(),
        div_id: div_id.clone(),
        mobile: spec.mobile,
        desktop: spec.desktop,
        sizes,
        article_id: targeting.article_id.clone(),
        section: targeting.section.clone(),
        tags: targeting.tags.clone(),
    };

    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |observed: Option<bool>| {
        if observed == Some(true) {
            return true;
        }
        match container.try_get().flatten() {
            Some(element) => {
                host::observe_slot(element.into(), announcement.clone());
                true
            }
            None => false,
        }
    });
    let released = div_id.clone();
    on_cleanup(move || host::release_slot(&released));

    view! {
        <aside class=class aria-label="Advertisement">
            <span class="ad-slot__label" aria-hidden="true">
                "Advertisement"
            </span>
            <div
                class="ad-slot__container"
                id=div_id
                node_ref=container
                data-slot-id=spec.id
                data-sizes=data_sizes
                data-size-mobile=spec.mobile.to_string()
                data-size-desktop=spec.desktop.to_string()
                data-article-id=targeting.article_id
                data-section=targeting.section
                data-tags=targeting.tags.join(",")
            ></div>
        </aside>
    }
}
