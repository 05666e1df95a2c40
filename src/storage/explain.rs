//! The parser's complaints in plain words. RON, serde and chrono describe a
//! bad file in their own terms ("Integer is out of bounds", "input is out
//! of range"); a person editing a journal by hand needs the field, the value
//! and what would be right.

use chrono::Datelike;
use ron::error::{Error, Position};

use crate::domain::limits::{FIRST_DAY, LAST_DAY};
use crate::domain::{FORMAT_VERSION, MAX_CENTS};

/// Where a complaint points: the 1-based line and column (in characters)
/// of the value it is about, and its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub line: usize,
    pub column: usize,
    pub sentence: String,
}

/// The sentence for `code`, raised at `at` in `text`.
pub fn parse_error(code: &Error, at: Position, text: &str) -> Said {
    let offset = offset_of(text, at);
    let value = Value::at(text, offset);
    let (line, column) = line_column(text, value.start);
    let sentence = sentence(code, &value);
    Said { line, column, sentence }
}

/// The value a complaint is about: its raw text (a string without its
/// quotes) and the field it is the value of, when there is one.
struct Value<'a> {
    start: usize,
    raw: &'a str,
    quoted: bool,
    field: Option<&'a str>,
}

impl<'a> Value<'a> {
    /// RON points into a value: inside a string's quotes, after a number's
    /// sign. Widen that to the whole value and find its field.
    fn at(text: &'a str, offset: usize) -> Value<'a> {
        let string = |open: usize| {
            let rest = &text[open + 1..];
            (open, &rest[..string_len(rest)], true)
        };
        let ahead = offset + (text[offset..].len() - text[offset..].trim_start().len());
        let (start, raw, quoted) = if text[..offset].ends_with('"') {
            string(offset - 1)
        } else if text[ahead..].starts_with('"') {
            string(ahead)
        } else {
            let start = if ahead == offset { text[..offset].trim_end_matches(['-', '+']).len() } else { ahead };
            let rest = &text[start..];
            let len = match rest.find(|c: char| !(c.is_alphanumeric() || "-+._:".contains(c))) {
                // Not a word or a number: show the one character found.
                Some(0) => rest.chars().next().map_or(0, char::len_utf8),
                Some(len) => len,
                None => rest.len(),
            };
            (start, &rest[..len], false)
        };
        let lead = text[..start].trim_end();
        let field = lead.strip_suffix(':').map(|l| {
            let l = l.trim_end();
            let name_start = l.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
            &l[name_start..]
        });
        Value { start, raw, quoted, field: field.filter(|f| !f.is_empty()) }
    }

    /// The field in words: `the amount`, `the date`, or `this value`.
    fn name(&self) -> String {
        match self.field {
            Some(f) => format!("the {}", f.replace('_', " ")),
            None => "this value".into(),
        }
    }

    fn shown(&self) -> String {
        if self.quoted { format!("\"{}\"", self.raw) } else { self.raw.to_string() }
    }

    fn is_amount(&self) -> bool {
        matches!(
            self.field,
            Some(
                "amount"
                    | "cents"
                    | "kept"
                    | "missed"
                    | "commitment_kept"
                    | "commitment_missed"
                    | "default_deposit"
                    | "default_withdrawal"
            )
        )
    }
}

/// The bytes of a string's body up to its closing quote (or the end).
fn string_len(rest: &str) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i,
            '\n' => return i,
            _ => escaped = false,
        }
    }
    rest.len()
}

fn sentence(code: &Error, v: &Value) -> String {
    let shown = v.shown();
    let field = v.name();
    match code {
        Error::Message(message) => custom(message, v),
        Error::IntegerOutOfBounds if v.raw.starts_with('-') && v.field == Some("version") => {
            format!("version {} is not a format any trustbank wrote (this one writes format {FORMAT_VERSION})", v.raw)
        }
        Error::IntegerOutOfBounds if v.raw.starts_with('-') && v.is_amount() => format!(
            "{field} is {}, below zero; amounts are whole cents above zero, and a withdrawal is its own kind of entry",
            v.raw
        ),
        Error::IntegerOutOfBounds if v.raw.starts_with('-') => {
            format!("{field} is {}, but it is never below zero", v.raw)
        }
        Error::IntegerOutOfBounds if v.is_amount() => {
            format!("{field} is {}, more than any entry may hold (at most {MAX_CENTS} cents, $1000000.00)", v.raw)
        }
        Error::IntegerOutOfBounds => format!("{field} is {}, a number too large for it", v.raw),
        Error::InvalidIntegerDigit { .. } | Error::ExpectedInteger | Error::UnderscoreAtBeginning => {
            format!("{field} must be a whole number, like 25, not {shown}")
        }
        Error::ExpectedFloat | Error::FloatUnderscore => format!("{field} must be a number, not {shown}"),
        Error::ExpectedBoolean => format!("{field} must be true or false, not {shown}"),
        Error::InvalidValueForType { expected, found } => format!("{field} is {found}, but it must be {expected}"),
        Error::ExceededRecursionLimit => {
            "brackets are nested here deeper than in any journal (over 128 levels), so this is not a journal".into()
        }
        Error::NoSuchEnumVariant { expected, found, outer } => {
            let what = outer.as_deref().map_or_else(|| "choice".to_string(), kind_name);
            format!("{found} is not {} {what}; write {}", article(&what), one_of(expected))
        }
        Error::NoSuchStructField { expected, found, outer } => {
            let what = outer.as_deref().map_or_else(|| "a record".to_string(), record_name);
            format!("{what} has no field {found}; its fields are {}", one_of(expected).replace(" or ", " and "))
        }
        Error::MissingStructField { field, outer } => {
            let what = outer.as_deref().map_or_else(|| "a record".to_string(), record_name);
            format!("{what} ending here has no {field} field, which it needs")
        }
        Error::DuplicateStructField { field, outer } => {
            let what = outer.as_deref().map_or_else(|| "a record".to_string(), record_name);
            format!("{what} names its {field} a second time here")
        }
        Error::ExpectedNamedStructLike(name) if *name == "Journal" => {
            "this is not a trustbank journal, which starts with \"(version: 2,\"".into()
        }
        Error::ExpectedNamedStructLike(name) => {
            format!("{} belongs here, written in round brackets ( … ), not {shown}", record_name(name))
        }
        Error::ExpectedDifferentStructName { expected, found } => {
            format!("{found} is written here where {} belongs", record_name(expected))
        }
        Error::ExpectedStructLike | Error::ExpectedUnit => {
            format!("a record in round brackets ( … ) belongs here, not {shown}")
        }
        Error::ExpectedStructLikeEnd => "a record is not closed here with \")\"".into(),
        Error::ExpectedArray => format!("{field} must be a list in square brackets [ … ], not {shown}"),
        Error::ExpectedArrayEnd => "a list is not closed here with \"]\"".into(),
        Error::ExpectedMap => format!("{field} must be written in curly brackets {{ … }}, not {shown}"),
        Error::ExpectedMapEnd => "curly brackets are not closed here with \"}\"".into(),
        Error::ExpectedMapColon => "a colon \":\" is missing after the field's name".into(),
        Error::ExpectedComma => "a comma is missing here, between two fields or two items".into(),
        Error::ExpectedOption => format!("{field} must be Some(…) or None, not {shown}"),
        Error::ExpectedOptionEnd => "Some( … ) is not closed here with \")\"".into(),
        Error::ExpectedString | Error::ExpectedChar | Error::ExpectedByteString | Error::ExpectedByteLiteral => {
            format!("{field} must be text in double quotes, like \"…\", not {shown}")
        }
        Error::ExpectedStringEnd => "a text opened with a double quote is never closed".into(),
        Error::InvalidEscape(_) => {
            "a backslash in this text starts no known escape (write \\\\ for a backslash, \\\" for a quote)".into()
        }
        Error::ExpectedIdentifier if v.quoted && v.field.is_some() => {
            format!("{field} is a name written without quotes, not {shown}")
        }
        Error::ExpectedIdentifier | Error::InvalidIdentifier(_) | Error::SuggestRawIdentifier(_) => {
            format!("a field's name belongs here, not {shown}")
        }
        Error::UnexpectedChar(c) => format!("the character {c:?} does not belong here"),
        Error::TrailingCharacters => "there is more text after the end of the journal".into(),
        Error::Eof => "the file ends in the middle of the journal (it may have been cut short)".into(),
        Error::UnclosedBlockComment => "a comment opened with /* is never closed with */".into(),
        Error::UnclosedLineComment => "a comment opened with // runs to the end of the file".into(),
        Error::ExpectedDifferentLength { expected, found } => {
            format!("{field} holds {found} items where it must hold {expected}")
        }
        Error::Utf8Error(_) => "this is not valid UTF-8 text".into(),
        Error::ExpectedAttribute | Error::ExpectedAttributeEnd | Error::NoSuchExtension(_) => {
            "this #![…] line is not one a trustbank journal has".into()
        }
        _ => format!("this is not how a trustbank journal is written ({shown} is not expected here)"),
    }
}

/// The words for a complaint raised by a field's own reader (chrono's dates
/// and times, the week's days). They do not say which value, so the value's
/// shape does.
fn custom(message: &str, v: &Value) -> String {
    let raw = v.raw;
    let field = v.name();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = raw.splitn(3, '-').collect();
    if parts.len() == 3 && digits(parts[0]) && digits(parts[1]) && digits(parts[2]) {
        let year: Option<i64> = parts[0].parse().ok();
        return if year.is_some_and(|y| y >= i64::from(FIRST_DAY.year()) && y <= i64::from(LAST_DAY.year())) {
            format!("{raw} is not a date on the calendar")
        } else {
            format!("{raw} is outside the dates trustbank keeps ({FIRST_DAY} to {LAST_DAY})")
        };
    }
    if raw.contains('T') && raw.len() > 10 && raw.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return format!("{} is not a moment in time; write it like 2026-11-26T21:00:00+01:00", v.shown());
    }
    match v.field {
        Some("date" | "start" | "end" | "injury_date") | Some("Once") => {
            format!("{} is not a date; write dates as YYYY-MM-DD, like 2026-11-26", v.shown())
        }
        Some("at") => format!("{} is not a moment in time; write it like 2026-11-26T21:00:00+01:00", v.shown()),
        Some("day_ends_at") => format!("{} is not a time of day; write it like 04:00:00", v.shown()),
        Some("week_starts_on") => {
            format!("{} is not a day of the week; write Mon, Tue, Wed, Thu, Fri, Sat or Sun", v.shown())
        }
        _ if message.contains("weekday") => {
            format!("{} is not a day of the week; write Mon, Tue, Wed, Thu, Fri, Sat or Sun", v.shown())
        }
        _ => format!("{field} cannot be {} ({message})", v.shown()),
    }
}

/// `A, B or C`.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A record type's name in words, with its article.
fn record_name(name: &str) -> String {
    match name {
        "Journal" => "the journal".into(),
        "Settings" => "the settings".into(),
        "Names" => "the names".into(),
        "Entry" => "an entry".into(),
        "OutcomeRecord" => "an outcome".into(),
        "CheckIn" => "a check-in".into(),
        "Agreement" => "an agreement".into(),
        "Reveal" | "Acknowledge" | "MakeItRight" | "LongGame" => "a repair step".into(),
        other => {
            let name = words(other);
            format!("{} {name}", article(&name))
        }
    }
}

/// An enum's name in words: what one of its choices is.
fn kind_name(name: &str) -> String {
    match name {
        "EntryKind" => "kind of entry".into(),
        "Who" => "person (Me or Partner)".into(),
        "StepState" => "state of a repair step".into(),
        other => words(other),
    }
}

/// `a` or `an`, as said before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// `MakeItRight` → `make it right`.
fn words(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The byte offset of a RON position (columns count characters).
fn offset_of(text: &str, at: Position) -> usize {
    let line_start =
        if at.line <= 1 { 0 } else { text.match_indices('\n').nth(at.line - 2).map_or(text.len(), |(i, _)| i + 1) };
    let rest = &text[line_start..];
    line_start + rest.char_indices().nth(at.col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// The 1-based line and column (in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_the_right_article() {
        assert_eq!(record_name("Commitment"), "a commitment");
        assert_eq!(record_name("OutcomeRecord"), "an outcome");
        assert_eq!(record_name("Entry"), "an entry");
        assert_eq!(format!("{} {}", article(&kind_name("Outcome")), kind_name("Outcome")), "an outcome");
    }

    #[test]
    fn an_unknown_outcome_is_named_in_words() {
        let text = "(outcome: Forgot)";
        let at = Position { line: 1, col: 11 };
        let code = Error::NoSuchEnumVariant {
            expected: &["Kept", "Missed", "Excused"],
            found: "Forgot".into(),
            outer: Some("Outcome".into()),
        };
        let said = parse_error(&code, at, text);
        assert_eq!(said.sentence, "Forgot is not an outcome; write Kept, Missed or Excused");
        assert_eq!((said.line, said.column), (1, 11));
    }
}
