//! `folio`: the publisher's command line. Parsing only; the commands live in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use folio_cli::content::ContentFolder;
use folio_cli::{check, import, listings, prerender, serve};

/// Folio's publishing tools: get articles in, keep the content folder right, preview and
/// prerender the site.
#[derive(Parser)]
#[command(name = "folio", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert articles from another system into article JSON in <CONTENT>/articles/, then
    /// rebuild the index. Inputs are files: save API answers and feeds with curl first.
    Import {
        format: import::Format,
        /// The files to read (an API answer, a feed, Markdown files, saved pages).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The content folder (holds articles/ and index.json).
        #[arg(long)]
        content: PathBuf,
        /// Replace existing articles that differ from the imported ones.
        #[arg(long)]
        force: bool,
        /// The box, e.g. 1200x675, for images whose size the source does not give (without it
        /// such images are left out, each with a note).
        #[arg(long, value_name = "WxH", value_parser = parse_size)]
        image_size: Option<(u32, u32)>,
        /// The articles' language (a BCP 47 tag such as en or ar) when the source does not
        /// say; WordPress and Ghost answers never do.
        #[arg(long, value_name = "TAG", value_parser = parse_language)]
        language: Option<String>,
    },
    /// Rebuild the listings from the articles: <CONTENT>/index.json (the front page) and its
    /// older pages, and the pages of every section, tag and author. Only changed files are
    /// written.
    Index {
        #[arg(long)]
        content: PathBuf,
        /// Articles per listing page (a listing's first page holds up to twice as many, less one).
        #[arg(long, default_value_t = listings::DEFAULT_PAGE_SIZE, value_parser = clap::value_parser!(u16).range(1..))]
        page_size: u16,
        /// Leave out articles that cannot be read instead of stopping (each is listed).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Write a valid starter article, <CONTENT>/articles/<ID>.json, to edit.
    New {
        /// The article's id and file name: a-z, 0-9 and -.
        id: String,
        #[arg(long)]
        content: PathBuf,
    },
    /// Check article and index documents against the format, as the viewer reads them.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a static entry page for every article and listing page, the sitemaps, the feeds
    /// and robots.txt into a built site; pages whose inputs did not change are not written again.
    Prerender {
        /// The site's public address, ending in its base path: https://example.org/news/
        #[arg(long)]
        site_url: String,
        /// The built site.
        #[arg(long, default_value = "dist")]
        site: PathBuf,
        /// The content folder (default: the site's content/).
        #[arg(long)]
        content: Option<PathBuf>,
        /// Leave out documents that cannot be read instead of stopping (each is listed).
        #[arg(long)]
        skip_invalid: bool,
        /// Entries in the site's feed and in each section's.
        #[arg(long, default_value_t = prerender::DEFAULT_FEED_ENTRIES)]
        feed_entries: usize,
    },
    /// Serve a built site on 127.0.0.1, with any content folder in place of its own.
    Serve {
        site: PathBuf,
        #[arg(long)]
        content: Option<PathBuf>,
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    text.split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)))
        .filter(|&(w, h)| (1..=20_000).contains(&w) && (1..=20_000).contains(&h))
        .ok_or_else(|| format!("{text:?} is not a size like 1200x675"))
}

fn parse_language(text: &str) -> Result<String, String> {
    folio_model::Language::parse(text).map(|language| language.tag)
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command; `Ok(false)` when it finished but something failed (already reported).
fn run(command: Command) -> Result<bool> {
    match command {
        Command::Import {
            format,
            inputs,
            content,
            force,
            image_size,
            language,
        } => {
            let folder = ContentFolder::new(content);
            let options = import::Options {
                force,
                image_size,
                language,
            };
            let reports = import::run(format, &inputs, &folder, &options)?;
            let summary = import::Summary::of(&reports);
            println!("\n{summary}");
            let index_ok = write_index(&folder, listings::DEFAULT_PAGE_SIZE, false)?;
            Ok(summary.failed == 0 && index_ok)
        }
        Command::Index {
            content,
            page_size,
            skip_invalid,
        } => write_index(&ContentFolder::new(content), page_size, skip_invalid),
        Command::New { id, content } => {
            let folder = ContentFolder::new(content);
            let path = folio_cli::content::new_article(&folder, &id)?;
            println!(
                "Wrote {}: edit it, then run `folio index --content {}`",
                path.display(),
                folder.root().display()
            );
            Ok(true)
        }
        Command::Check { files } => check::check_files(&files),
        Command::Prerender {
            site_url,
            site,
            content,
            skip_invalid,
            feed_entries,
        } => {
            let prerendered = prerender::run(&prerender::Options {
                site,
                content,
                site_url,
                skip_invalid,
                feed_entries,
            })?;
            Ok(prerendered.skipped.is_empty())
        }
        Command::Serve {
            site,
            content,
            port,
        } => {
            serve::preview(&site, content.as_deref(), port)?;
            Ok(true)
        }
    }
}

fn write_index(folder: &ContentFolder, page_size: u16, skip_invalid: bool) -> Result<bool> {
    let report = folder
        .rebuild_index(usize::from(page_size), skip_invalid)
        .context("rebuilding the listings")?;
    for (file, reason) in &report.unreadable {
        println!("{}: {reason}", file.display());
    }
    if !report.written {
        bail!(
            "{} not rebuilt: {} article(s) cannot be read (fix them, or run `folio index \
             --skip-invalid` to leave them out)",
            folder.index_path().display(),
            report.unreadable.len()
        );
    }
    for (listing, names) in &report.shared {
        println!(
            "note: {} share the page {}; it is titled {}, as the newest article spells it",
            names
                .iter()
                .map(|name| format!("{name:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            listing.route(None),
            names
                .first()
                .map(|name| format!("{name:?}"))
                .unwrap_or_default()
        );
    }
    println!(
        "{} lists {} articles; {} listings, {} documents written, {} removed{}",
        folder.index_path().display(),
        report.listed,
        report.listings,
        report.documents_written,
        report.documents_removed,
        if report.unreadable.is_empty() {
            String::new()
        } else {
            format!("; left out {} that cannot be read", report.unreadable.len())
        }
    );
    Ok(report.unreadable.is_empty())
}
