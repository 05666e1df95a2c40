//! The file format: pretty RON with a top-level `version`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::Located;
use super::{StorageError, explain};
use crate::domain::validate::{self, Problem};
use crate::domain::{FORMAT_VERSION, Id, Journal};

/// The journal as pretty, hand-editable RON (stable field order: the order
/// of the struct fields), one record per line: a diff, a merge tool and a
/// person reading it all see whole records.
pub fn to_ron(journal: &Journal) -> Result<String, StorageError> {
    to_ron_in(String::new(), journal)
}

/// [`to_ron`], written into `text` (a journal of years is tens of MB: room
/// made once beats growing the text as it is written).
pub fn to_ron_in(mut text: String, journal: &Journal) -> Result<String, StorageError> {
    let config =
        ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n").depth_limit(RECORD_DEPTH);
    ron::ser::to_writer_pretty(&mut text, journal, config).map_err(|e| StorageError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// How deep the file is laid out over lines: the journal's fields, then
/// each record of a list on a line of its own.
const RECORD_DEPTH: usize = 2;

/// What [`from_ron`] found: the journal, and whether it came from a newer
/// format (and so may only be read).
#[derive(Debug)]
pub struct Parsed {
    pub journal: Journal,
    pub newer_version: Option<u32>,
    /// The file's version when it was older than this build's (the journal
    /// was migrated as it was read).
    pub older_version: Option<u32>,
}

/// Parses the file's bytes and runs the loader's checks on the journal, so
/// that every complaint about a file can name the line it is about.
/// `backup` is named in errors so a person knows where to turn. The ids read
/// are shown to the id generator (see [`Id::observe`]): what is added after
/// a load sorts after what was there.
pub fn from_ron(bytes: &[u8], path: &Path, backup: Option<PathBuf>) -> Result<Parsed, StorageError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(&bytes[..e.valid_up_to()]);
            return Err(StorageError::NotUtf8 { path: path.to_path_buf(), line, column, backup });
        }
    };
    // Editors on some systems add a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(StorageError::Empty { path: path.to_path_buf(), backup });
    }
    match ron::from_str::<Journal>(text) {
        Ok(journal) => {
            Id::observe(journal.ids());
            let parsed = check_version(journal, path, text, &backup)?;
            let problems = validate::problems(&parsed.journal);
            if problems.is_empty() {
                Ok(parsed)
            } else {
                let problems = problems.into_iter().map(|p| locate(text, p)).collect();
                Err(StorageError::Unsound { path: path.to_path_buf(), problems, backup })
            }
        }
        Err(error) => {
            // A newer format may not parse as ours; say so instead of
            // reporting its new fields as mistakes.
            if let Some(found) = probe_version(text)
                && found > FORMAT_VERSION
            {
                return Err(StorageError::TooNew { path: path.to_path_buf(), found, supported: FORMAT_VERSION });
            }
            let said = explain::parse_error(&error.code, error.span.start, text);
            Err(StorageError::Parse {
                path: path.to_path_buf(),
                line: said.line,
                column: said.column,
                message: said.sentence,
                backup,
            })
        }
    }
}

fn check_version(journal: Journal, path: &Path, text: &str, backup: &Option<PathBuf>) -> Result<Parsed, StorageError> {
    match journal.version {
        0 => {
            let at = text.find("version").map_or(0, |i| {
                let after = &text[i + "version".len()..];
                i + "version".len() + after.find(|c: char| c.is_ascii_digit()).unwrap_or(0)
            });
            let (line, column) = explain::line_column(text, at);
            Err(StorageError::UnknownVersion {
                path: path.to_path_buf(),
                line,
                column,
                found: 0,
                backup: backup.clone(),
            })
        }
        v if v > FORMAT_VERSION => Ok(Parsed { journal, newer_version: Some(v), older_version: None }),
        // In memory only: the file is rewritten on the next change, after
        // a copy of it is kept.
        1 => Ok(Parsed { journal: super::migrate::from_v1(journal), newer_version: None, older_version: Some(1) }),
        _ => Ok(Parsed { journal, newer_version: None, older_version: None }),
    }
}

/// A problem with the line and column of what it names: the first
/// `needle` after the first `section:` of the file.
fn locate(text: &str, problem: Problem) -> Located {
    let line = problem.1.and_then(|spot| {
        let from = text.find(&format!("{}:", spot.section)).unwrap_or(0);
        // An empty id is written `id: ""`; a bare `""` would find the
        // first empty note.
        let needle = if spot.needle == "\"\"" { "id: \"\"".to_string() } else { spot.needle };
        let at = text[from..].find(&needle).map(|i| from + i)?;
        let at = if needle.starts_with("id: ") { at + "id: ".len() } else { at };
        Some(explain::line_column(text, at))
    });
    Located { line, problem: problem.0 }
}

/// The `version` of a file that does not parse as a whole, if it has one.
fn probe_version(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    // Unknown fields are ignored, so only `version` has to make sense.
    ron::from_str::<Probe>(text).ok().map(|p| p.version).or_else(|| {
        // Fall back to a plain look at the start of the text, for files
        // whose other fields are foreign to this build (or cut short). Only
        // a `version` that opens the top-level struct counts: a note that
        // says "version: 9" further down is not the file's format.
        let rest = skip_blank(text);
        let rest = skip_blank(rest.strip_prefix("Journal").unwrap_or(rest)).strip_prefix('(')?;
        let rest = skip_blank(skip_blank(rest).strip_prefix("version")?).strip_prefix(':')?;
        let digits: String = skip_blank(rest).chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })
}

/// Whether the file's text holds a RON comment (`//` or `/* */`) outside
/// its strings. A save writes the journal afresh, so comments are not kept;
/// `trustbank check` says so.
pub fn holds_comments(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = after_string(bytes, i + 1),
            // A raw string: r"…", r#"…"#; its body has no escapes.
            b'r' if !bytes.get(i.wrapping_sub(1)).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') => {
                let hashes = bytes[i + 1..].iter().take_while(|b| **b == b'#').count();
                if bytes.get(i + 1 + hashes) == Some(&b'"') {
                    let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                    let body = i + 2 + hashes;
                    i = bytes[body..]
                        .windows(close.len())
                        .position(|w| w == close)
                        .map_or(bytes.len(), |p| body + p + close.len());
                } else {
                    i += 1;
                }
            }
            // A character: 'x', '\'', '"'.
            b'\'' => {
                let body = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'\\'));
                i = bytes[(body + 1).min(bytes.len())..]
                    .iter()
                    .position(|b| *b == b'\'')
                    .map_or(bytes.len(), |p| body + 1 + p + 1);
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => return true,
            _ => i += 1,
        }
    }
    false
}

/// The index just after the string whose body starts at `i`.
fn after_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// `text` after any leading white space and RON comments.
fn skip_blank(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(rest) = text.strip_prefix("/*") {
            text = rest.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return text;
        }
    }
}

/// 1-based line and column (in characters) just after `bytes`.
fn line_column(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::holds_comments;

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert!(holds_comments("// ours\n(version: 1)"));
        assert!(holds_comments("(version: 1, /* the first */ entries: [])"));
        assert!(holds_comments("(note: \"a \\\" quote\") // after an escaped quote"));
        assert!(holds_comments("(c: '\"') // after a quote character"));
        assert!(!holds_comments("(note: \"see https://example.org and /* this */\")"));
        assert!(!holds_comments("(note: \"a backslash at the end \\\\\", who: Me)"));
        assert!(!holds_comments("(note: r#\"raw // \"still\" raw\"#, c: '/')"));
        assert!(!holds_comments("(version: 1, entries: [])"));
    }
}
