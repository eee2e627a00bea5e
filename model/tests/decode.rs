//! Decoding whole documents: the samples, refusals, reductions and inline content.

use std::fs;
use std::path::Path;

use folio_model::{
    AdSize, Block, Href, Inline, Limits, Marks, Run, Severity, Table, decode_article, decode_index,
};

/// Every problem of a document, one `path: message` per line, for exact comparison.
fn problems_of(json: &str) -> String {
    let problems = match decode_article(json.as_bytes(), Some("a"), &Limits::default()) {
        Ok(decoded) => decoded.problems,
        Err(rejected) => rejected.problems,
    };
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn refused(json: &str) -> bool {
    decode_article(json.as_bytes(), Some("a"), &Limits::default()).is_err()
}

/// A valid article with `extra` fields merged in (later keys win, as in serde_json).
fn article(extra: &str) -> String {
    let base = r#""version": 1, "id": "a", "headline": "H", "published": "2026-11-28T09:00:00Z", "body": []"#;
    if extra.is_empty() {
        format!("{{{base}}}")
    } else {
        format!("{{{base}, {extra}}}")
    }
}

#[test]
fn every_sample_decodes_without_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content/articles");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let decoded = decode_article(&fs::read(&path).unwrap(), Some(&id), &Limits::default())
            .unwrap_or_else(|rejected| panic!("{id} refused: {:?}", rejected.problems));
        assert_eq!(decoded.problems, [], "{id}");
        assert_eq!(decoded.value.id.as_str(), id);
        count += 1;
    }
    assert!(count >= 6, "only {count} samples");

    let index = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content/index.json");
    let decoded = decode_index(&fs::read(index).unwrap(), &Limits::default()).unwrap();
    assert_eq!(decoded.problems, []);
    assert_eq!(decoded.value.articles.len(), count);
}

#[test]
fn required_fields_refuse_the_document_and_say_where() {
    assert_eq!(
        problems_of(r#"{"version": 1, "id": "a", "body": []}"#),
        "error: headline: is required\nerror: published: is required"
    );
    assert!(refused(r#"{"version": 1, "id": "a", "body": []}"#));
    assert_eq!(
        problems_of(&article(r#""headline": 42"#)),
        "error: headline: expected a string, found a number"
    );
    assert_eq!(
        problems_of(&article(r#""published": "28/11/2026""#)),
        "error: published: \"28/11/2026\" is not an RFC 3339 timestamp like 2026-11-28T09:30:00Z"
    );
}

#[test]
fn newer_versions_and_foreign_ids_are_refused() {
    let newer = problems_of(&article(r#""version": 2"#));
    assert!(
        newer.contains("format version 2") && newer.contains("Update Folio"),
        "{newer}"
    );
    assert!(refused(&article(r#""version": 2"#)));
    assert_eq!(
        problems_of(&article(r#""id": "b""#)),
        "error: id: the document is \"b\" but was requested as \"a\""
    );
    assert!(refused(&article(r#""id": "../etc/passwd""#)));
}

#[test]
fn what_is_not_an_article_gets_one_clear_message() {
    for (input, expected) in [
        (
            "[1, 2]",
            "error: an article must be a JSON object, found a list",
        ),
        (
            "null",
            "error: an article must be a JSON object, found null",
        ),
        (
            "42",
            "error: an article must be a JSON object, found a number",
        ),
        (
            "<!doctype html><title>502</title>",
            "error: the server sent an HTML page where JSON was expected (often an error or login page)",
        ),
        (
            r#"{"version": 1, "id": "#,
            "error: the document is not valid JSON: EOF while parsing a value at line 1 column 21",
        ),
    ] {
        assert_eq!(problems_of(input), expected, "{input}");
        assert!(refused(input));
    }
    let invalid_utf8 = decode_article(b"{\"headline\": \"\xff\"}", None, &Limits::default());
    assert!(
        invalid_utf8.unwrap_err().problems[0]
            .message
            .contains("not valid UTF-8")
    );
    let with_bom = format!("\u{feff}{}", article(""));
    assert!(decode_article(with_bom.as_bytes(), Some("a"), &Limits::default()).is_ok());
}

#[test]
fn limits_refuse_oversized_documents() {
    let limits = Limits {
        max_bytes: 200,
        max_blocks: 2,
    };
    let blocks = r#""body": [{"type": "divider"}, {"type": "divider"}, {"type": "divider"}]"#;
    let rejected = decode_article(article(blocks).as_bytes(), Some("a"), &limits).unwrap_err();
    assert_eq!(
        rejected.problems[0].to_string(),
        "error: body: has 3 blocks; the limit is 2"
    );
    let big = article(&format!(r#""dek": "{}""#, "x".repeat(300)));
    let rejected = decode_article(big.as_bytes(), Some("a"), &limits).unwrap_err();
    assert!(
        rejected.problems[0]
            .message
            .contains("the limit is 200 bytes")
    );
}

#[test]
fn unsafe_parts_are_dropped_and_the_rest_is_shown() {
    let json = article(
        r#""body": [
            {"type": "paragraph", "content": [{"text": "kept text", "href": "javascript:alert(1)"}]},
            {"type": "image", "src": "data:text/html,x", "alt": "", "width": 4, "height": 3, "caption": "kept caption"},
            {"type": "hologram"},
            {"type": "embed", "url": "//evil.example/x"}
        ],
        "related": [{"title": "gone", "url": "vbscript:x"}],
        "authors": [{"name": "Kept", "url": "javascript:x"}]"#,
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let listed: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "error: authors[0].url: javascript: URLs are not allowed",
            "error: body[0].content[0].href: javascript: URLs are not allowed",
            "error: body[1].src: data: URLs are not allowed",
            "notice: body[2]: unknown block type \"hologram\" was skipped",
            "error: body[3].url: an absolute http: or https: URL is required",
            "error: related[0].url: vbscript: URLs are not allowed",
        ]
    );
    let article = decoded.value;
    assert_eq!(
        article.body[0],
        Block::Paragraph(Inline(vec![Run {
            text: "kept text".into(),
            ..Run::default()
        }]))
    );
    let Block::Image(figure) = &article.body[1] else {
        panic!("{:?}", article.body[1])
    };
    assert_eq!(
        (figure.image.as_ref(), figure.caption.as_deref()),
        (None, Some("kept caption"))
    );
    assert_eq!(article.body.len(), 2);
    assert_eq!(article.related, []);
    assert_eq!(
        (article.authors[0].name.as_str(), &article.authors[0].url),
        ("Kept", &None)
    );
}

#[test]
fn inline_runs_marks_and_links() {
    let json = article(
        r#""body": [{"type": "paragraph", "content": [
            "plain ",
            {"text": "both", "marks": ["bold", "italic", "sparkle"]},
            {"text": "inside", "href": "articles/b"},
            {"text": "outside", "href": "https://example.org/x"},
            7
        ]}]"#,
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let severities: Vec<_> = decoded
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.severity))
        .collect();
    assert_eq!(
        severities,
        [
            ("body[0].content[1].marks[2]", Severity::Notice),
            ("body[0].content[4]", Severity::Error)
        ]
    );
    let Block::Paragraph(Inline(runs)) = &decoded.value.body[0] else {
        panic!()
    };
    assert_eq!(runs.len(), 4);
    assert_eq!(
        runs[1].marks,
        Marks {
            bold: true,
            italic: true,
            ..Marks::default()
        }
    );
    assert!(matches!(&runs[2].href, Some(Href::Article(id)) if id.as_str() == "b"));
    assert_eq!(
        runs[3].href,
        Some(Href::Url("https://example.org/x".into()))
    );
    assert_eq!(Inline(runs.clone()).plain_text(), "plain bothinsideoutside");
}

#[test]
fn heading_levels_ad_sizes_and_dates() {
    let json = article(
        r#""updated": "2026-11-28T10:00:00+01:00",
        "body": [
            {"type": "heading", "level": 7, "content": "still a heading"},
            {"type": "ad"},
            {"type": "ad", "size": "fluid"},
            {"type": "ad", "size": "1x1"}
        ]"#,
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    assert_eq!(decoded.problems.len(), 2, "{:?}", decoded.problems);
    let body = &decoded.value.body;
    assert!(matches!(body[0], Block::Heading { .. }));
    assert_eq!(body[1], Block::Ad(AdSize::MEDIUM_RECTANGLE));
    assert_eq!(body[2], Block::Ad(AdSize::Fluid));
    assert_eq!(body[3], Block::Ad(AdSize::MEDIUM_RECTANGLE));
    // 10:00+01:00 is the moment of publication: no separate "updated" line.
    assert_eq!(decoded.value.distinct_update(), None);
}

#[test]
fn languages_set_direction() {
    for (tag, rtl) in [
        ("en", false),
        ("ar", true),
        ("he-IL", true),
        ("fa", true),
        ("az-Arab", true),
        ("ku-Latn", false),
    ] {
        let json = article(&format!(r#""language": "{tag}""#));
        let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
        assert_eq!(decoded.value.language.unwrap().right_to_left, rtl, "{tag}");
    }
    assert!(problems_of(&article(r#""language": "english please""#)).contains("BCP 47"));
}

#[test]
fn images_without_alt_text_are_flagged() {
    let missing = problems_of(&article(
        r#""image": {"src": "a.svg", "width": 4, "height": 3}"#,
    ));
    assert!(
        missing.contains("error: image.alt: is required"),
        "{missing}"
    );
    let empty = problems_of(&article(
        r#""image": {"src": "a.svg", "alt": " ", "width": 4, "height": 3}"#,
    ));
    assert!(empty.contains("notice: image.alt: is empty"), "{empty}");
    // A related article's thumbnail sits beside its title: empty is right there.
    let thumbnail = problems_of(&article(
        r#""related": [{"title": "T", "url": "/articles/b",
             "image": {"src": "b.svg", "alt": "", "width": 4, "height": 3}}]"#,
    ));
    assert_eq!(thumbnail, "");
}

/// The rules the JSON Schema states too (tests/schema/contract.test.mjs compares the two).
#[test]
fn rules_shared_with_the_schema() {
    // `null` is absent for an optional field, and a required one.
    assert_eq!(
        problems_of(&article(r#""dek": null, "image": null, "tags": null"#)),
        ""
    );
    assert_eq!(
        problems_of(&article(r#""headline": null"#)),
        "error: headline: is required"
    );
    // A whole number may be written as a float with nothing after the point.
    assert_eq!(problems_of(&article(r#""version": 1.0"#)), "");
    assert!(problems_of(&article(r#""version": 1.5"#)).contains("expected a whole number"));
    // U+FEFF is white space, as ECMAScript's `\s` has it: a headline of it alone is empty.
    assert_eq!(
        problems_of(&article("\"headline\": \"\u{feff}\u{a0}\"")),
        "error: headline: must not be empty"
    );
    // An id is taken as written: a control character is not cleaned out of it.
    assert!(problems_of(&article(r#""id": "a\u0001""#)).contains("is not an article id"));
    // A srcset carries no control character at all.
    let image = |srcset: &str| {
        format!(
            r#""image": {{"src": "a.jpg", "alt": "A mill", "width": 4, "height": 3, "srcset": "{srcset}"}}"#
        )
    };
    assert_eq!(
        problems_of(&article(&image("a-480.jpg 480w, a-960.jpg 2x"))),
        ""
    );
    assert_eq!(
        problems_of(&article(&image(r"a.jpg\u0001 480w"))),
        "error: image.srcset: control characters and bidirectional overrides are not allowed in a srcset"
    );
}

#[test]
fn tables_keep_what_fits_and_say_what_was_left_out() {
    let wide: Vec<String> = (0..25).map(|n| format!("\"c{n}\"")).collect();
    let long: Vec<String> = (0..1003).map(|n| format!("[\"r{n}\"]")).collect();
    let json = article(&format!(
        r#""body": [
            {{"type": "table", "caption": "Fares", "header": ["Route", [{{"text": "Fare", "marks": ["bold"]}}]],
             "rows": [["Quay", "2"], ["Mill"], [{wide}]]}},
            {{"type": "table", "rows": [{long}]}},
            {{"type": "table", "rows": []}},
            {{"type": "table", "rows": "Quay, 2"}},
            {{"type": "table", "rows": [["ok", 7]]}}
        ]"#,
        wide = wide.join(","),
        long = long.join(","),
    ));
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let listed: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "error: body[0].rows: rows with more than 20 cells: 1 (the widest has 25); a table shows at most 20, the rest were left out",
            "error: body[1].rows: has 1003 rows; a table shows at most 1000, the rest were left out",
            "error: body[2].rows: must hold at least one row",
            "error: body[3].rows: expected a list, found a string",
            "error: body[4].rows[0][1]: expected text or a list of runs, found a number",
        ]
    );
    let tables: Vec<&Table> = decoded
        .value
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 3);
    assert_eq!(
        tables[2].rows[0].len(),
        2,
        "a bad cell is kept as an empty one"
    );
    assert_eq!(tables[0].caption.as_deref(), Some("Fares"));
    assert_eq!(tables[0].header.as_ref().map(Vec::len), Some(2));
    assert_eq!(tables[0].columns(), Table::MAX_COLUMNS);
    assert_eq!(tables[0].rows[1].len(), 1, "a short row is kept as it is");
    assert_eq!(tables[1].rows.len(), Table::MAX_ROWS);
    let ok = Inline(vec![Run {
        text: "ok".into(),
        ..Run::default()
    }]);
    assert_eq!(tables[2].rows, [vec![ok, Inline::default()]]);
}

#[test]
fn key_points_and_corrections_are_read_and_date_the_article() {
    let json = article(
        r#""keyPoints": ["The mill grinds again", ["Flour on ", {"text": "Saturday", "marks": ["bold"]}], 3],
        "updated": "2026-11-28T12:00:00Z",
        "corrections": [
            {"date": "2026-11-29T08:15:00Z", "text": "The mill is 212 years old, not 221."},
            {"date": "yesterday", "text": "Dropped: no date."},
            {"date": "2026-11-28T10:00:00Z", "text": " "}
        ]"#,
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let listed: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "error: keyPoints[2]: expected text or a list of runs, found a number",
            "error: corrections[1].date: \"yesterday\" is not an RFC 3339 timestamp like 2026-11-28T09:30:00Z",
            "error: corrections[2].text: must not be empty",
        ]
    );
    let article = decoded.value;
    assert_eq!(article.key_points.len(), 2);
    assert_eq!(article.key_points[1].plain_text(), "Flour on Saturday");
    assert_eq!(article.corrections.len(), 1);
    // The correction is the last change, later than `updated`.
    assert_eq!(
        article.distinct_update().map(|t| t.as_str()),
        Some("2026-11-29T08:15:00Z")
    );
}

#[test]
fn fields_format_v1_does_not_have_are_pointed_out() {
    let json =
        article(r#""liveUpdates": [], "$schema": "https://example.org/article-v1.schema.json""#);
    assert_eq!(
        problems_of(&json),
        "notice: liveUpdates: is not a field of format v1 (a newer Folio may show it); skipped"
    );
}

#[test]
fn galleries_need_two_images_and_show_at_most_a_hundred() {
    let image = r#"{"src": "a.svg", "alt": "A", "width": 4, "height": 3, "caption": "C"}"#;
    let many = vec![image; 120].join(",");
    let json = article(&format!(
        r#""body": [
            {{"type": "gallery", "caption": "Marsh", "images": [{image}, {{"src": "javascript:x", "alt": "", "width": 1, "height": 1, "caption": "kept"}}, {image}]}},
            {{"type": "gallery", "images": [{image}]}},
            {{"type": "gallery", "images": [{many}]}},
            {{"type": "gallery", "images": []}}
        ]"#
    ));
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let listed: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "error: body[0].images[1].src: javascript: URLs are not allowed",
            "error: body[1].images: needs at least two images (an image block shows one)",
            "error: body[2].images: has 120 images; a gallery shows at most 100, the rest were left out",
            "error: body[3].images: needs at least two images (an image block shows one)",
        ]
    );
    let galleries: Vec<(usize, Option<&str>)> = decoded
        .value
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Gallery { images, caption } => Some((images.len(), caption.as_deref())),
            _ => None,
        })
        .collect();
    // The image without a usable source keeps its caption; one image is still shown.
    assert_eq!(galleries, [(3, Some("Marsh")), (1, None), (100, None)]);
}

#[test]
fn audio_and_video_keep_to_safe_urls_and_their_own_tracks() {
    let json = article(
        r#""body": [
            {"type": "audio", "src": "content/media/robin.webm", "mimeType": "audio/webm", "title": "Robin", "duration": 185},
            {"type": "audio", "src": "javascript:alert(1)", "title": "Gone"},
            {"type": "audio", "src": "a.mp3", "mimeType": "text/html", "title": "Kept without its type", "duration": 0},
            {"type": "video", "src": "https://media.example/v.mp4", "mimeType": "video/mp4",
             "poster": "javascript:alert(1)", "width": 640, "height": 360, "tracks": [
                {"src": "https://media.example/v.en.vtt", "language": "en", "label": "English", "default": true},
                {"src": "https://elsewhere.example/v.fr.vtt", "label": "Français"},
                {"src": "v.de.vtt", "label": "Deutsch"},
                {"src": "https://media.example/v.es.vtt", "kind": "metadata", "label": "Español"}
             ]},
            {"type": "video", "src": "v.webm", "width": 640}
        ]"#,
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default()).unwrap();
    let listed: Vec<String> = decoded.problems.iter().map(ToString::to_string).collect();
    let elsewhere = "must be on the video's own server (a browser loads a track from elsewhere only if that server sends CORS headers)";
    assert_eq!(
        listed,
        [
            "error: body[1].src: javascript: URLs are not allowed".to_string(),
            "error: body[2].mimeType: \"text/html\" is not a MIME type of audio such as audio/mp4".into(),
            "error: body[2].duration: 0 is out of range (1 to 86400)".into(),
            "error: body[3].poster: javascript: URLs are not allowed".into(),
            format!("error: body[3].tracks[1].src: {elsewhere}"),
            format!("error: body[3].tracks[2].src: {elsewhere}"),
            "error: body[3].tracks[3].kind: \"metadata\" is not a kind of track (captions, subtitles, descriptions or chapters)".into(),
            "error: body[4].height: is required".into(),
        ]
    );
    let body = &decoded.value.body;
    assert_eq!(body.len(), 3, "{body:?}");
    let Block::Video(video) = &body[2] else {
        panic!("{:?}", body[2])
    };
    assert_eq!(video.poster, None);
    let tracks: Vec<(&str, &str, bool)> = video
        .tracks
        .iter()
        .map(|track| (track.label.as_str(), track.kind, track.default))
        .collect();
    // A track of an unknown kind is kept as captions: its text is still worth showing.
    assert_eq!(
        tracks,
        [
            ("English", "captions", true),
            ("Español", "captions", false)
        ]
    );
}

#[test]
fn live_coverage_is_read_newest_first_with_its_pinned_update_and_a_safe_interval() {
    let update = |id: &str, time: &str| {
        format!(
            r#"{{"id": "{id}", "time": "{time}", "body": [{{"type": "paragraph", "content": "{id}"}}]}}"#
        )
    };
    let json = article(&format!(
        r#""live": {{"status": "live", "refreshSeconds": 2, "pinned": "first",
            "updates": [{}, {}, {}, {}, {}, {{"id": "no time", "body": []}},
                {{"id": "ad", "time": "2026-11-28T09:30:00Z", "body": [{{"type": "ad"}}]}}]}}"#,
        update("first", "2026-11-28T09:05:00Z"),
        update("third", "2026-11-28T09:20:00Z"),
        update("second", "2026-11-28T09:10:00Z"),
        update("second", "2026-11-28T09:11:00Z"),
        update("x#y", "2026-11-28T09:12:00Z"),
    ));
    assert_eq!(
        problems_of(&json),
        "notice: live.refreshSeconds: 2 s is outside 15 to 3600 s; the page uses 15 s\n\
         error: live.updates[3].id: \"second\" is the id of an update before it; this one was left out\n\
         error: live.updates[4].id: \"x#y\" is not an update id (1 to 64 of A-Z, a-z, 0-9, - and _)\n\
         error: live.updates[5].id: \"no time\" is not an update id (1 to 64 of A-Z, a-z, 0-9, - and _)\n\
         error: live.updates[5].time: is required\n\
         notice: live.updates[6].body[0]: ad slots go in the article's body, not in its updates; skipped"
    );
    let decoded = decode_article(json.as_bytes(), Some("a"), &Limits::default())
        .unwrap()
        .value;
    let live = decoded.live.as_ref().unwrap();
    assert!(!live.ended);
    assert_eq!(live.refresh_seconds, Some(15));
    let ids: Vec<&str> = live.updates.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["ad", "third", "second", "first"]);
    assert_eq!(
        live.pinned_update().map(|u| u.anchor()),
        Some("update-first".into())
    );
    assert_eq!(
        decoded.distinct_update().map(|t| t.as_str()),
        Some("2026-11-28T09:30:00Z")
    );
    // An ended coverage, a pinned update that is not there, an absurd interval.
    let ended = article(
        r#""live": {"status": "over", "refreshSeconds": 1e12, "pinned": "gone", "updates": []}"#,
    );
    assert_eq!(
        problems_of(&ended),
        "error: live.status: \"over\" is not \"live\" or \"ended\"\n\
         error: live.refreshSeconds: 1000000000000 is out of range (1 to 86400)\n\
         error: live.pinned: \"gone\" is not the id of one of the updates"
    );
    let too_many = format!(
        r#""live": {{"updates": [{}]}}"#,
        vec![update("u", "2026-11-28T09:05:00Z"); 10_001].join(",")
    );
    assert!(refused(&article(&too_many)));
}
