//! An archive made from the sample articles, for the tests' listing pages and the scale bench
//! (`cargo xtask bench --archive N`): article `n` is sample `n % samples` under its own id, published
//! `n` × 37 minutes before the newest, with its section, tags and authors, so every listing
//! fills in proportion.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use folio_cli::compress::{self, Effort};
use folio_cli::content::{ContentFolder, Written};
use folio_cli::parallel;
use folio_model::{Article, ArticleId, Limits, Timestamp, decode_article};

use crate::setup::{self, run as run_command};
use crate::{dist, project_root};

/// The newest generated article's publication time.
const NEWEST: i64 = 1_795_000_000; // 2026-11-18

/// Writes `count` articles into `content/articles/` (and the samples' images into
/// `content/images/`), through the same checked writer `folio import` uses.
pub fn generate(content: &Path, count: usize) -> Result<()> {
    let samples_dir = project_root().join("public/content");
    let mut samples: Vec<Article> = Vec::new();
    let mut files: Vec<_> = fs::read_dir(samples_dir.join("articles"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for file in files {
        let bytes = fs::read(&file)?;
        let article = decode_article(&bytes, None, &Limits::default())
            .map_err(|rejected| anyhow::anyhow!("{}: {rejected:?}", file.display()))?;
        samples.push(article.value);
    }
    if samples.is_empty() {
        bail!("no sample articles in {}", samples_dir.display());
    }
    let images = content.join("images");
    fs::create_dir_all(&images)?;
    for image in fs::read_dir(samples_dir.join("images"))? {
        let image = image?.path();
        if let Some(name) = image.file_name() {
            fs::copy(&image, images.join(name))?;
        }
    }
    let folder = ContentFolder::new(content);
    let numbers: Vec<usize> = (0..count).collect();
    let written = parallel::map(&numbers, |&n| -> Result<()> {
        let sample = &samples[n % samples.len()];
        let article = copy_of(sample, n)?;
        match folder.write_article(&article, true)? {
            Written::Created | Written::Replaced | Written::Unchanged => Ok(()),
            Written::Kept => bail!("{} was kept", article.id),
        }
    });
    written.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(())
}

/// Sample `sample` as archive article `n`.
pub fn copy_of(sample: &Article, n: usize) -> Result<Article> {
    let id = ArticleId::parse(&format!("{}-{n}", sample.id)).map_err(anyhow::Error::msg)?;
    let seconds = NEWEST - i64::try_from(n)? * 37 * 60;
    let published = chrono::DateTime::from_timestamp(seconds, 0)
        .context("a date in range")?
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Article {
        id,
        headline: format!("{} ({})", sample.headline, n + 1),
        published: Timestamp::parse(&published).map_err(anyhow::Error::msg)?,
        updated: None,
        corrections: Vec::new(),
        ..sample.clone()
    })
}

/// `cargo xtask bench --archive N`: an archive of `count` articles through the publisher's
/// build (`folio index`, `folio prerender`, the real binary in a child process), in full and
/// after one article changed, against the budgets of issue "A newsroom's archive".
pub fn bench(count: usize) -> Result<()> {
    let root = project_root();
    setup::wasm_target()?;
    setup::npm_packages()?;
    let out = root.join("target/bench/archive");
    let site = dist::build(&dist::Options {
        out_dir: out.join("site"),
        ..dist::Options::default()
    })?;
    println!("\nBuilding the folio command…");
    run_command(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&root)
            .args([
                "build",
                "--profile",
                "xtask",
                "-p",
                "folio-cli",
                "--bin",
                "folio",
            ]),
    )?;
    let folio = root.join("target/xtask/folio");

    let content = site.join("content");
    fs::remove_dir_all(&content)?;
    println!("Generating {count} articles…");
    let started = Instant::now();
    generate(&content, count)?;
    println!("  {:.1} s", started.elapsed().as_secs_f64());
    let site_url = "https://news.example.org/";
    let site_arg = site.display().to_string();
    let content_arg = content.display().to_string();
    let index = ["index", "--content", content_arg.as_str()];
    let prerender = [
        "prerender",
        "--site",
        site_arg.as_str(),
        "--site-url",
        site_url,
    ];

    println!("Full build…");
    let full_index = measure(&folio, &index)?;
    let full_prerender = measure(&folio, &prerender)?;
    let bytes_written = folder_bytes(&site)?
        - folder_bytes(&content.join("articles"))?
        - folder_bytes(&content.join("images"))?;

    // A correction to an article in the middle of the archive: its page, and the listing
    // pages that hold it, change.
    let changed = {
        let mut files: Vec<_> = fs::read_dir(content.join("articles"))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.sort();
        files.get(files.len() / 2).cloned().context("no articles")?
    };
    let mut article = decode_article(&fs::read(&changed)?, None, &Limits::default())
        .map_err(|rejected| anyhow::anyhow!("{rejected:?}"))?
        .value;
    article.headline.push_str(" (corrected)");
    ContentFolder::new(&content).write_article(&article, true)?;
    println!("After changing {}…", changed.display());
    let again_index = measure(&folio, &index)?;
    let again_prerender = measure(&folio, &prerender)?;

    let front = fs::read(content.join("index.json"))?;
    let largest_listing = largest_listing_document(&content)?;
    let largest = fs::read(&largest_listing)?;
    let brotli = |bytes: &[u8]| compress::brotli(bytes, Effort::Smallest).map(|b| b.len());
    let front_page_html = fs::read(site.join("index.html.br"))?.len();
    let (sitemaps, most_urls) = sitemap_files(&site)?;
    let feed = fs::read_to_string(site.join("feed.xml"))?;
    let feed_entries = feed.matches("<entry>").count();

    let seconds = |run: &Run| format!("{:.1} s", run.elapsed.as_secs_f64());
    let megabytes = |bytes: u64| format!("{:.0} MB", bytes as f64 / 1e6);
    let rows = [
        ("articles", count.to_string(), String::new()),
        (
            "full folio index",
            seconds(&full_index),
            megabytes(full_index.peak_rss),
        ),
        (
            "full folio prerender",
            seconds(&full_prerender),
            megabytes(full_prerender.peak_rss),
        ),
        (
            "after one change: folio index",
            seconds(&again_index),
            megabytes(again_index.peak_rss),
        ),
        (
            "after one change: folio prerender",
            seconds(&again_prerender),
            megabytes(again_prerender.peak_rss),
        ),
        (
            "bytes written (pages, listings, copies)",
            megabytes(bytes_written),
            String::new(),
        ),
        (
            "front page: index.json (brotli)",
            format!("{:.1} KB", brotli(&front)? as f64 / 1e3),
            format!("{:.1} KB raw", front.len() as f64 / 1e3),
        ),
        (
            "largest listing document (brotli)",
            format!("{:.1} KB", brotli(&largest)? as f64 / 1e3),
            largest_listing
                .strip_prefix(&content)
                .unwrap_or(&largest_listing)
                .display()
                .to_string(),
        ),
        (
            "front page HTML (brotli 5)",
            format!("{:.1} KB", front_page_html as f64 / 1e3),
            String::new(),
        ),
        (
            "sitemaps",
            sitemaps.to_string(),
            format!("at most {most_urls} URLs each"),
        ),
        ("feed.xml entries", feed_entries.to_string(), String::new()),
    ];
    println!("\n{:<42} {:>12}  peak memory / note", "", "");
    for (name, value, note) in &rows {
        println!("{name:<42} {value:>12}  {note}");
    }

    let per_100k = |elapsed: Duration| elapsed.as_secs_f64() * 100_000.0 / count as f64;
    let peak = [&full_index, &full_prerender, &again_index, &again_prerender]
        .iter()
        .map(|run| run.peak_rss)
        .max()
        .unwrap_or_default();
    println!(
        "\nThe whole publishing step (folio index, then folio prerender): {:.1} s in full, \
         {:.1} s after one change",
        (full_index.elapsed + full_prerender.elapsed).as_secs_f64(),
        (again_index.elapsed + again_prerender.elapsed).as_secs_f64()
    );
    let budgets = [
        (
            format!(
                "full prerender ≤ 300 s for 100,000 articles (here {:.0} s, {:.0} s per 100,000)",
                full_prerender.elapsed.as_secs_f64(),
                per_100k(full_prerender.elapsed)
            ),
            per_100k(full_prerender.elapsed) <= 300.0,
        ),
        (
            format!(
                "prerender after one change ≤ 5 s (here {:.1} s)",
                again_prerender.elapsed.as_secs_f64()
            ),
            again_prerender.elapsed.as_secs_f64() <= 5.0,
        ),
        (
            format!("peak memory ≤ 1 GB (here {})", megabytes(peak)),
            peak <= 1_000_000_000,
        ),
        (
            // The generated archive repeats six articles, which brotli compresses unusually
            // well: the raw size bounds what any archive's pages would compress to.
            format!(
                "listing JSON ≤ 50 KB brotli: the front page's and the largest document are {:.1} \
                 and {:.1} KB raw, so at most that compressed",
                front.len() as f64 / 1e3,
                largest.len() as f64 / 1e3
            ),
            front.len().max(largest.len()) <= 50_000
                || (brotli(&front)? <= 50_000 && brotli(&largest)? <= 50_000),
        ),
        (
            format!("sitemaps ≤ 50,000 URLs each (here {most_urls})"),
            most_urls <= 50_000,
        ),
        (
            format!(
                "the feed holds the newest {} entries",
                folio_cli::prerender::DEFAULT_FEED_ENTRIES
            ),
            feed_entries == count.min(folio_cli::prerender::DEFAULT_FEED_ENTRIES),
        ),
    ];
    println!("\nBudgets:");
    for (budget, passed) in &budgets {
        println!("  {} {budget}", if *passed { "pass" } else { "FAIL" });
    }
    let results = serde_json::json!({
        "articles": count,
        "full": { "index_s": full_index.elapsed.as_secs_f64(), "prerender_s": full_prerender.elapsed.as_secs_f64() },
        "after_one_change": { "index_s": again_index.elapsed.as_secs_f64(), "prerender_s": again_prerender.elapsed.as_secs_f64() },
        "peak_rss_bytes": peak,
        "bytes_written": bytes_written,
        "front_index_json_brotli": brotli(&front)?,
        "largest_listing_brotli": brotli(&largest)?,
        "sitemaps": sitemaps,
        "feed_entries": feed_entries,
    });
    fs::write(
        out.join("results.json"),
        serde_json::to_string_pretty(&results)?,
    )?;
    println!("\n{}", out.join("results.json").display());
    Ok(())
}

/// A child process's wall time and peak memory (its maximum resident set size).
struct Run {
    elapsed: Duration,
    peak_rss: u64,
}

/// Runs `program args` and measures it; fails when it fails. The peak memory is the kernel's
/// high-water mark of the child's resident set (`VmHWM`), read every 10 ms while it runs.
fn measure(program: &Path, args: &[&str]) -> Result<Run> {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", program.display()))?;
    // The child's output, read while it runs (a full pipe would stop it).
    let mut stdout = child.stdout.take().context("the child's output")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
        text
    });
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_rss = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Some(kilobytes) = fs::read_to_string(&status_file).ok().and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        }) {
            peak_rss = peak_rss.max(kilobytes * 1024);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let output = reader.join().unwrap_or_default();
    let summary = output.lines().last().unwrap_or_default();
    println!(
        "  folio {}: {:.1} s — {summary}",
        args.first().unwrap_or(&""),
        elapsed.as_secs_f64()
    );
    if !status.success() {
        bail!("folio {} failed:\n{output}", args.join(" "));
    }
    Ok(Run { elapsed, peak_rss })
}

/// The bytes of every file under `dir`.
fn folder_bytes(dir: &Path) -> Result<u64> {
    let mut total = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let metadata = entry.metadata()?;
            if metadata.is_dir() {
                pending.push(entry.path());
            } else {
                total += metadata.len();
            }
        }
    }
    Ok(total)
}

/// The largest listing document (by its raw size).
fn largest_listing_document(content: &Path) -> Result<PathBuf> {
    let mut largest = (0, content.join("index.json"));
    let mut pending: Vec<PathBuf> = ["index", "sections", "tags", "authors"]
        .iter()
        .map(|folder| content.join(folder))
        .collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let metadata = entry.metadata()?;
            if metadata.is_dir() {
                pending.push(entry.path());
            } else if metadata.len() > largest.0 {
                largest = (metadata.len(), entry.path());
            }
        }
    }
    Ok(largest.1)
}

/// How many sitemaps the index names, and the most URLs one holds.
fn sitemap_files(site: &Path) -> Result<(usize, usize)> {
    let mut count = 0;
    let mut most = 0;
    for entry in fs::read_dir(site.join("sitemaps"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xml") {
            count += 1;
            most = most.max(fs::read_to_string(&path)?.matches("<url>").count());
        }
    }
    Ok((count, most))
}
