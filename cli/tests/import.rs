//! `folio import` on the fixtures of `tests/fixtures/import/`, against what `expect.json` there
//! says each article must hold (the browser half of the same expectations is
//! `tests/e2e/import.test.mjs`), and the rules every import follows: nothing is overwritten
//! without `--force`, ids stay unique, hostile and huge markup is reduced or refused with a
//! reason, and the command's exit status tells failure apart.

// A test's helpers fail the test by panicking, as the `#[test]` functions may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::ValueEnum as _;
use folio_cli::content::ContentFolder;
use folio_cli::import::{self, Format, InputReport, Options, Outcome, Summary};
use folio_model::{Article, ArticleId, Block, Href, Limits, Severity, decode_article};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import")
}

fn expectations() -> Value {
    serde_json::from_slice(&fs::read(fixtures().join("expect.json")).unwrap()).unwrap()
}

/// A fresh content folder holding one sample article (imports link to it).
fn content_folder(name: &str) -> ContentFolder {
    let dir = std::env::temp_dir().join(format!("folio-import-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("articles")).unwrap();
    let sample = "lighthouse-keepers-ledger.json";
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../public/content/articles")
            .join(sample),
        dir.join("articles").join(sample),
    )
    .unwrap();
    ContentFolder::new(dir)
}

fn format(name: &str) -> Format {
    Format::from_str(name, true).unwrap()
}

/// Every import `expect.json` lists, into `content`.
fn import_all(content: &ContentFolder, options: &Options) -> Vec<InputReport> {
    let mut reports = Vec::new();
    for run in expectations()["imports"].as_array().unwrap() {
        let inputs: Vec<PathBuf> = run["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|input| fixtures().join(input.as_str().unwrap()))
            .collect();
        let format = format(run["format"].as_str().unwrap());
        reports.extend(import::run(format, &inputs, content, options).unwrap());
    }
    reports
}

fn read(content: &ContentFolder, id: &str) -> Article {
    let bytes = fs::read(content.article_path(&ArticleId::parse(id).unwrap())).unwrap();
    decode_article(&bytes, Some(id), &Limits::default())
        .unwrap()
        .value
}

/// What a reader reads: every block's text, one block per line.
fn text_of(article: &Article) -> String {
    let mut lines = Vec::new();
    for block in &article.body {
        match block {
            Block::Paragraph(content)
            | Block::Pullquote(content)
            | Block::Heading { content, .. }
            | Block::Quote { content, .. } => lines.push(content.plain_text()),
            Block::List { items, .. } => lines.extend(items.iter().map(|i| i.plain_text())),
            Block::Image(figure) => lines.extend(figure.caption.clone()),
            Block::Gallery { images, caption } => {
                lines.extend(images.iter().filter_map(|figure| figure.caption.clone()));
                lines.extend(caption.clone());
            }
            Block::Audio(audio) => lines.push(audio.title.clone()),
            Block::Video(video) => lines.extend(video.caption.clone()),
            Block::HostedVideo(video) => {
                lines.push(video.title.clone());
                lines.extend(video.caption.clone());
            }
            Block::Embed { url, title } => {
                lines.extend([url.clone()].into_iter().chain(title.clone()))
            }
            Block::Table(table) => {
                lines.extend(table.caption.clone());
                for row in table.header.iter().chain(&table.rows) {
                    let cells: Vec<String> = row.iter().map(|cell| cell.plain_text()).collect();
                    lines.push(cells.join(" | "));
                }
            }
            Block::Divider | Block::Ad(_) => {}
        }
    }
    lines.join("\n")
}

fn links_of(article: &Article) -> Vec<String> {
    let inline = article.body.iter().flat_map(|block| match block {
        Block::Paragraph(content)
        | Block::Heading { content, .. }
        | Block::Quote { content, .. } => content.0.clone(),
        Block::List { items, .. } => items.iter().flat_map(|i| i.0.clone()).collect(),
        _ => Vec::new(),
    });
    inline
        .filter_map(|run| match run.href? {
            Href::Url(url) => Some(url),
            Href::Article(id) => Some(format!("/articles/{id}")),
        })
        .collect()
}

fn images_of(article: &Article) -> usize {
    let hero = usize::from(article.image.as_ref().is_some_and(|f| f.image.is_some()));
    hero + article
        .body
        .iter()
        .map(|block| match block {
            Block::Image(figure) => usize::from(figure.image.is_some()),
            Block::Gallery { images, .. } => images.len(),
            _ => 0,
        })
        .sum::<usize>()
}

#[test]
fn every_fixture_becomes_the_article_expected() {
    let content = content_folder("expected");
    let reports = import_all(&content, &Options::default());
    let expect = expectations();
    let mut failures = Vec::new();

    // The inputs that must fail say why, and nothing else fails.
    let failed: Vec<(String, String)> =
        reports
            .iter()
            .flat_map(|report| {
                let input_failure = report
                    .error
                    .clone()
                    .map(|error| (report.input.display().to_string(), error));
                let article_failures = report.articles.iter().filter_map(|article| match &article
                    .outcome
                {
                    Outcome::Failed(why) => Some((article.origin.clone(), why.clone())),
                    _ => None,
                });
                input_failure
                    .into_iter()
                    .chain(article_failures)
                    .collect::<Vec<_>>()
            })
            .collect();
    let expected_failures = expect["failures"].as_array().unwrap();
    assert_eq!(failed.len(), expected_failures.len(), "{failed:#?}");
    for failure in expected_failures {
        let (origin, says) = (
            failure["origin"].as_str().unwrap(),
            failure["says"].as_str().unwrap(),
        );
        if !failed
            .iter()
            .any(|(o, why)| o.contains(origin) && why.contains(says))
        {
            failures.push(format!("{origin} should fail saying {says:?}: {failed:#?}"));
        }
    }

    let never: Vec<&str> = expect["never"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (id, wanted) in expect["articles"].as_object().unwrap() {
        let path = content.article_path(&ArticleId::parse(id).unwrap());
        let Ok(bytes) = fs::read(&path) else {
            failures.push(format!("{id}: not written"));
            continue;
        };
        // What `folio check` says of it: no error.
        let problems = folio_cli::check::check(&path, &bytes);
        if problems.iter().any(|p| p.severity == Severity::Error) {
            failures.push(format!("{id}: {problems:?}"));
        }
        let json = String::from_utf8(bytes).unwrap();
        for word in &never {
            if json.contains(word) {
                failures.push(format!("{id}: holds {word:?}"));
            }
        }
        let article = read(&content, id);
        let text = text_of(&article);
        let notes: Vec<String> = reports
            .iter()
            .flat_map(|r| &r.articles)
            .filter(|a| matches!(&a.outcome, Outcome::Written { id: written, .. } if written.as_str() == id))
            .flat_map(|a| a.notes.iter().cloned())
            .collect();
        if article.headline != wanted["headline"].as_str().unwrap() {
            failures.push(format!("{id}: headline {:?}", article.headline));
        }
        if let Some(section) = wanted["section"].as_str()
            && article.section.as_deref() != Some(section)
        {
            failures.push(format!("{id}: section {:?}", article.section));
        }
        let authors: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        for author in wanted["authors"].as_array().into_iter().flatten() {
            if !authors.contains(&author.as_str().unwrap()) {
                failures.push(format!("{id}: authors {authors:?} lack {author}"));
            }
        }
        for (key, haystack) in [
            ("text", text.clone()),
            ("absent", text.clone()),
            ("notes", notes.join("\n")),
        ] {
            for needle in wanted[key].as_array().into_iter().flatten() {
                let needle = needle.as_str().unwrap();
                if haystack.contains(needle) == (key == "absent") {
                    failures.push(format!("{id}: {key} {needle:?} in:\n{haystack}"));
                }
            }
        }
        let links = links_of(&article);
        for link in wanted["links"].as_array().into_iter().flatten() {
            if !links.iter().any(|l| l == link.as_str().unwrap()) {
                failures.push(format!("{id}: no link {link} in {links:?}"));
            }
        }
        let embeds: Vec<&String> = article
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Embed { url, .. } => Some(url),
                _ => None,
            })
            .collect();
        for embed in wanted["embeds"].as_array().into_iter().flatten() {
            if !embeds.iter().any(|url| *url == embed.as_str().unwrap()) {
                failures.push(format!("{id}: no embed {embed} in {embeds:?}"));
            }
        }
        let players: Vec<&String> = article
            .body
            .iter()
            .filter_map(|b| match b {
                Block::HostedVideo(video) => Some(&video.player),
                _ => None,
            })
            .collect();
        for player in wanted["hostedVideos"].as_array().into_iter().flatten() {
            if !players.iter().any(|url| *url == player.as_str().unwrap()) {
                failures.push(format!("{id}: no hosted video {player} in {players:?}"));
            }
        }
        let related: Vec<&str> = article.related.iter().map(|r| r.title.as_str()).collect();
        for title in wanted["related"].as_array().into_iter().flatten() {
            if !related.contains(&title.as_str().unwrap()) {
                failures.push(format!("{id}: related {related:?} lack {title}"));
            }
        }
        if let Some(count) = wanted["images"].as_u64()
            && images_of(&article) as u64 != count
        {
            failures.push(format!("{id}: {} images, not {count}", images_of(&article)));
        }
        for (key, is_kind) in [
            (
                "tables",
                (|b| matches!(b, Block::Table(_))) as fn(&Block) -> bool,
            ),
            ("galleries", |b| matches!(b, Block::Gallery { .. })),
        ] {
            let found = article.body.iter().filter(|block| is_kind(block)).count();
            if let Some(count) = wanted[key].as_u64()
                && found as u64 != count
            {
                failures.push(format!("{id}: {found} {key}, not {count}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");

    // The front page's list names every article, the sample too, newest first.
    content
        .rebuild_index(usize::from(folio_cli::listings::DEFAULT_PAGE_SIZE), false)
        .unwrap();
    let index: Value = serde_json::from_slice(&fs::read(content.index_path()).unwrap()).unwrap();
    let listed = index["articles"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        expect["articles"].as_object().unwrap().len() + 1,
        "and the sample"
    );
    let published: Vec<&str> = listed
        .iter()
        .map(|entry| entry["published"].as_str().unwrap())
        .collect();
    let mut newest_first = published.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(published[..3], newest_first[..3]);
    assert!(
        listed
            .iter()
            .any(|entry| entry["id"] == "lighthouse-keepers-ledger")
    );
}

#[test]
fn a_second_import_changes_nothing_and_replaces_only_with_force() {
    let content = content_folder("again");
    let input = [fixtures().join("feed/atom.xml")];
    import::run(Format::Feed, &input, &content, &Options::default()).unwrap();
    let again = import::run(Format::Feed, &input, &content, &Options::default()).unwrap();
    assert_eq!(
        Summary::of(&again),
        Summary {
            unchanged: 2,
            ..Summary::default()
        }
    );

    // An editor changed an imported article: a new import keeps the edit.
    let path = content.article_path(&ArticleId::parse("ferry-fares").unwrap());
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("Ferry fares frozen", "Ferry fares held");
    fs::write(&path, &edited).unwrap();
    let kept = import::run(Format::Feed, &input, &content, &Options::default()).unwrap();
    assert_eq!(Summary::of(&kept).skipped, 1);
    assert!(
        matches!(&kept[0].articles[1].outcome, Outcome::Skipped(why) if why.contains("--force"))
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    let forced = Options {
        force: true,
        ..Options::default()
    };
    let replaced = import::run(Format::Feed, &input, &content, &forced).unwrap();
    assert_eq!(Summary::of(&replaced).replaced, 1);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Ferry fares frozen")
    );
}

#[test]
fn ids_come_from_the_slug_rule_and_stay_unique() {
    let content = content_folder("ids");
    let dir = content.root().join("input");
    fs::create_dir_all(&dir).unwrap();
    let post = |slug: &str, title: &str| {
        serde_json::json!({
            "slug": slug, "date_gmt": "2026-11-01T10:00:00",
            "title": { "rendered": title }, "content": { "rendered": "<p>Text.</p>" }
        })
    };
    let input = dir.join("posts.json");
    let posts = serde_json::json!([
        post("Harbour News", "One"),
        post("harbour-news", "Two"),
        post("", "Café Müller reopens"),
        post("%d8%ab%d9%82%d8%a7%d9%81%d8%a9", "ثقافة"),
    ]);
    fs::write(&input, posts.to_string()).unwrap();
    let reports = import::run(Format::Wordpress, &[input], &content, &Options::default()).unwrap();
    let ids: Vec<String> = reports[0]
        .articles
        .iter()
        .map(|a| match &a.outcome {
            Outcome::Written { id, .. } => id.to_string(),
            _ => panic!("not written: {}", a.origin),
        })
        .collect();
    assert_eq!(
        ids[..3],
        ["harbour-news", "harbour-news-2", "cafe-muller-reopens"]
    );
    assert!(ids[3].starts_with("article-"), "{}", ids[3]);
    assert!(
        reports[0].articles[1]
            .notes
            .iter()
            .any(|n| n.contains("harbour-news was taken"))
    );
}

#[test]
fn hostile_markup_is_reduced_or_refused_with_a_reason() {
    let content = content_folder("hostile");
    let dir = content.root().join("input");
    fs::create_dir_all(&dir).unwrap();
    let deep = format!(
        "{}deep text{}",
        "<div><span>".repeat(5_000),
        "</span></div>".repeat(5_000)
    );
    let huge = "<p>One more paragraph.</p>".repeat(12_000);
    let post = |slug: &str, body: &str| {
        serde_json::json!({
            "slug": slug, "date_gmt": "2026-11-01T10:00:00",
            "title": { "rendered": slug }, "content": { "rendered": body }
        })
    };
    let input = dir.join("posts.json");
    fs::write(
        &input,
        serde_json::json!([post("deep", &deep), post("huge", &huge)]).to_string(),
    )
    .unwrap();
    let reports = import::run(Format::Wordpress, &[input], &content, &Options::default()).unwrap();
    let [deep, huge] = &reports[0].articles[..] else {
        panic!("two articles");
    };
    assert!(matches!(deep.outcome, Outcome::Written { .. }));
    assert!(
        deep.notes.iter().any(|n| n.contains("nested deeper than")),
        "{:?}",
        deep.notes
    );
    assert!(text_of(&read(&content, "deep")).contains("deep text"));
    match &huge.outcome {
        Outcome::Failed(why) => assert!(why.contains("12000 blocks; the limit is 10000"), "{why}"),
        _ => panic!("a body over the block limit is refused"),
    }
    assert!(
        !content
            .article_path(&ArticleId::parse("huge").unwrap())
            .exists()
    );
}

#[test]
fn an_image_size_option_keeps_images_the_source_does_not_size() {
    let content = content_folder("sized");
    let options = Options {
        image_size: Some((1200, 675)),
        ..Options::default()
    };
    let reports = import::run(
        Format::Ghost,
        &[fixtures().join("ghost/posts.json")],
        &content,
        &options,
    )
    .unwrap();
    let article = read(&content, "night-bus-library");
    let hero = article.image.and_then(|figure| figure.image).unwrap();
    assert_eq!((hero.width, hero.height), (1200, 675));
    assert!(
        reports[0].articles[0]
            .notes
            .iter()
            .any(|n| n.contains("used --image-size 1200x675"))
    );
}

/// The command itself: exit status, `new`, and an index that refuses to drop an article silently.
#[test]
fn the_folio_command_reports_failure_in_its_exit_status() {
    let content = content_folder("command");
    let folio = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .output()
            .unwrap()
    };
    let dir = content.root().to_str().unwrap().to_string();
    let fixture = |path: &str| fixtures().join(path).to_str().unwrap().to_string();

    let ok = folio(&[
        "import",
        "feed",
        &fixture("feed/feed.json"),
        "--content",
        &dir,
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let failed = folio(&[
        "import",
        "markdown",
        &fixture("markdown/unclosed.md"),
        "--content",
        &dir,
    ]);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stdout).contains("never closed"));

    let new = folio(&["new", "council-vote", "--content", &dir]);
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let starter = content.root().join("articles/council-vote.json");
    assert!(
        folio(&["check", starter.to_str().unwrap()])
            .status
            .success()
    );
    let bad_id = folio(&["new", "Council Vote!", "--content", &dir]);
    assert!(String::from_utf8_lossy(&bad_id.stderr).contains("`council-vote` would do"));
    assert!(
        !folio(&["new", "council-vote", "--content", &dir])
            .status
            .success(),
        "never overwrites"
    );

    // A broken article stops the index rebuild, unless the publisher says to leave it out.
    fs::write(content.root().join("articles/broken.json"), "{ not json").unwrap();
    let stopped = folio(&["index", "--content", &dir]);
    assert!(!stopped.status.success());
    assert!(String::from_utf8_lossy(&stopped.stdout).contains("broken.json"));
    let skipped = folio(&["index", "--content", &dir, "--skip-invalid"]);
    assert!(String::from_utf8_lossy(&skipped.stdout).contains("left out 1"));
    let index: Value = serde_json::from_slice(&fs::read(content.index_path()).unwrap()).unwrap();
    assert_eq!(index["articles"].as_array().unwrap().len(), 3);
}
