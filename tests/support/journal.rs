//! Journal pieces built by hand.

use chrono::{DateTime, NaiveDate};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, Person};

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
    who: Person,
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
        by: trustbank::domain::Person::A,
        updated: 0,
    }
}

/// What a journal holds, without when each record was written (see
/// [`trustbank::domain::stamp::unstamped`]).
pub fn content(journal: &Journal) -> Journal {
    trustbank::domain::stamp::unstamped(journal)
}
