//! Folio: a news-article viewer. Article JSON in, a fast, stable, accessible page out.
//!
//! See `ARCHITECTURE.md` for the map: [`site`] knows where the app and its content live,
//! [`api`] is the only module that speaks HTTP, `folio_model` turns bytes into a safe typed
//! article, and [`pages`] and [`components`] turn that into the page.

// The article page's view type nests deeply (rustc's default of 128 is not enough for it).
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
mod deferred;
pub mod embed;
mod host;
mod i18n;
mod live;
mod navigation;
mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
mod reader;
mod router;
pub mod site;
mod takeover;
mod trusted_types;
mod wrapped_view;

pub use app::{App, start};
