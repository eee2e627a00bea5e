//! What `folio index` and `folio prerender` keep for their next run, so that an unchanged input
//! costs a `stat`, not a read: which build wrote it, and each input file's [`FileStamp`]. As
//! git's index does, a file whose size and modification time are those recorded is taken as
//! unchanged; any other is read, and its content fingerprint decides.

use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// Which build of Folio this is: another build may read or render the same input differently,
/// so what it kept is not used. The program's size and time tell builds apart without reading
/// it.
pub fn this_build() -> String {
    let program = std::env::current_exe().and_then(fs::metadata).ok();
    let modified = program
        .as_ref()
        .and_then(|program| program.modified().ok())
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        program.map_or(0, |program| program.len()),
        modified.as_nanos()
    )
}

/// A file's size and modification time, as recorded: `"<bytes>:<nanoseconds>"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp(String);

impl FileStamp {
    pub fn of(file: &Path) -> Option<FileStamp> {
        let metadata = fs::metadata(file).ok()?;
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(FileStamp(format!(
            "{}:{}",
            metadata.len(),
            modified.as_nanos()
        )))
    }

    pub fn parse(text: String) -> FileStamp {
        FileStamp(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
