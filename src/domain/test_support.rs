//! Small builders for the domain's unit tests.

use chrono::{DateTime, NaiveDate, NaiveTime};

use super::{Amount, Change, Entry, EntryKind, Id, Journal, Person, Stamp};

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// An entry on `date` at noon UTC with a fresh id, in a generic category.
pub fn entry(date: &str, kind: EntryKind, cents: u64) -> Entry {
    entry_in(date, kind, cents, "positive interaction")
}

pub fn entry_in(date: &str, kind: EntryKind, cents: u64, category: &str) -> Entry {
    let date: NaiveDate = date.parse().expect("test date");
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let at = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon")).and_utc();
    Entry {
        id: Id(format!("T{n:025}")),
        date,
        at: DateTime::from(at),
        kind,
        amount: Amount(cents),
        category: category.to_string(),
        who: Person::A,
        note: String::new(),
        commitment: None,
        by: Person::A,
        updated: 0,
    }
}

/// Stamps and applies `change` as the app does, made by `by` at `at` ms,
/// with the versions it replaces kept in the history.
pub fn made(j: &mut Journal, change: Change, at: u64, by: Person) -> Change {
    let at = Stamp::new(at, by);
    let change = super::stamp::stamp(super::versioning::with_history(change, j, at), j, at);
    change.clone().apply(j).expect("applies");
    change
}
