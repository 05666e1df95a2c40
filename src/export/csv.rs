//! Entries as CSV, one row per entry, and back.
//!
//! The columns, in order: `id,date,time,kind,amount_cents,amount,category,
//! who,note,commitment`. `time` is the moment written down (RFC 3339 with
//! its offset), `kind` is `deposit`, `withdrawal` or `wipe`, `amount` is
//! dollars like `1.50` (a wipe has 0), `who` is `me` or `partner`, and
//! `commitment` is the id of the commitment whose outcome posted the entry,
//! or empty. Quoting follows RFC 4180; the text is UTF-8.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};

use crate::domain::limits;
use crate::domain::{Amount, AmountError, AmountInput, Entry, EntryKind, Id, MAX_CENTS, Person, parse_amount};

/// The header row, which is also the column order.
pub const HEADER: [&str; 10] =
    ["id", "date", "time", "kind", "amount_cents", "amount", "category", "who", "note", "commitment"];

/// `me` or `partner`.
pub fn who_name(who: Person) -> &'static str {
    match who {
        Person::A => "me",
        Person::B => "partner",
    }
}

/// Dollars without a sign: `0.10`, `12.40`.
pub fn dollars(amount: Amount) -> String {
    format!("{}.{:02}", amount.cents() / 100, amount.cents() % 100)
}

/// The entries as CSV text, header first.
pub fn to_string(entries: &[Entry]) -> String {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to memory cannot fail; a failure would only lose rows, never panic.
    let _ = writer.write_record(HEADER);
    for e in entries {
        let at = e.at.to_rfc3339();
        let date = e.date.format("%Y-%m-%d").to_string();
        let cents = e.amount.cents().to_string();
        let commitment = e.commitment.as_ref().map_or("", Id::as_str);
        let _ = writer.write_record([
            e.id.as_str(),
            &date,
            &at,
            e.kind.name(),
            &cents,
            &dollars(e.amount),
            // A journal that loaded holds no control character; this keeps
            // any other way here from writing one raw into a spreadsheet.
            &limits::without_controls(&e.category),
            who_name(e.who),
            &limits::without_controls(&e.note),
            commitment,
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One entry read from CSV, with the line its row starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub entry: Entry,
}

/// Why a CSV file cannot be read. Each message is one plain sentence
/// (without the file's name, which the caller adds).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty; it should start with the header {}", HEADER.join(","))]
    Empty,
    #[error("the first line has no \"{0}\" column; it should be the header {header}", header = HEADER.join(","))]
    MissingColumn(&'static str),
    #[error("line {line}: {message}")]
    Row { line: u64, message: String },
}

/// Where each known column sits in the file (found by the header's names,
/// so a spreadsheet may reorder or add columns).
struct Columns {
    width: usize,
    id: usize,
    date: usize,
    time: usize,
    kind: usize,
    amount_cents: Option<usize>,
    amount: Option<usize>,
    category: usize,
    who: usize,
    note: Option<usize>,
    commitment: Option<usize>,
}

impl Columns {
    fn find(header: &::csv::StringRecord) -> Result<Columns, ReadError> {
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            // The first column of a name wins.
            names.entry(name.trim().to_ascii_lowercase()).or_insert(i);
        }
        let optional = |name: &str| names.get(name).copied();
        let required = |name: &'static str| optional(name).ok_or(ReadError::MissingColumn(name));
        let (id, date, time, kind) = (required("id")?, required("date")?, required("time")?, required("kind")?);
        let amount_cents = optional("amount_cents");
        let amount = optional("amount");
        if amount_cents.is_none() && amount.is_none() {
            return Err(ReadError::MissingColumn("amount_cents"));
        }
        Ok(Columns {
            width: header.len(),
            id,
            date,
            time,
            kind,
            amount_cents,
            amount,
            category: required("category")?,
            who: required("who")?,
            note: optional("note"),
            commitment: optional("commitment"),
        })
    }
}

/// Turns records' byte offsets into the lines (from 1) they start on.
/// Counted here, because the csv crate's own line numbers drift after a
/// blank line or a quoted line break (BurntSushi/rust-csv#184, #208).
/// Records come in order, so the count only moves forward.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines { bytes, counted_to: 0, line: 1 }
    }

    fn at(&mut self, position: Option<&::csv::Position>) -> u64 {
        let Some(position) = position else { return 0 };
        let start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(self.bytes.len());
        // A record's offset may point at the blank lines skipped before it.
        let skipped = self.bytes[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let end = start + skipped;
        if end < self.counted_to {
            // Never expected; count from the start rather than guess.
            (self.counted_to, self.line) = (0, 1);
        }
        self.line += self.bytes[self.counted_to..end].iter().filter(|b| **b == b'\n').count() as u64;
        self.counted_to = end;
        self.line
    }
}

fn csv_error(lines: &mut Lines<'_>, e: &::csv::Error) -> ReadError {
    let line = lines.at(e.position());
    let message = match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8; save the file as UTF-8 CSV".to_string(),
        _ => e.to_string(),
    };
    ReadError::Row { line, message }
}

/// Reads every row of CSV text in the export's format. All or nothing: the
/// first row that is not a sound entry stops the read and is named by the
/// line it starts on. An id used by two rows is an error too.
pub fn read(bytes: &[u8]) -> Result<Vec<Row>, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    let mut lines = Lines::new(bytes);
    let header = reader.headers().map_err(|e| csv_error(&mut lines, &e))?.clone();
    let columns = Columns::find(&header)?;
    let mut rows = Vec::new();
    let mut lines_of: HashMap<Id, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&mut lines, &e))?;
        let line = lines.at(record.position());
        let entry = entry(&record, &columns).map_err(|message| ReadError::Row { line, message })?;
        if let Some(first) = lines_of.insert(entry.id.clone(), line) {
            return Err(ReadError::Row {
                line,
                message: format!("the id {} is already used on line {first}", entry.id),
            });
        }
        rows.push(Row { line, entry });
    }
    Ok(rows)
}

/// One row as an entry, or what is wrong with it.
fn entry(record: &::csv::StringRecord, c: &Columns) -> Result<Entry, String> {
    if record.len() != c.width {
        return Err(format!(
            "it has {} fields but the header has {}; a note with a comma, quote or line break must be in double quotes",
            record.len(),
            c.width
        ));
    }
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let optional = |i: Option<usize>| i.map_or("", field);

    let id = field(c.id);
    if id.is_empty() {
        return Err("the id is empty; every entry needs one".into());
    }
    let date_text = field(c.date);
    let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
        .map_err(|_| format!("\"{date_text}\" is not a date; use YYYY-MM-DD"))?;
    if let Some(error) = limits::day_error(date) {
        return Err(error);
    }
    let time_text = field(c.time);
    let at = DateTime::parse_from_rfc3339(time_text)
        .map_err(|_| format!("\"{time_text}\" is not a time; use RFC 3339, like 2026-11-26T21:00:00+01:00"))?;
    if let Some(outside) = limits::day_problem(at.date_naive()) {
        return Err(format!("the time {time_text} falls on {outside}"));
    }
    let kind_text = field(c.kind);
    let kind = match kind_text.to_ascii_lowercase().as_str() {
        "deposit" => EntryKind::Deposit,
        "withdrawal" => EntryKind::Withdrawal,
        "wipe" => EntryKind::Wipe,
        _ => return Err(format!("\"{kind_text}\" is not a kind; use deposit, withdrawal or wipe")),
    };
    let amount = amount(kind, optional(c.amount_cents), optional(c.amount))?;
    let category = field(c.category);
    if category.is_empty() {
        return Err("the category is empty".into());
    }
    let who_text = field(c.who);
    let who = match who_text.trim().to_ascii_lowercase().as_str() {
        "me" => Person::A,
        "partner" => Person::B,
        _ => return Err(format!("\"{who_text}\" is not me or partner")),
    };
    let commitment = optional(c.commitment);
    let note = c.note.and_then(|i| record.get(i)).unwrap_or("");
    for (what, text) in [("note", note), ("category", category)] {
        if let Some(problem) = limits::text_problem(text) {
            return Err(format!("the {what} {problem}"));
        }
    }
    Ok(Entry {
        id: Id::from(id),
        date,
        at,
        kind,
        amount,
        category: category.to_string(),
        who,
        // The note is kept exactly as written, spaces and line breaks too.
        note: note.to_string(),
        commitment: (!commitment.is_empty()).then(|| Id::from(commitment)),
        // Who imports it, and when, is set as it is added.
        by: Person::A,
        updated: 0,
    })
}

/// The amount from the `amount_cents` and `amount` columns: either may be
/// empty, and when both are given they must agree. A wipe has none.
fn amount(kind: EntryKind, cents_text: &str, dollars_text: &str) -> Result<Amount, String> {
    if kind == EntryKind::Wipe {
        let zero = |t: &str| {
            t.is_empty()
                || t.eq_ignore_ascii_case("wipe")
                || t.strip_prefix('$').unwrap_or(t).chars().all(|ch| ch == '0' || ch == '.')
        };
        return if zero(cents_text) && zero(dollars_text) {
            Ok(Amount(0))
        } else {
            Err("a wipe sets the balance to $0 and carries no amount; leave its amount at 0".into())
        };
    }
    let from_cents = match cents_text {
        "" => None,
        t => {
            let cents: u64 =
                t.parse().map_err(|_| format!("\"{t}\" in amount_cents is not a whole number of cents"))?;
            if cents == 0 {
                return Err(AmountError::Zero.to_string());
            }
            if cents > MAX_CENTS {
                return Err(AmountError::TooLarge.to_string());
            }
            Some(Amount(cents))
        }
    };
    let from_dollars = match dollars_text {
        "" => None,
        t => match parse_amount(t).map_err(|e| e.to_string())? {
            AmountInput::Cents(a) => Some(a),
            AmountInput::Wipe => return Err(format!("only a wipe has the amount \"{t}\"; use the kind wipe")),
        },
    };
    match (from_cents, from_dollars) {
        (Some(c), Some(d)) if c != d => {
            Err(format!("amount_cents {} and amount {dollars_text} disagree; correct one or empty it", c.cents()))
        }
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Err("the amount is empty".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(note: &str, kind: EntryKind, cents: u64) -> Entry {
        Entry {
            id: Id::from("01KB0Q9ZP3M6WZ4E3X0V8N5K2C"),
            date: "2026-11-26".parse().unwrap(),
            at: DateTime::parse_from_rfc3339("2026-11-27T00:30:00+01:00").unwrap(),
            kind,
            amount: Amount(cents),
            category: "positive interaction".into(),
            who: Person::B,
            note: note.into(),
            commitment: None,
            by: Person::A,
            updated: 0,
        }
    }

    #[test]
    fn writes_the_header_and_quotes_as_rfc_4180() {
        let text = to_string(&[e("said \"sorry\", first\nthen hugged", EntryKind::Deposit, 150)]);
        assert_eq!(
            text,
            "id,date,time,kind,amount_cents,amount,category,who,note,commitment\r\n\
             01KB0Q9ZP3M6WZ4E3X0V8N5K2C,2026-11-26,2026-11-27T00:30:00+01:00,deposit,150,1.50,\
             positive interaction,partner,\"said \"\"sorry\"\", first\nthen hugged\",\r\n"
        );
        let back = read(text.as_bytes()).unwrap();
        assert_eq!(
            back,
            vec![Row { line: 2, entry: e("said \"sorry\", first\nthen hugged", EntryKind::Deposit, 150) }]
        );
    }

    #[test]
    fn a_wipe_round_trips_with_amount_zero() {
        let text = to_string(&[e("", EntryKind::Wipe, 0)]);
        assert!(text.contains(",wipe,0,0.00,"), "{text}");
        assert_eq!(read(text.as_bytes()).unwrap()[0].entry, e("", EntryKind::Wipe, 0));
    }

    #[test]
    fn either_amount_column_will_do_but_they_must_agree() {
        assert_eq!(amount(EntryKind::Deposit, "", "0.10"), Ok(Amount(10)));
        assert_eq!(amount(EntryKind::Deposit, "25", ""), Ok(Amount(25)));
        assert_eq!(amount(EntryKind::Deposit, "25", "25c"), Ok(Amount(25)));
        assert!(amount(EntryKind::Deposit, "25", "1.00").unwrap_err().contains("disagree"));
        assert!(amount(EntryKind::Deposit, "", "").unwrap_err().contains("empty"));
        assert!(amount(EntryKind::Deposit, "1.5", "").unwrap_err().contains("whole number"));
        assert!(amount(EntryKind::Withdrawal, "0", "").unwrap_err().contains("more than $0.00"));
        assert!(amount(EntryKind::Withdrawal, "", "wipe").unwrap_err().contains("kind wipe"));
        assert_eq!(amount(EntryKind::Wipe, "0", "$0.00"), Ok(Amount(0)));
        assert!(amount(EntryKind::Wipe, "100", "").is_err());
    }

    #[test]
    fn bad_rows_name_their_line() {
        let good = to_string(&[e("a\nb", EntryKind::Deposit, 10)]);
        let bad = format!("{good}X2,2026-11-26,2026-11-26T21:00:00+01:00,deposit,10,0.10,c,them,,\r\n");
        // The first row spans lines 2 and 3, so the bad one starts on line 4.
        assert_eq!(
            read(bad.as_bytes()),
            Err(ReadError::Row { line: 4, message: "\"them\" is not me or partner".into() })
        );
        let short = format!("{good}X3,2026-11-26\r\n");
        assert!(matches!(read(short.as_bytes()), Err(ReadError::Row { line: 4, .. })));
        let twice = format!("{good}{}", good.lines().skip(1).collect::<Vec<_>>().join("\n"));
        assert!(read(twice.as_bytes()).unwrap_err().to_string().contains("already used on line 2"));
        assert_eq!(read(b""), Err(ReadError::Empty));
        assert_eq!(read(b"id,date\n"), Err(ReadError::MissingColumn("time")));
    }

    #[test]
    fn a_spreadsheet_may_reorder_columns_and_add_a_bom() {
        let text = "\u{feff}Who,Kind,Amount,Date,Time,ID,Category\npartner,Deposit,$1,2026-11-20,2026-11-20T20:00:00+01:00,X1,appreciation\n";
        let rows = read(text.as_bytes()).unwrap();
        assert_eq!(rows[0].entry.amount, Amount(100));
        assert_eq!(rows[0].entry.who, Person::B);
        assert_eq!(rows[0].entry.note, "");
    }
}
