//! `cargo xtask fuzz`: a mutation fuzzer for the decoder, on the stable toolchain.
//!
//! It starts from every sample document, the configuration and the hostile corpus, mutates
//! them (byte flips, JSON tokens and hostile strings inserted, ranges deleted, duplicated or
//! spliced from another document, truncation) and feeds each result to the three decoders.
//! Besides "never panics", it checks what the model promises: every URL in a decoded article
//! is `http:`, `https:`, `mailto:` or relative (not protocol-relative), and no text keeps a
//! control character or a bidirectional override.

// The mutator indexes byte buffers with positions it has just bounded; the no-panic rule is
// for code that runs in readers' browsers.
#![allow(
    clippy::indexing_slicing,
    reason = "a native test tool; every index is bounded first"
)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Result, bail};
use folio_model::{Article, Block, Href, Image, Inline, Limits};

use crate::{hostile, project_root};

/// Runs `inputs` mutated inputs on every core, reproducibly from `seed`.
pub fn run(inputs: u64, seed: u64) -> Result<()> {
    let corpus = corpus()?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    let done = AtomicU64::new(0);
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    let start = Instant::now();
    println!(
        "fuzzing the decoder: {inputs} inputs from {} seeds on {threads} threads",
        corpus.len()
    );
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (corpus, done, failures) = (&corpus, &done, &failures);
            scope.spawn(move || {
                let mut rng = Rng(seed ^ (thread + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                let share = inputs / threads + u64::from(thread < inputs % threads);
                for _ in 0..share {
                    let input = mutate(&mut rng, corpus);
                    if let Err(problem) = check_one(&input) {
                        let mut failures = failures.lock().unwrap_or_else(|e| e.into_inner());
                        if failures.len() < 10 {
                            failures.push(format!(
                                "{problem}\ninput: {}",
                                String::from_utf8_lossy(&input)
                            ));
                        }
                    }
                    let count = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if count % 1_000_000 == 0 {
                        println!("  {count} inputs, {:.0} s", start.elapsed().as_secs_f64());
                    }
                }
            });
        }
    });
    let elapsed = start.elapsed().as_secs_f64();
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    println!(
        "{} inputs in {elapsed:.1} s ({:.0} per second), {} failures",
        done.load(Ordering::Relaxed),
        done.load(Ordering::Relaxed) as f64 / elapsed,
        failures.len()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        bail!("the decoder broke a promise:\n{}", failures.join("\n\n"))
    }
}

fn corpus() -> Result<Vec<Vec<u8>>> {
    let root = project_root();
    let mut corpus = Vec::new();
    for entry in std::fs::read_dir(root.join("public/content/articles"))? {
        corpus.push(std::fs::read(entry?.path())?);
    }
    corpus.push(std::fs::read(root.join("public/content/index.json"))?);
    corpus.push(std::fs::read(root.join("public/folio.config.json"))?);
    // The giants only slow the fuzzer down; their limits have tests of their own.
    corpus.extend(
        hostile::cases()?
            .into_iter()
            .map(|case| case.input)
            .filter(|input| input.len() < 100_000),
    );
    Ok(corpus)
}

/// Decodes `input` every way the viewer does and checks the model's promises.
fn check_one(input: &[u8]) -> Result<(), String> {
    let limits = Limits::default();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let article = folio_model::decode_article(input, None, &limits)
            .ok()
            .map(|d| d.value);
        let _ = folio_model::decode_article(input, Some("tide-mill-turns-again"), &limits);
        let _ = folio_model::decode_index(input, &limits);
        let _ = folio_model::decode_config(input);
        article
    }));
    match outcome {
        Err(_) => Err("the decoder panicked".into()),
        Ok(Some(article)) => promises_kept(&article),
        Ok(None) => Ok(()),
    }
}

fn promises_kept(article: &Article) -> Result<(), String> {
    let mut urls: Vec<&str> = Vec::new();
    let mut texts: Vec<&str> = vec![&article.headline];
    texts.extend(article.dek.as_deref());
    for block in &article.body {
        match block {
            Block::Paragraph(content)
            | Block::Pullquote(content)
            | Block::Heading { content, .. }
            | Block::Quote { content, .. } => collect_inline(content, &mut urls, &mut texts),
            Block::List { items, .. } => {
                for item in items {
                    collect_inline(item, &mut urls, &mut texts);
                }
            }
            Block::Image(figure) => collect_image(figure.image.as_ref(), &mut urls),
            Block::Embed { url, .. } => urls.push(url),
            Block::Divider | Block::Ad(_) => {}
        }
    }
    collect_image(
        article
            .image
            .as_ref()
            .and_then(|figure| figure.image.as_ref()),
        &mut urls,
    );
    for author in &article.authors {
        texts.push(&author.name);
        if let Some(Href::Url(url)) = &author.url {
            urls.push(url);
        }
    }
    for related in &article.related {
        texts.push(&related.title);
        if let Href::Url(url) = &related.href {
            urls.push(url);
        }
        collect_image(related.image.as_ref(), &mut urls);
    }
    if let Some(url) = urls.iter().find(|url| !is_safe_url(url)) {
        return Err(format!("an unsafe URL got through: {url:?}"));
    }
    let disguise = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202A}'..='\u{202E}').contains(&c)
    };
    if let Some(text) = texts.iter().find(|text| text.chars().any(disguise)) {
        return Err(format!(
            "a control or bidi-override character got through: {text:?}"
        ));
    }
    Ok(())
}

fn collect_inline<'a>(content: &'a Inline, urls: &mut Vec<&'a str>, texts: &mut Vec<&'a str>) {
    for run in &content.0 {
        texts.push(&run.text);
        if let Some(Href::Url(url)) = &run.href {
            urls.push(url);
        }
    }
}

fn collect_image<'a>(image: Option<&'a Image>, urls: &mut Vec<&'a str>) {
    if let Some(image) = image {
        urls.push(&image.src);
        if let Some(srcset) = &image.srcset {
            let candidates = srcset
                .split(", ")
                .filter_map(|candidate| candidate.split(' ').next());
            urls.extend(candidates);
        }
    }
}

/// The URL rule, written independently of the model's filter, from the URL standard: after
/// the browser drops tabs and newlines, a scheme is a letter followed by letters, digits, `+`,
/// `-` or `.`, then `:`; anything else is a relative reference.
fn is_safe_url(url: &str) -> bool {
    if url.is_empty() || url.chars().any(|c| c.is_control()) || url.trim() != url {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    let slashes = |s: &str| s.starts_with(['/', '\\']);
    if slashes(&lower) && lower.get(1..).is_some_and(slashes) {
        return false;
    }
    let scheme_length = lower
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || "+-.".contains(c)))
        })
        .count();
    match lower.get(scheme_length..) {
        Some(rest) if scheme_length > 0 && rest.starts_with(':') => {
            ["http", "https", "mailto"].contains(&&lower[..scheme_length])
        }
        _ => true,
    }
}

/// Snippets a hostile document is made of.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "4294967296",
    "\"\"",
    "\"type\"",
    "\"paragraph\"",
    "\"heading\"",
    "\"image\"",
    "\"list\"",
    "\"embed\"",
    "\"ad\"",
    "\"content\"",
    "\"href\"",
    "\"marks\"",
    "\"text\"",
    "\"src\"",
    "\"srcset\"",
    "\"javascript:alert(1)\"",
    "\" java\\tscript:x\"",
    "\"//evil.example\"",
    "\"/\\\\evil\"",
    "\"data:text/html,x\"",
    "\"\\u0000\"",
    "\"\\u202e\"",
    "\"\\ud800\"",
    "\\",
    "\"articles/x\"",
    "\"2026-02-30T00:00:00Z\"",
    "[[[[[[[[",
    "]]]]]]]]",
    "{\"text\":\"x\",\"href\":\"mailto:a@b\"}",
];

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut input = corpus[rng.below(corpus.len())].clone();
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(7) {
            0 if !input.is_empty() => {
                let i = at.min(input.len() - 1);
                input[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(input.len());
                input.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(256)).min(input.len());
                let copy = input[at..end].to_vec();
                input.splice(at..at, copy);
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            _ => input.truncate(at),
        }
    }
    input.truncate(1 << 16);
    input
}

/// xorshift64*: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_independent_url_rule_agrees_on_the_obvious() {
        for url in [
            "https://a.example/x",
            "mailto:a@b.c",
            "/x",
            "x.html",
            "#p-1",
            "?q=1",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:x",
            "//a",
            "/\\a",
            " https://a",
            "java\tscript:x",
            "data:x",
            "",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn a_short_run_finds_nothing() {
        run(20_000, 7).unwrap();
    }
}
