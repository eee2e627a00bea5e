use std::fmt;

/// How much a problem costs the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The document breaks the format: the part named by the path was dropped or reduced, or,
    /// for a required field, the whole document was refused. `folio check` fails on these.
    Error,
    /// Something this viewer does not know (a block type or mark from a newer format) was
    /// skipped. Older viewers survive newer content, so this is not an error.
    Notice,
}

/// One thing wrong with a document, at a JSON path such as `body[12].content[3].href`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document, in JavaScript notation; empty for the document itself.
    pub path: String,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Notice => "notice",
        };
        if self.path.is_empty() {
            write!(f, "{label}: {}", self.message)
        } else {
            write!(f, "{label}: {}: {}", self.path, self.message)
        }
    }
}
