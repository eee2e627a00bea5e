//! Inline content: text with marks and links, never markup.

use serde_json::Value;

use crate::decode::{Decoder, kind};
use crate::href::{Href, check_href};

/// A run of inline content, as paragraphs, headings and list items hold it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline(pub Vec<Run>);

impl Inline {
    /// The text without marks or links, e.g. for the document title or counting words.
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|run| run.text.as_str()).collect()
    }
}

/// Text with the same marks and link throughout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub marks: Marks,
    pub href: Option<Href>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub strike: bool,
}

/// Reads inline content: a plain string, or a list of runs (strings or `{text, marks?, href?}`).
pub(crate) fn decode(d: &mut Decoder, value: &Value) -> Option<Inline> {
    match value {
        Value::String(_) => Some(Inline(vec![Run {
            text: d.string(value)?,
            ..Run::default()
        }])),
        Value::Array(_) => d.list(value, decode_run).map(Inline),
        other => {
            d.error(format!(
                "expected text or a list of runs, found {}",
                kind(other)
            ));
            None
        }
    }
}

fn decode_run(d: &mut Decoder, value: &Value) -> Option<Run> {
    let run = match value {
        Value::String(_) => {
            return Some(Run {
                text: d.string(value)?,
                ..Run::default()
            });
        }
        Value::Object(run) => run,
        other => {
            d.error(format!(
                "expected a string or a run object, found {}",
                kind(other)
            ));
            return None;
        }
    };
    let text = d.required(run, "text", Decoder::string)?;
    let marks = d
        .optional(run, "marks", |d, marks| d.list(marks, decode_mark))
        .unwrap_or_default()
        .into_iter()
        .fold(Marks::default(), |mut marks, mark| {
            match mark {
                Mark::Bold => marks.bold = true,
                Mark::Italic => marks.italic = true,
                Mark::Code => marks.code = true,
                Mark::Strike => marks.strike = true,
            }
            marks
        });
    // A bad link loses its href and keeps its text.
    let href = d.optional(run, "href", |d, href| {
        let href = d.string(href)?;
        check_href(&href).map_err(|reason| d.error(reason)).ok()
    });
    Some(Run { text, marks, href })
}

enum Mark {
    Bold,
    Italic,
    Code,
    Strike,
}

fn decode_mark(d: &mut Decoder, value: &Value) -> Option<Mark> {
    let name = d.string(value)?;
    match name.as_str() {
        "bold" => Some(Mark::Bold),
        "italic" => Some(Mark::Italic),
        "code" => Some(Mark::Code),
        "strike" => Some(Mark::Strike),
        _ => {
            d.notice(format!("unknown mark \"{name}\" was ignored"));
            None
        }
    }
}
