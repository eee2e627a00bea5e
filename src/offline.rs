//! Reading offline, the page's side of the service worker (`src/sw.js`, docs/offline.md):
//! registering it once the page has loaded and settled (or, when the configuration turns it
//! off, removing it and everything it kept), handing it the documents the page loaded before it
//! took control, noticing that a new build's worker has taken over (the next navigation then
//! loads the page whole, from the new build), and reading the articles it saved, for the
//! offline page.
//!
//! Everything goes through `Reflect`: where the browser has no service workers (or the page is
//! not a secure context), `navigator.serviceWorker` is missing, and a binding that assumed it
//! would throw through the wasm.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use folio_model::{ArticleId, Timestamp};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::site::{CONFIG_FILE, Site};

/// The worker's script, at the site's base (its scope is the whole site).
const SERVICE_WORKER: &str = "sw.js";
/// The cache the worker keeps articles in, and the prefix of all of its caches (`src/sw.js`).
const ARTICLES_CACHE: &str = "folio-articles";
const CACHE_PREFIX: &str = "folio-";
/// An id that stands for any article's in the worker's settings.
const ID_PLACEHOLDER: &str = "folio-article-id";
/// How long a page that has loaded sits untouched before the worker is registered.
const QUIET_BEFORE_REGISTERING: Duration = Duration::from_secs(5);
/// What a reader does that shows the page's own loading is over for them.
const READER_EVENTS: [&str; 4] = ["pointerdown", "keydown", "wheel", "touchstart"];

thread_local! {
    /// A new build's worker has taken over from the one this page started under.
    static NEW_VERSION: Cell<bool> = const { Cell::new(false) };
}

/// Registers the site's service worker as the configuration says, or removes it; on Folio's
/// own pages only (an embed's page belongs to another site).
pub fn install(site: &Site) {
    let Some(container) = service_workers() else {
        return;
    };
    let site = site.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // Not in the task that mounts the app, which is long enough on a phone.
        crate::api::next_task().await;
        let done = if site.config.offline.enabled {
            register(&site, &container).await
        } else {
            remove(&site, &container).await
        };
        if let Err(error) = done {
            leptos::logging::warn!("service worker: {error:?}");
        }
    });
}

/// When a new build's worker has taken over, loads `href` whole (from the new build, rather
/// than showing it with this page's code) and returns true; false otherwise.
pub fn load_new_version(href: &str) -> bool {
    if !NEW_VERSION.get() {
        return false;
    }
    window_location_assign(href).is_ok()
}

/// An article the worker saved.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedArticle {
    pub id: ArticleId,
    pub headline: String,
    /// When the saved copy was fetched.
    pub saved: Option<Timestamp>,
}

/// The articles the worker saved, the most recently read first.
pub async fn saved_articles(site: &Site) -> Vec<SavedArticle> {
    read_saved_articles(site).await.unwrap_or_else(|error| {
        leptos::logging::warn!("the saved articles could not be read: {error:?}");
        Vec::new()
    })
}

async fn read_saved_articles(site: &Site) -> Result<Vec<SavedArticle>, JsValue> {
    let caches = Reflect::get(&js_sys::global(), &"caches".into())?;
    if !caches.is_object() {
        return Ok(Vec::new());
    }
    let cache = settle(call(&caches, "open", &[ARTICLES_CACHE.into()])?).await?;
    let requests: Array = settle(call(&cache, "keys", &[])?).await?.dyn_into()?;
    let mut saved = Vec::new();
    for request in requests.iter().rev() {
        let url = Reflect::get(&request, &"url".into())?
            .as_string()
            .unwrap_or_default();
        let Some(id) = site.article_id_at(&url) else {
            continue;
        };
        let response = settle(call(&cache, "match", &[request])?).await?;
        if !response.is_object() {
            continue;
        }
        let headers = Reflect::get(&response, &"headers".into())?;
        let time = call(&headers, "get", &[crate::api::SAVED_HEADER.into()])?
            .as_string()
            .and_then(|time| Timestamp::parse(&time).ok());
        let buffer = settle(call(&response, "arrayBuffer", &[])?).await?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        if let Ok(article) =
            folio_model::decode_article(&bytes, Some(id.as_str()), &site.config.limits)
        {
            saved.push(SavedArticle {
                id,
                headline: article.value.headline,
                saved: time,
            });
        }
    }
    Ok(saved)
}

async fn register(site: &Site, container: &JsValue) -> Result<(), JsValue> {
    // Not in competition with the page's own loading, nor with the reader's first seconds on
    // it: the worker's install reads the whole app shell again and writes it to the cache.
    page_settled().await;
    let script = crate::trusted_types::service_worker_url(&worker_url(site)?)?;
    let options = Object::new();
    Reflect::set(&options, &"scope".into(), &site.absolute("").into())?;
    // The worker takes control of this page once it is active (`clients.claim`): the first time,
    // it then saves what the page loaded before; after that, a new controller is a new build.
    let controlled = Rc::new(Cell::new(has_controller(container)));
    let controller_changed = {
        let controlled = Rc::clone(&controlled);
        Closure::<dyn Fn()>::new(move || {
            if controlled.replace(true) {
                new_version();
            } else {
                let address = web_sys::window().and_then(|window| window.location().href().ok());
                send_keep(crate::api::loaded_urls(), address);
            }
        })
        .into_js_value()
    };
    call(
        container,
        "addEventListener",
        &["controllerchange".into(), controller_changed],
    )?;
    settle(call(container, "register", &[script, options.into()])?).await?;
    Ok(())
}

/// The worker that answers the page's requests, if any.
fn controller(container: &JsValue) -> Option<JsValue> {
    Reflect::get(container, &"controller".into())
        .ok()
        .filter(JsValue::is_object)
}

fn has_controller(container: &JsValue) -> bool {
    controller(container).is_some()
}

/// Whether a worker answers this page's requests.
pub fn is_controlled() -> bool {
    service_workers().is_some_and(|container| has_controller(&container))
}

/// Asks the worker that controls the page to fetch and save `urls`, documents the page loaded
/// without it.
pub fn keep(urls: Vec<String>) {
    send_keep(urls, None);
}

/// `keep`, and with `address` (the page's, loaded before the worker controlled it), asks the
/// worker to learn what the server answers there (when it is the app shell, the worker can
/// answer it itself next time).
fn send_keep(urls: Vec<String>, address: Option<String>) {
    let Some(controller) = service_workers().and_then(|container| controller(&container)) else {
        return;
    };
    let keep = message("folio:keep");
    let urls: Array = urls.into_iter().map(JsValue::from).collect();
    let _ = Reflect::set(&keep, &"urls".into(), &urls);
    if let Some(address) = address {
        let _ = Reflect::set(&keep, &"address".into(), &address.into());
    }
    let _ = call(&controller, "postMessage", &[keep]);
}

/// The worker's address, with the configuration's settings in its query: a new configuration
/// is a new address, so the browser installs the worker again with it.
fn worker_url(site: &Site) -> Result<String, JsValue> {
    let url = web_sys::Url::new(&site.absolute(SERVICE_WORKER))?;
    let settings = url.search_params();
    if let Ok(placeholder) = ArticleId::parse(ID_PLACEHOLDER) {
        if let Some((prefix, suffix)) = split_at_placeholder(&site.article_url(&placeholder)) {
            settings.set("article-prefix", prefix);
            settings.set("article-suffix", suffix);
        }
        if let Some((prefix, _)) = split_at_placeholder(&site.article_page_url(&placeholder)) {
            settings.set("page-prefix", prefix);
        }
    }
    settings.set("content", &site.absolute(&site.config.content.base));
    settings.set("config", &site.absolute(CONFIG_FILE));
    let offline = &site.config.offline;
    settings.set("articles", &offline.articles.to_string());
    settings.set("image-bytes", &offline.image_bytes.to_string());
    Ok(url.href())
}

/// An address made for the placeholder id, as what comes before and after the id.
fn split_at_placeholder(address: &str) -> Option<(&str, &str)> {
    let at = address.find(ID_PLACEHOLDER)?;
    Some((
        address.get(..at)?,
        address.get(at + ID_PLACEHOLDER.len()..)?,
    ))
}

/// A new version has taken over: the next navigation loads it (`<html data-folio-update="ready">`
/// says so to the host page and the tests).
fn new_version() {
    NEW_VERSION.set(true);
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-folio-update", "ready");
    }
}

/// Unregisters the site's worker, if a reader has one, and deletes what it kept.
async fn remove(site: &Site, container: &JsValue) -> Result<(), JsValue> {
    let scope = site.absolute("");
    let registration = settle(call(container, "getRegistration", &[scope.into()])?).await?;
    if registration.is_object() {
        // It keeps answering this page until the page goes: it must save nothing more.
        if let Some(controller) = controller(container) {
            call(&controller, "postMessage", &[message("folio:retire")])?;
        }
        settle(call(&registration, "unregister", &[])?).await?;
    }
    let caches = Reflect::get(&js_sys::global(), &"caches".into())?;
    if caches.is_object() {
        let names: Array = settle(call(&caches, "keys", &[])?).await?.dyn_into()?;
        for name in names.iter() {
            if name
                .as_string()
                .is_some_and(|name| name.starts_with(CACHE_PREFIX))
            {
                settle(call(&caches, "delete", &[name])?).await?;
            }
        }
    }
    Ok(())
}

/// `navigator.serviceWorker`, where the browser has it.
fn service_workers() -> Option<JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    Reflect::get(&navigator, &"serviceWorker".into())
        .ok()
        .filter(JsValue::is_object)
}

/// Resolves once the page has loaded and then either sat untouched for
/// `QUIET_BEFORE_REGISTERING` or been used by the reader (a tap, a key, the wheel).
async fn page_settled() {
    page_loaded().await;
    let Some(window) = web_sys::window() else {
        return;
    };
    let settled = Promise::new(&mut |resolve, _| {
        for event in READER_EVENTS {
            let _ = listen_once(&window, event, &resolve);
        }
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            i32::try_from(QUIET_BEFORE_REGISTERING.as_millis()).unwrap_or(i32::MAX),
        );
    });
    let _ = JsFuture::from(settled).await;
}

/// Resolves once the window's `load` event has fired.
async fn page_loaded() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window
        .document()
        .is_some_and(|document| document.ready_state() == "complete")
    {
        return;
    }
    let loaded = Promise::new(&mut |resolve, _| {
        let _ = listen_once(&window, "load", &resolve);
    });
    let _ = JsFuture::from(loaded).await;
}

fn listen_once(target: &JsValue, event: &str, listener: &JsValue) -> Result<(), JsValue> {
    let options = Object::new();
    Reflect::set(&options, &"once".into(), &true.into())?;
    Reflect::set(&options, &"passive".into(), &true.into())?;
    Reflect::set(&options, &"capture".into(), &true.into())?;
    call(
        target,
        "addEventListener",
        &[event.into(), listener.clone(), options.into()],
    )?;
    Ok(())
}

/// `{ type }`, a message to the worker.
fn message(kind: &str) -> JsValue {
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    message.into()
}

fn window_location_assign(href: &str) -> Result<(), JsValue> {
    match web_sys::window() {
        Some(window) => window.location().assign(href),
        None => Ok(()),
    }
}

/// Calls `target[method](...args)`, returning what it throws as the error.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    function.apply(target, &args.iter().collect::<Array>())
}

/// Awaits a promise (a value that is none is taken as it is).
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    match value.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}
