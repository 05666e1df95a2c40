//! What the journal accepts from people: the days it can hold and the text
//! it keeps. One place, so the loader, the forms, the command line and the
//! import all draw the same lines.

use chrono::NaiveDate;

/// The first day a journal may name. Nobody keeps a ledger of a marriage
/// before 1900; a date like 0001-01-01 is a typo, and a report from it to
/// today runs to hundreds of thousands of weeks.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => panic!("1900-01-01 is a date"),
};

/// The last day a journal may name.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(day) => day,
    None => panic!("2200-12-31 is a date"),
};

/// The most bytes one text (a note, a reflection, a title) may hold: 64 KiB,
/// pages of writing, small enough that editing it stays instant.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Whether `day` lies between [`FIRST_DAY`] and [`LAST_DAY`].
pub fn day_in_range(day: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&day)
}

/// Why `day` may not be used, to end a sentence ("entry … is dated …");
/// `None` when it is in range.
pub fn day_problem(day: NaiveDate) -> Option<String> {
    (!day_in_range(day)).then(|| format!("{day}, outside the dates trustbank keeps ({FIRST_DAY} to {LAST_DAY})"))
}

/// Why `day` may not be used, as a sentence of its own (for a form or the
/// command line); `None` when it is in range.
pub fn day_error(day: NaiveDate) -> Option<String> {
    (!day_in_range(day)).then(|| format!("{day} is outside the dates trustbank keeps ({FIRST_DAY} to {LAST_DAY})"))
}

/// A day typed as `YYYY-MM-DD`, or why it is not one trustbank keeps.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| "use YYYY-MM-DD".to_string())?;
    match day_error(day) {
        Some(error) => Err(error),
        None => Ok(day),
    }
}

/// Whether `c` is a control character a text may not hold (but see
/// [`text_problem`] for a Windows line end). New lines and tabs are writing; ESC, BEL, backspace, the other C0 and C1 codes and DEL
/// would move a terminal's cursor or ring its bell when the text is shown.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// What is wrong with a text a person wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// It holds this control character.
    Control(char),
    /// It is this many bytes long, over [`MAX_TEXT_BYTES`].
    TooLong(usize),
}

impl std::fmt::Display for TextProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextProblem::Control(c) => write!(f, "holds the control character {}", control_name(*c)),
            TextProblem::TooLong(bytes) => write!(f, "is {}, over the limit of {}", size(*bytes), size(MAX_TEXT_BYTES)),
        }
    }
}

/// The first thing wrong with `text`, if any. The length is checked first:
/// it costs nothing.
pub fn text_problem(text: &str) -> Option<TextProblem> {
    if text.len() > MAX_TEXT_BYTES {
        return Some(TextProblem::TooLong(text.len()));
    }
    // Every forbidden character is a byte below 0x20 or 0x7F (C0, DEL) or
    // starts with 0xC2 (C1): a scan of bytes skips the decoding of the tens of
    // thousands of sound notes a journal of years holds.
    let suspect = |b: &u8| (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(suspect) {
        return None;
    }
    forbidden(text).next().map(|(_, c)| TextProblem::Control(c))
}

/// The forbidden control characters of `text` and their byte offsets. A
/// carriage return just before a new line is the new line as Windows
/// writes it, so it stays.
fn forbidden(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices()
        .filter(|&(i, c)| is_forbidden_control(c) && !(c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n')))
}

/// `text` without its forbidden control characters, otherwise as it was
/// (for the ways out: CSV, Markdown).
pub fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if forbidden(text).next().is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, c) in forbidden(text) {
        out.push_str(&text[from..i]);
        from = i + c.len_utf8();
    }
    out.push_str(&text[from..]);
    out.into()
}

/// `text` without the control characters it may not hold (a carriage return
/// before a new line, or alone, becomes that new line).
pub fn strip_controls(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|&c| !is_forbidden_control(c)).collect()
}

/// A size as a person reads it: `812 bytes`, `64.0 KiB`, `1.5 MiB`.
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// A control character as a person can read it: `ESC (U+001B)`.
pub fn control_name(c: char) -> String {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("{name} (U+{:04X})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_are_inclusive() {
        assert!(day_in_range(FIRST_DAY) && day_in_range(LAST_DAY));
        assert!(!day_in_range(FIRST_DAY.pred_opt().expect("a day")));
        assert!(!day_in_range(LAST_DAY.succ_opt().expect("a day")));
        assert_eq!(
            day_error("0001-01-01".parse().expect("date")).as_deref(),
            Some("0001-01-01 is outside the dates trustbank keeps (1900-01-01 to 2200-12-31)")
        );
    }

    #[test]
    fn newlines_and_tabs_are_writing_other_controls_are_not() {
        assert_eq!(text_problem("two\nlines\tand a tab"), None);
        for c in ['\u{1b}', '\u{7}', '\u{8}', '\u{0}', '\r', '\u{7f}', '\u{85}', '\u{9b}'] {
            assert_eq!(text_problem(&format!("a{c}b")), Some(TextProblem::Control(c)), "{c:?}");
        }
        assert_eq!(strip_controls("a\u{1b}[31mred\u{7}\r\nnext\tcol\u{7f}"), "a[31mred\nnext\tcol");
        assert_eq!(text_problem("a Windows line end\r\nis a new line"), None);
        assert_eq!(text_problem("a lone\rreturn"), Some(TextProblem::Control('\r')));
        assert_eq!(without_controls("bell\u{7} and\r\n\u{1b}[2Jclear\u{9b}"), "bell and\r\n[2Jclear");
        assert_eq!(TextProblem::Control('\u{1b}').to_string(), "holds the control character ESC (U+001B)");
    }

    #[test]
    fn sixty_four_kib_is_the_most_a_text_holds() {
        assert_eq!(text_problem(&"x".repeat(MAX_TEXT_BYTES)), None);
        assert_eq!(text_problem(&"x".repeat(MAX_TEXT_BYTES + 1)), Some(TextProblem::TooLong(MAX_TEXT_BYTES + 1)));
        assert_eq!(TextProblem::TooLong(70_000).to_string(), "is 68.4 KiB, over the limit of 64.0 KiB");
        assert_eq!(size(812), "812 bytes");
    }
}
