//! `.folio-prerender.json`: what each page of the last run was made from, beside the pages.
//!
//! For each page (by its path under the site): the key of its inputs (the document's
//! fingerprint, the configuration, the app shell, the address and this build of Folio, see
//! `mod.rs`), the stamp and fingerprint of its document's file, so that an unchanged file costs
//! a `stat` and not a read (`crate::incremental`), and, for a listing page, when its newest
//! article last changed (for the sitemap, without decoding it again).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::incremental::FileStamp;

pub const MANIFEST: &str = ".folio-prerender.json";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub key: String,
    pub stamp: Option<FileStamp>,
    pub source: u64,
    pub newest: Option<String>,
}

#[derive(Default, Serialize, Deserialize)]
pub struct Manifest {
    pub pages: BTreeMap<String, Record>,
}

impl Manifest {
    /// The last run's manifest; empty when there is none or it cannot be read (then every page
    /// is made again).
    pub fn read(site: &Path) -> Manifest {
        fs::read(site.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn write(&self, site: &Path) -> Result<()> {
        fs::write(site.join(MANIFEST), serde_json::to_vec(self)?)?;
        Ok(())
    }
}
