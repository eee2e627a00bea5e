//! Folio's protocol with the host page (documented in `docs/ads.md`): the DOM events a
//! publisher's ad and analytics scripts listen for, and the consent hook they set.
//!
//! - `folio:adslot` on a slot's container when it comes within the configured margin of the
//!   viewport (once per slot, and only after consent when consent is required);
//! - `folio:adslot-destroy` on `document` for each announced slot when its article leaves;
//! - `folio:pageview` on `document` for every article shown;
//! - consent: `<html data-folio-consent="granted">`, set before or after Folio starts.
//!
//! Views call [`observe_slot`], [`release_slot`] and [`page_view`]; only this module touches
//! the observers and builds events.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use folio_model::{AdPolicy, AdSize, DESKTOP_MIN_WIDTH_PX};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{
    CustomEvent, CustomEventInit, Element, IntersectionObserver, IntersectionObserverEntry,
    IntersectionObserverInit, MutationObserver, MutationObserverInit,
};

/// What an ad script is told about a slot.
#[derive(Clone, Debug)]
pub struct SlotAnnouncement {
    pub slot_id: String,
    /// The container's DOM id, unique on the page.
    pub div_id: String,
    pub mobile: AdSize,
    pub desktop: AdSize,
    pub sizes: Vec<AdSize>,
    pub article_id: String,
    pub section: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Default)]
struct AdRuntime {
    installed: bool,
    require_consent: bool,
    root_margin: String,
    /// Created with the first slot.
    observer: Option<IntersectionObserver>,
    /// Slots on the page, by container id.
    slots: HashMap<String, (Element, SlotAnnouncement)>,
    announced: HashSet<String>,
    /// Slots that came into view before consent, in the order they did.
    waiting_for_consent: Vec<String>,
    /// Callbacks the observers hold; they live as long as the page.
    _callbacks: Vec<Closure<dyn FnMut(Array, JsValue)>>,
}

thread_local! {
    static ADS: RefCell<AdRuntime> = RefCell::new(AdRuntime::default());
}

/// Applies the ad policy's page-wide settings: the consent hook and the observers' margin.
/// Called by the app, and by every embed; only the first call on a page does anything.
pub fn install(policy: &AdPolicy) {
    if ADS.with_borrow(|ads| ads.installed) {
        return;
    }
    let consent_watcher = policy.require_consent.then(|| {
        let callback = Closure::<dyn FnMut(Array, JsValue)>::new(|_, _| announce_waiting());
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(root)) = (&observer, document().document_element()) {
            let options = MutationObserverInit::new();
            options.set_attribute_filter(&Array::of1(&JsValue::from_str(CONSENT_ATTRIBUTE)));
            let _ = observer.observe_with_options(&root, &options);
        }
        callback
    });
    ADS.with_borrow_mut(|ads| {
        ads.installed = true;
        ads.require_consent = policy.require_consent;
        ads.root_margin = policy.root_margin.clone();
        ads._callbacks.extend(consent_watcher);
    });
}

/// Sets the height a `fluid` slot reserves for everything inside `root` (the document's root
/// element, or an embed's own box); set through the CSSOM, which a strict CSP allows.
pub fn reserve_fluid_height(root: &web_sys::HtmlElement, policy: &AdPolicy) {
    let _ = root.style().set_property(
        "--folio-fluid-height",
        &format!("{}px", policy.fluid_height),
    );
}

const CONSENT_ATTRIBUTE: &str = "data-folio-consent";

fn consent_granted(require_consent: bool) -> bool {
    !require_consent
        || document()
            .document_element()
            .and_then(|root| root.get_attribute(CONSENT_ATTRIBUTE))
            .is_some_and(|value| value == "granted")
}

/// Starts watching a slot's container; it is announced when it nears the viewport.
pub fn observe_slot(container: Element, slot: SlotAnnouncement) {
    ADS.with_borrow_mut(|ads| {
        if ads.observer.is_none() {
            ads.observer = new_intersection_observer(&ads.root_margin, &mut ads._callbacks);
        }
        if let Some(observer) = &ads.observer {
            observer.observe(&container);
        }
        ads.slots.insert(slot.div_id.clone(), (container, slot));
    });
}

/// Stops watching a slot whose article is leaving, and tells the ad script to release it if it
/// was announced.
pub fn release_slot(div_id: &str) {
    let released = ADS.with_borrow_mut(|ads| {
        let (container, slot) = ads.slots.remove(div_id)?;
        if let Some(observer) = &ads.observer {
            observer.unobserve(&container);
        }
        ads.waiting_for_consent.retain(|id| id != div_id);
        ads.announced.remove(div_id).then_some(slot)
    });
    if let Some(slot) = released {
        let detail = Object::new();
        set(&detail, "slotId", &slot.slot_id.into());
        set(&detail, "divId", &slot.div_id.into());
        set(&detail, "articleId", &slot.article_id.into());
        dispatch(&document(), "folio:adslot-destroy", &detail);
    }
}

/// Tells analytics an article is being shown (first load and every client-side navigation).
pub fn page_view(article_id: &str, title: &str, section: Option<&str>) {
    let detail = Object::new();
    set(&detail, "articleId", &article_id.into());
    set(
        &detail,
        "url",
        &web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
            .into(),
    );
    set(&detail, "title", &title.into());
    set(
        &detail,
        "section",
        &section.map_or(JsValue::NULL, JsValue::from_str),
    );
    dispatch(&document(), "folio:pageview", &detail);
}

fn new_intersection_observer(
    root_margin: &str,
    callbacks: &mut Vec<Closure<dyn FnMut(Array, JsValue)>>,
) -> Option<IntersectionObserver> {
    let callback = Closure::<dyn FnMut(Array, JsValue)>::new(|entries: Array, _| {
        let arrived: Vec<String> = entries
            .iter()
            .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
            .filter(IntersectionObserverEntry::is_intersecting)
            .map(|entry| entry.target().id())
            .collect();
        ADS.with_borrow_mut(|ads| {
            for div_id in arrived {
                if let (Some(observer), Some((container, _))) =
                    (&ads.observer, ads.slots.get(&div_id))
                {
                    observer.unobserve(container);
                }
                if !ads.waiting_for_consent.contains(&div_id) {
                    ads.waiting_for_consent.push(div_id);
                }
            }
        });
        announce_waiting();
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(root_margin);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok();
    callbacks.push(callback);
    observer
}

/// Announces every slot that has come into view, once consent allows.
fn announce_waiting() {
    // Collect under the borrow, dispatch after it: listeners run synchronously and may do
    // anything, including things that reach back into this module.
    let ready: Vec<(Element, SlotAnnouncement)> = ADS.with_borrow_mut(|ads| {
        if !consent_granted(ads.require_consent) {
            return Vec::new();
        }
        let waiting = std::mem::take(&mut ads.waiting_for_consent);
        waiting
            .into_iter()
            .filter_map(|div_id| {
                let slot = ads.slots.get(&div_id)?.clone();
                ads.announced.insert(div_id).then_some(slot)
            })
            .collect()
    });
    let desktop = web_sys::window()
        .and_then(|w| {
            w.match_media(&format!("(min-width: {DESKTOP_MIN_WIDTH_PX}px)"))
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches());
    for (container, slot) in ready {
        let detail = Object::new();
        set(&detail, "slotId", &slot.slot_id.as_str().into());
        let sizes = match slot.sizes.as_slice() {
            [AdSize::Fluid] => JsValue::from_str("fluid"),
            sizes => sizes
                .iter()
                .map(|size| size_value(*size))
                .collect::<Array>()
                .into(),
        };
        set(&detail, "sizes", &sizes);
        set(
            &detail,
            "size",
            &size_value(if desktop { slot.desktop } else { slot.mobile }),
        );
        set(&detail, "articleId", &slot.article_id.as_str().into());
        set(
            &detail,
            "section",
            &slot
                .section
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        );
        let tags: Array = slot.tags.iter().map(|tag| JsValue::from_str(tag)).collect();
        set(&detail, "tags", &tags);
        dispatch(&container, "folio:adslot", &detail);
    }
}

/// `[width, height]` as Google Publisher Tag takes it, or `"fluid"`.
fn size_value(size: AdSize) -> JsValue {
    match size {
        AdSize::Fixed { width, height } => Array::of2(&width.into(), &height.into()).into(),
        AdSize::Fluid => JsValue::from_str("fluid"),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// Dispatches a bubbling `CustomEvent` that also crosses shadow roots (for embeds).
fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &Object) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

fn document() -> web_sys::Document {
    leptos::prelude::document()
}
