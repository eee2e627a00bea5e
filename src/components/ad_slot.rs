use folio_model::{AdSize, AdSlotSpec};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use send_wrapper::SendWrapper;

use crate::deferred::after_this_task;
use crate::embed::use_embedding;
use crate::host::{self, SlotAnnouncement};
use crate::i18n::use_strings;

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
/// announced size fits exactly. In a `<folio-article>` the container must be in the host's
/// document, where its ad script looks ids up: it goes in the element's light DOM, and the
/// shadow tree shows it through a `<slot>` in the reserved box.
#[component]
pub fn AdSlot(spec: AdSlotSpec, targeting: AdTargeting) -> impl IntoView {
    let label = use_strings().advertisement;
    let spec_ordinal = spec.ordinal;
    let embedding = use_embedding();
    let prefix = embedding
        .as_ref()
        .map_or("", |embedding| embedding.id_prefix.as_str());
    let div_id = format!("{prefix}folio-ad-{}-{}", targeting.article_id, spec.id);
    let class = format!(
        "ad-slot ad-slot--m-{} ad-slot--d-{}",
        spec.mobile, spec.desktop
    );
    let sizes = spec.sizes();
    // The slot's facts for the ad script, as the container's `data-` attributes (an absent
    // section is no attribute).
    let facts: [(&'static str, Option<String>); 7] = [
        ("data-slot-id", Some(spec.id.clone())),
        (
            "data-sizes",
            Some(
                sizes
                    .iter()
                    .map(AdSize::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ),
        ("data-size-mobile", Some(spec.mobile.to_string())),
        ("data-size-desktop", Some(spec.desktop.to_string())),
        ("data-article-id", Some(targeting.article_id.clone())),
        ("data-tags", Some(targeting.tags.join(","))),
        ("data-section", targeting.section.clone()),
    ];
    let announcement = SlotAnnouncement {
        slot_id: spec.id,
        div_id: div_id.clone(),
        mobile: spec.mobile,
        desktop: spec.desktop,
        sizes,
        article_id: targeting.article_id,
        section: targeting.section,
        tags: targeting.tags,
    };
    let light_host = embedding.and_then(|embedding| embedding.ad_host);
    let released = div_id.clone();
    let container = match light_host {
        None => {
            let container = NodeRef::<leptos::html::Div>::new();
            // The container is in place by then: the view is built.
            after_this_task(move || {
                if let Some(element) = container.try_get_untracked().flatten() {
                    host::observe_slot(element.into(), announcement);
                }
            });
            on_cleanup(move || host::release_slot(&released));
            // In the markup itself, so a page written at build time carries them too.
            let [a, b, c, d, e, f, g] = facts.map(|(name, value)| custom_attribute(name, value));
            Either::Left(view! {
                <div
                    {..(a, b, c, d, e, f, g)}
                    class="ad-slot__container"
                    id=div_id
                    node_ref=container
                ></div>
            })
        }
        Some(light_host) => {
            let container = document().create_element("div").ok();
            if let Some(element) = &container {
                element.set_id(&div_id);
                let _ = element.set_attribute("slot", &div_id);
                for (name, value) in &facts {
                    if let Some(value) = value {
                        let _ = element.set_attribute(name, value);
                    }
                }
                let _ = light_host.append_child(element);
                host::observe_slot(element.clone(), announcement);
            }
            let container = SendWrapper::new(container);
            on_cleanup(move || {
                host::release_slot(&released);
                if let Some(element) = container.take() {
                    element.remove();
                }
            });
            Either::Right(view! { <slot class="ad-slot__container" name=div_id></slot> })
        }
    };

    view! {
        <aside class=class aria-label=format!("{label} {}", spec_ordinal)>
            <span class="ad-slot__label" aria-hidden="true">
                {label}
            </span>
            {container}
        </aside>
    }
}
