//! `folio`, the publisher's command: getting content into Folio's format and keeping a content
//! folder right (`import`, `index`, `new`, `check`), and turning a built site into static entry
//! pages and a local preview (`prerender`, `serve`). The binary (`main.rs`) only parses the
//! command line; everything here is a library so that Folio's own build and tests (`cargo
//! xtask`) run exactly the code publishers run.

pub mod check;
pub mod compress;
pub mod content;
pub mod import;
pub mod listings;
pub mod parallel;
pub mod prerender;
pub mod serve;

/// Which build of Folio this is, for what a run keeps for the next (`folio index`'s summaries,
/// `folio prerender`'s page inputs): another build may read or render the same input
/// differently. The program's size and time tell builds apart without reading it.
pub(crate) fn this_build() -> String {
    let program = std::env::current_exe().and_then(std::fs::metadata).ok();
    let built = program
        .as_ref()
        .and_then(|program| program.modified().ok())
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        program.map_or(0, |program| program.len()),
        built.as_nanos()
    )
}
