//! Journal pieces built by hand.

use chrono::{DateTime, NaiveDate};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Who};

/// An entry on `date` (`YYYY-MM-DD`) at `time` (`HH:MM`, +01:00), tied to no
/// commitment.
#[allow(clippy::too_many_arguments)]
pub fn entry(
    id: &str,
    date: &str,
    time: &str,
    kind: EntryKind,
    cents: u64,
    category: &str,
    who: Who,
    note: &str,
) -> Entry {
    Entry {
        id: Id::from(id),
        date: date.parse::<NaiveDate>().expect("a valid YYYY-MM-DD date"),
        at: DateTime::parse_from_rfc3339(&format!("{date}T{time}:00+01:00")).expect("a valid RFC 3339 time"),
        kind,
        amount: Amount(cents),
        category: category.into(),
        who,
        note: note.into(),
        commitment: None,
    }
}
