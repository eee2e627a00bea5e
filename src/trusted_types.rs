//! Trusted Types: how the viewer keeps working under `require-trusted-types-for 'script'`, the
//! policy careful publishers add against DOM XSS (deploy/nginx.conf ships it).
//!
//! The viewer builds the page from typed elements and text nodes and never hands a string to an
//! HTML sink (`cargo xtask dist` refuses a build whose JS glue imports one). One string does go
//! to a script sink: the JSON-LD in the `<head>`, whose text a `<script>` element holds. The
//! `folio` policy here accepts only text that parses as JSON, which does nothing when run as a
//! script, so the policy is no way around the rule. And one URL goes to a script-URL sink:
//! the service worker's (`offline.rs`), which the policy accepts only for the site's own
//! `sw.js`.

use std::cell::OnceCell;

use js_sys::{Function, JSON, Object, Reflect};
use wasm_bindgen::prelude::*;

/// The policy's name; the CSP's `trusted-types` directive lists it.
const POLICY: &str = "folio";

thread_local! {
    /// The `folio` policy, made on first use; `None` where the browser has no Trusted Types or
    /// the page's policy does not allow ours.
    static FOLIO_POLICY: OnceCell<Option<JsValue>> = const { OnceCell::new() };
}

/// Sets a `<script type="application/ld+json">`'s text to `json`. An error if `json` is not JSON
/// or the page's policy refuses it; the caller then leaves the element out.
pub fn set_json_script_text(script: &web_sys::Element, json: &str) -> Result<(), JsValue> {
    let text = match FOLIO_POLICY.with(|policy| policy.get_or_init(create_policy).clone()) {
        Some(policy) => {
            let create_script: Function =
                Reflect::get(&policy, &"createScript".into())?.dyn_into()?;
            create_script.call1(&policy, &json.into())?
        }
        None => json.into(),
    };
    // Through `Reflect`, which returns the setter's exception (web-sys's `set_text_content` would
    // throw it through the wasm instead).
    Reflect::set(script, &"textContent".into(), &text)?;
    Ok(())
}

/// `url` as the value `navigator.serviceWorker.register` takes under the page's policy: a
/// `TrustedScriptURL` where the browser has Trusted Types, else the string. An error for any
/// URL but a `sw.js` on the page's own origin.
pub fn service_worker_url(url: &str) -> Result<JsValue, JsValue> {
    match FOLIO_POLICY.with(|policy| policy.get_or_init(create_policy).clone()) {
        Some(policy) => {
            let create_script_url: Function =
                Reflect::get(&policy, &"createScriptURL".into())?.dyn_into()?;
            create_script_url.call1(&policy, &url.into())
        }
        None if is_service_worker_url(url) => Ok(url.into()),
        None => Err("not Folio's service worker".into()),
    }
}

/// Whether `url` is a `sw.js` on the page's origin.
fn is_service_worker_url(url: &str) -> bool {
    let Ok(parsed) = web_sys::Url::new(url) else {
        return false;
    };
    let page_origin = web_sys::window().and_then(|window| window.location().origin().ok());
    Some(parsed.origin()) == page_origin && parsed.pathname().ends_with("/sw.js")
}

fn create_policy() -> Option<JsValue> {
    let trusted_types = Reflect::get(&js_sys::global(), &"trustedTypes".into()).ok()?;
    if trusted_types.is_undefined() {
        return None;
    }
    let create_policy: Function = Reflect::get(&trusted_types, &"createPolicy".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let rules = Object::new();
    let accept_json = Closure::<dyn Fn(String) -> Result<JsValue, JsValue>>::new(|text: String| {
        JSON::parse(&text).map(|_| JsValue::from(text))
    });
    Reflect::set(&rules, &"createScript".into(), &accept_json.into_js_value()).ok()?;
    let accept_service_worker =
        Closure::<dyn Fn(String) -> Result<JsValue, JsValue>>::new(|url: String| {
            if is_service_worker_url(&url) {
                Ok(url.into())
            } else {
                Err("not Folio's service worker".into())
            }
        });
    Reflect::set(
        &rules,
        &"createScriptURL".into(),
        &accept_service_worker.into_js_value(),
    )
    .ok()?;
    create_policy
        .call2(&trusted_types, &POLICY.into(), &rules)
        .ok()
}
