//! The walk from bytes to the model: parsing, limits, and the [`Decoder`] that reads a
//! `serde_json::Value` field by field while it records problems with their JSON paths.

use serde_json::{Map, Value};

use crate::article::{self, Article};
use crate::index::{self, Index};
use crate::problem::{Problem, Severity};

/// How much a document may ask of the reader's device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest document, in bytes, that is downloaded and parsed.
    pub max_bytes: usize,
    /// The most blocks an article body may have.
    pub max_blocks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024,
            max_blocks: 10_000,
        }
    }
}

/// A document that could be shown, with everything that had to be dropped or reduced on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded<T> {
    pub value: T,
    pub problems: Vec<Problem>,
    /// The [`fingerprint`] of the bytes this was decoded from: a page rendered ahead of time
    /// from the same bytes is the same page.
    pub source: u64,
}

/// A 64-bit FNV-1a hash of `bytes`: cheap, stable across builds and platforms, and the same in
/// the prerender step and in the browser. Not for security; it tells "the same input" apart
/// from "edited since".
pub fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A document that cannot be shown: a required field is unusable, or it is not JSON at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Every problem found, the ones that refused the document among them.
    pub problems: Vec<Problem>,
    pub reason: Rejection,
}

/// Why a document was refused, as a reader would want it said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Not JSON, not an object, or a required field missing or unusable.
    Unreadable,
    /// Over a size, block or nesting limit.
    TooLarge,
    /// Written for a newer version of the format.
    NewerVersion,
}

impl Rejected {
    fn single(message: String, reason: Rejection) -> Rejected {
        Rejected {
            problems: vec![Problem {
                path: String::new(),
                message,
                severity: Severity::Error,
            }],
            reason,
        }
    }
}

/// Decodes an article. `expected_id` is the id the document was requested under: a document
/// whose `id` names another article is refused, so the page never shows an article other than
/// the one in its address.
pub fn decode_article(
    bytes: &[u8],
    expected_id: Option<&str>,
    limits: &Limits,
) -> Result<Decoded<Article>, Rejected> {
    let value = parse(bytes, limits)?;
    let mut decoder = Decoder::default();
    let article = article::decode(&mut decoder, &value, expected_id, limits);
    decoder.finish(article, bytes)
}

/// Decodes the front page's list of articles (`content/index.json`).
pub fn decode_index(bytes: &[u8], limits: &Limits) -> Result<Decoded<Index>, Rejected> {
    let value = parse(bytes, limits)?;
    let mut decoder = Decoder::default();
    let index = index::decode(&mut decoder, &value);
    decoder.finish(index, bytes)
}

pub(crate) fn parse(bytes: &[u8], limits: &Limits) -> Result<Value, Rejected> {
    if bytes.len() > limits.max_bytes {
        return Err(Rejected::single(
            format!(
                "the document is {} bytes; the limit is {} bytes",
                bytes.len(),
                limits.max_bytes
            ),
            Rejection::TooLarge,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        Rejected::single(
            format!(
                "the document is not valid UTF-8 text (bad byte at offset {})",
                error.valid_up_to()
            ),
            Rejection::Unreadable,
        )
    })?;
    if text.trim_start().starts_with('<') {
        return Err(Rejected::single(
            "the server sent an HTML page where JSON was expected (often an error or login page)"
                .into(),
            Rejection::Unreadable,
        ));
    }
    serde_json::from_str(text).map_err(|error| {
        if error.to_string().starts_with("recursion limit exceeded") {
            // serde_json stops at 128 levels, far deeper than any article needs.
            let message = format!("the document is nested more than 128 levels deep ({error})");
            Rejected::single(message, Rejection::TooLarge)
        } else {
            Rejected::single(
                format!("the document is not valid JSON: {error}"),
                Rejection::Unreadable,
            )
        }
    })
}

/// One step of a JSON path.
enum Segment {
    Key(String),
    Index(usize),
}

/// Reads a `Value` into the model, remembering where it is so every problem gets its path.
///
/// Readers return `None` for a value they could not use, after recording why; callers decide
/// whether that drops an item, reduces it, or refuses the document.
#[derive(Default)]
pub(crate) struct Decoder {
    path: Vec<Segment>,
    problems: Vec<Problem>,
    /// Set when a problem refuses the document for a reason other than unreadability.
    rejection: Option<Rejection>,
}

impl Decoder {
    /// For documents that are never refused (the configuration).
    pub(crate) fn into_decoded<T>(self, value: T, bytes: &[u8]) -> Decoded<T> {
        Decoded {
            value,
            problems: self.problems,
            source: fingerprint(bytes),
        }
    }

    fn finish<T>(self, value: Option<T>, bytes: &[u8]) -> Result<Decoded<T>, Rejected> {
        match value {
            Some(value) => Ok(Decoded {
                value,
                problems: self.problems,
                source: fingerprint(bytes),
            }),
            None => Err(Rejected {
                problems: self.problems,
                reason: self.rejection.unwrap_or(Rejection::Unreadable),
            }),
        }
    }

    fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(key) if path.is_empty() => path.push_str(key),
                Segment::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Segment::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        path
    }

    /// Records a violation of the format at the current path.
    pub(crate) fn error(&mut self, message: impl Into<String>) {
        let path = self.path();
        self.problems.push(Problem {
            path,
            message: message.into(),
            severity: Severity::Error,
        });
    }

    /// Records a problem that refuses the document for `reason`.
    pub(crate) fn reject(&mut self, reason: Rejection, message: impl Into<String>) {
        self.rejection.get_or_insert(reason);
        self.error(message);
    }

    /// Whether a problem so far refuses the document.
    pub(crate) fn is_rejected(&self) -> bool {
        self.rejection.is_some()
    }

    /// Records something skipped that a newer format may define.
    pub(crate) fn notice(&mut self, message: impl Into<String>) {
        let path = self.path();
        self.problems.push(Problem {
            path,
            message: message.into(),
            severity: Severity::Notice,
        });
    }

    /// Runs `read` one level down, at `key`.
    pub(crate) fn at_key<T>(&mut self, key: &str, read: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(Segment::Key(key.to_string()));
        let result = read(self);
        self.path.pop();
        result
    }

    fn at_index<T>(&mut self, index: usize, read: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(Segment::Index(index));
        let result = read(self);
        self.path.pop();
        result
    }

    /// A field that must be present and usable.
    pub(crate) fn required<'v, T>(
        &mut self,
        object: &'v Map<String, Value>,
        key: &str,
        read: impl FnOnce(&mut Self, &'v Value) -> Option<T>,
    ) -> Option<T> {
        self.at_key(key, |d| match object.get(key) {
            None | Some(Value::Null) => {
                d.error("is required");
                None
            }
            Some(value) => read(d, value),
        })
    }

    /// A field that may be absent (or `null`); present but unusable, it is reported.
    pub(crate) fn optional<'v, T>(
        &mut self,
        object: &'v Map<String, Value>,
        key: &str,
        read: impl FnOnce(&mut Self, &'v Value) -> Option<T>,
    ) -> Option<T> {
        match object.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => self.at_key(key, |d| read(d, value)),
        }
    }

    pub(crate) fn object<'v>(&mut self, value: &'v Value) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(object) => Some(object),
            other => {
                self.error(format!("expected an object, found {}", kind(other)));
                None
            }
        }
    }

    /// A string, cleaned of control characters. May be empty.
    pub(crate) fn string(&mut self, value: &Value) -> Option<String> {
        self.raw_string(value).map(clean_text)
    }

    /// A string as written, for values that are checked character by character (an id) or
    /// must not carry a control character at all (a `srcset`).
    pub(crate) fn raw_string<'v>(&mut self, value: &'v Value) -> Option<&'v str> {
        match value {
            Value::String(text) => Some(text),
            other => {
                self.error(format!("expected a string, found {}", kind(other)));
                None
            }
        }
    }

    /// A string with something in it besides white space (and the control characters that
    /// cleaning removes). White space is Unicode's, plus U+FEFF: what ECMAScript's `\s` also
    /// counts, so that the JSON Schema's `$defs/text` pattern states this very rule.
    pub(crate) fn text(&mut self, value: &Value) -> Option<String> {
        let text = self.string(value)?;
        if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            self.error("must not be empty");
            None
        } else {
            Some(text)
        }
    }

    pub(crate) fn bool(&mut self, value: &Value) -> Option<bool> {
        match value {
            Value::Bool(flag) => Some(*flag),
            other => {
                self.error(format!("expected true or false, found {}", kind(other)));
                None
            }
        }
    }

    /// A whole number in `range`.
    pub(crate) fn whole_number(
        &mut self,
        value: &Value,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u64> {
        // JSON has one kind of number: `640.0` is the whole number 640 (as JSON Schema's
        // `integer` says too), up to 2^53, beyond which a float is no longer exact.
        let whole = value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(n))
                .map(|n| n as u64)
        });
        match whole {
            Some(number) if range.contains(&number) => Some(number),
            Some(number) => {
                self.error(format!(
                    "{number} is out of range ({} to {})",
                    range.start(),
                    range.end()
                ));
                None
            }
            None => {
                self.error(format!("expected a whole number, found {}", kind(value)));
                None
            }
        }
    }

    /// A list whose unusable items are dropped (each reported by `read`).
    pub(crate) fn list<'v, T>(
        &mut self,
        value: &'v Value,
        mut read: impl FnMut(&mut Self, &'v Value) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(items) = value else {
            self.error(format!("expected a list, found {}", kind(value)));
            return None;
        };
        let mut kept = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if let Some(item) = self.at_index(index, |d| read(d, item)) {
                kept.push(item);
            }
        }
        Some(kept)
    }
}

/// What a JSON value is, in the words of an error message.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Drops characters that no article text needs and that only serve to disguise it: control
/// characters (except tab and newline) and the bidirectional embeddings and overrides
/// (U+202A to U+202E), which can make text read backwards and spill into what follows it.
/// The isolates (U+2066 to U+2069), which right-to-left writing uses, stay.
fn clean_text(text: &str) -> String {
    if text.chars().any(is_removed_from_text) {
        text.chars().filter(|&c| !is_removed_from_text(c)).collect()
    } else {
        text.to_string()
    }
}

/// What cleaning takes out of every string: control characters (but line breaks and tabs) and
/// the bidirectional overrides U+202A–U+202E.
pub(crate) fn is_removed_from_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || ('\u{202A}'..='\u{202E}').contains(&c)
}
