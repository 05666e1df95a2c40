//! What a journal keeps of the past: a tombstone for every record removed,
//! and the earlier versions of records, so that neither an edit nor a merge
//! makes anything a person wrote disappear.

use serde::{Deserialize, Serialize};

use super::{Acknowledge, Agreement, CheckIn, Commitment, Entry, Id, LongGame, MakeItRight, Noticed, OutcomeRecord};
use super::{Person, Repair, Reveal};

/// A record removed at `at` (milliseconds) by `by`. Kept for ever (it is
/// small): no copy of the journal merged later, however old, brings the
/// record back, unless it holds a version written after the removal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Removed {
    pub id: Id,
    pub at: u64,
    pub by: Person,
}

/// An earlier version of a record (or of one part of a repair), as it was
/// written: its own `by` and `updated` say who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    Entry(Entry),
    CheckIn(CheckIn),
    Commitment(Commitment),
    Outcome(OutcomeRecord),
    Noticed(Noticed),
    /// A repair's own fields (title, injury day, withdrawal, closed, who
    /// was hurt), its steps left at their defaults: each step and each
    /// agreement is versioned on its own.
    Repair(Box<Repair>),
    Reveal(Id, Reveal),
    Acknowledge(Id, Acknowledge),
    /// Step 3's state; its agreements are versioned on their own.
    MakeItRight(Id, MakeItRight),
    LongGame(Id, LongGame),
    Agreement(Id, Agreement),
}

impl Version {
    /// The id of the record this is a version of: for a part of a repair,
    /// the repair's; for an agreement, the agreement's own.
    pub fn of(&self) -> &Id {
        match self {
            Version::Entry(e) => &e.id,
            Version::CheckIn(c) => &c.id,
            Version::Commitment(c) => &c.id,
            Version::Outcome(o) => &o.id,
            Version::Noticed(n) => &n.id,
            Version::Repair(r) => &r.id,
            Version::Reveal(id, _)
            | Version::Acknowledge(id, _)
            | Version::MakeItRight(id, _)
            | Version::LongGame(id, _) => id,
            Version::Agreement(_, a) => &a.id,
        }
    }

    /// Who wrote this version.
    pub fn by(&self) -> Person {
        match self {
            Version::Entry(e) => e.by,
            Version::CheckIn(c) => c.by,
            Version::Commitment(c) => c.by,
            Version::Outcome(o) => o.by,
            Version::Noticed(n) => n.by,
            Version::Repair(r) => r.by,
            Version::Reveal(_, s) => s.by,
            Version::Acknowledge(_, s) => s.by,
            Version::MakeItRight(_, s) => s.by,
            Version::LongGame(_, s) => s.by,
            Version::Agreement(_, a) => a.by,
        }
    }

    /// When this version was written.
    pub fn updated(&self) -> u64 {
        match self {
            Version::Entry(e) => e.updated,
            Version::CheckIn(c) => c.updated,
            Version::Commitment(c) => c.updated,
            Version::Outcome(o) => o.updated,
            Version::Noticed(n) => n.updated,
            Version::Repair(r) => r.updated,
            Version::Reveal(_, s) => s.updated,
            Version::Acknowledge(_, s) => s.updated,
            Version::MakeItRight(_, s) => s.updated,
            Version::LongGame(_, s) => s.updated,
            Version::Agreement(_, a) => a.updated,
        }
    }
}

/// The versions the history keeps of the record `id`, found by binary
/// search: they are kept in the order of the id they are a version of.
pub fn versions_of<'a>(journal: &'a super::Journal, id: &Id) -> &'a [Version] {
    let from = journal.versions.partition_point(|v| v.of() < id);
    let to = journal.versions.partition_point(|v| v.of() <= id);
    &journal.versions[from..to]
}

/// An entry's amount in a few characters: "+$0.10", "-$1.00", "wipe".
pub fn amount_words(e: &Entry) -> String {
    match e.kind {
        super::EntryKind::Wipe => "wipe".to_string(),
        kind => format!("{}{}", kind.sign(), e.amount),
    }
}

/// The entries of `day` that were removed: each tombstone with the last
/// version the history keeps of what it removed, in the order removed.
pub fn removed_on(journal: &super::Journal, day: chrono::NaiveDate) -> Vec<(&Removed, &Entry)> {
    let mut last: Vec<&Entry> = Vec::new();
    for v in &journal.versions {
        if let Version::Entry(e) = v
            && e.date == day
        {
            match last.last_mut() {
                Some(seen) if seen.id == e.id => {
                    if e.updated >= seen.updated {
                        *seen = e;
                    }
                }
                _ => last.push(e),
            }
        }
    }
    let mut found: Vec<(&Removed, &Entry)> = last
        .into_iter()
        .filter(|e| journal.entry(&e.id).is_none())
        .filter_map(|e| journal.removed.iter().filter(|r| r.id == e.id).max_by_key(|r| r.at).map(|r| (r, e)))
        .collect();
    found.sort_by_key(|(r, _)| r.at);
    found
}
