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
use serde_json::{Value, json};

use crate::incremental::FileStamp;

pub const MANIFEST: &str = ".folio-prerender.json";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub key: String,
    pub stamp: Option<FileStamp>,
    pub source: u64,
    pub newest: Option<String>,
}

#[derive(Default)]
pub struct Manifest {
    pub pages: BTreeMap<String, Record>,
}

impl Manifest {
    /// The last run's manifest; empty when there is none or it cannot be read.
    pub fn read(site: &Path) -> Manifest {
        let value: Option<Value> = fs::read(site.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let pages = value
            .as_ref()
            .and_then(|value| value.get("pages")?.as_object())
            .into_iter()
            .flatten()
            .filter_map(|(output, record)| {
                let record = Record {
                    key: record.get("key")?.as_str()?.to_string(),
                    stamp: record
                        .get("stamp")
                        .and_then(Value::as_str)
                        .map(|stamp| FileStamp::parse(stamp.to_string())),
                    source: record
                        .get("source")
                        .and_then(Value::as_str)
                        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                        .unwrap_or_default(),
                    newest: record
                        .get("newest")
                        .and_then(Value::as_str)
                        .map(String::from),
                };
                Some((output.clone(), record))
            })
            .collect();
        Manifest { pages }
    }

    pub fn write(&self, site: &Path) -> Result<()> {
        let pages: serde_json::Map<String, Value> = self
            .pages
            .iter()
            .map(|(output, record)| {
                let record = json!({
                    "key": record.key,
                    "stamp": record.stamp.as_ref().map(FileStamp::as_str),
                    "source": format!("{:016x}", record.source),
                    "newest": record.newest,
                });
                (output.clone(), record)
            })
            .collect();
        fs::write(
            site.join(MANIFEST),
            serde_json::to_vec(&json!({ "pages": pages }))?,
        )?;
        Ok(())
    }
}
