//! Typed errors of the library. The binary alone turns them into messages and exit codes.

use std::fmt;

/// What kind of input problem was found (a stable code for tests and tools).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The file could not be read.
    Io,
    /// Not valid JSON (or a key given twice).
    Syntax,
    /// A value of the wrong JSON type.
    Type,
    /// A field the format does not know (often a typo).
    UnknownField,
    /// A required field is absent.
    Missing,
    /// An id given twice in one id space.
    DuplicateId,
    /// A reference to an id that does not exist.
    Dangling,
    /// A value outside its allowed range or form (a date, a time, a priority …).
    Invalid,
    /// Planar and geographic locations mixed in one file.
    MixedLocations,
    /// A format version this program does not read.
    Version,
    /// The file is not UTF-8 text (the problem names the line, column and byte offset).
    Encoding,
}

impl ProblemKind {
    /// The short code printed with each problem.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Io => "io",
            ProblemKind::Syntax => "syntax",
            ProblemKind::Type => "type",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::Missing => "missing",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::Dangling => "unknown-id",
            ProblemKind::Invalid => "invalid",
            ProblemKind::MixedLocations => "mixed-locations",
            ProblemKind::Version => "version",
            ProblemKind::Encoding => "encoding",
        }
    }
}

/// One problem of an input file, at a JSON place such as `tasks[17].business`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The JSON place (`tasks[17].business`); empty for the whole file.
    pub place: String,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// The cause, and where it helps, what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    /// One line: control characters in the place or message (which may echo values of
    /// the file) are escaped, so one problem never spans two lines or drives a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = escape_controls(&self.message);
        let whole_file = matches!(
            self.kind,
            ProblemKind::Io | ProblemKind::Syntax | ProblemKind::Encoding
        );
        if self.place.is_empty() && whole_file {
            // The message itself locates the problem (line and column) or concerns the
            // file as a whole.
            write!(f, "{message} [{}]", self.kind.code())
        } else if self.place.is_empty() {
            // The root value, e.g. an array where an object is expected.
            write!(f, "(root): {message} [{}]", self.kind.code())
        } else {
            let place = escape_controls(&self.place);
            write!(f, "{place}: {message} [{}]", self.kind.code())
        }
    }
}

/// `text` with every control character escaped as Rust writes it (`\n`, `\r`, `\t`,
/// `\u{1b}`, …), so that echoing a value of a file can neither split a message over two
/// lines nor send escape sequences to a terminal. Other text is unchanged.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// An input file that cannot be used: every problem found in it, in file order.
#[derive(Clone, Debug, thiserror::Error)]
pub struct InputError {
    /// The file (as the user named it).
    pub file: String,
    /// All problems found.
    pub problems: Vec<Problem>,
}

impl InputError {
    /// An error with one problem.
    pub fn single(file: impl Into<String>, kind: ProblemKind, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            problems: vec![Problem {
                place: String::new(),
                kind,
                message: message.into(),
            }],
        }
    }

    /// Whether some problem has this kind.
    pub fn has(&self, kind: ProblemKind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }

    /// Whether some problem is at exactly this place.
    pub fn at(&self, place: &str) -> bool {
        self.problems.iter().any(|p| p.place == place)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{}: {} problem{}",
            escape_controls(&self.file),
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// An input file's text and the name its errors carry.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The name errors carry (the path as given).
    pub name: String,
    /// The whole text.
    pub text: String,
}

impl InputFile {
    /// Reads `path` (see [`crate::read::read_text`]: a file that cannot be read, is too
    /// large or is not UTF-8 is an [`InputError`] naming the file and, for bad bytes, the
    /// place). Every reader of input files goes through here.
    pub fn read(path: &std::path::Path) -> Result<InputFile, InputError> {
        let name = path.display().to_string();
        let text = crate::read::read_text(path)?;
        Ok(InputFile { name, text })
    }
}
