//! `folio`, the publisher's command: getting content into Folio's format and keeping a content
//! folder right (`import`, `index`, `new`, `check`), and turning a built site into static entry
//! pages and a local preview (`prerender`, `serve`). The binary (`main.rs`) only parses the
//! command line; everything here is a library so that Folio's own build and tests (`cargo
//! xtask`) run exactly the code publishers run.

pub mod check;
pub mod compress;
pub mod content;
pub mod import;
mod incremental;
pub mod listings;
pub mod parallel;
pub mod prerender;
pub mod serve;
