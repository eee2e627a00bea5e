//! Folio: a news-article viewer. Article JSON in, a fast, stable, accessible page out.
//!
//! See `ARCHITECTURE.md` for the map: [`site`] knows where the app and its content live,
//! [`api`] is the only module that speaks HTTP, `folio_model` turns bytes into a safe typed
//! article, and [`pages`] and [`components`] turn that into the page.

pub mod api;
mod app;
pub mod components;
mod dates;
pub mod embed;
mod host;
mod i18n;
mod navigation;
pub mod pages;
mod reader;
pub mod site;

pub use app::App;
