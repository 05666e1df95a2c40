//! What one device wrote that the shared journal file may not hold yet.
//!
//! A sync tool can lose a save: Syncthing with `maxConflicts 0` keeps one
//! of two files changed at the same time and drops the other, and even its
//! default only moves the loser to a conflict copy. So each device keeps
//! the versions and tombstones its own changes wrote, outside the synced
//! folder, and merges them into the journal whenever it reads the file
//! again; a version leaves once a file written by someone else holds it
//! (or a later version of it by the same person), which proves another
//! copy has it too. Merging is a union (see [`super::merge`]), so bringing
//! back what the file already holds changes nothing.

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

use super::merge::{MergeError, MergeReport, merge, repair_versions};
use super::{Change, Id, Journal, Person, Removed, Version};

/// The versions and tombstones one device wrote and has not seen in a
/// file another device wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unconfirmed {
    #[serde(default)]
    pub versions: Vec<Version>,
    #[serde(default)]
    pub removed: Vec<Removed>,
}

impl Unconfirmed {
    pub fn is_empty(&self) -> bool {
        self.versions.is_empty() && self.removed.is_empty()
    }

    pub fn len(&self) -> usize {
        self.versions.len() + self.removed.len()
    }

    /// Adds what the stamped `changes` wrote: each record version and
    /// each tombstone (a version already kept is kept once).
    pub fn add(&mut self, changes: &[Change]) {
        for change in changes {
            self.add_one(change);
        }
    }

    fn add_one(&mut self, change: &Change) {
        let mut push = |v: Version| {
            if !self.versions.contains(&v) {
                self.versions.push(v);
            }
        };
        match change {
            Change::AddEntry(e) | Change::ReplaceEntry(e) => push(Version::Entry(e.clone())),
            Change::SetCheckIn(c) => push(Version::CheckIn(c.clone())),
            Change::AddOutcome(o) => push(Version::Outcome(o.clone())),
            Change::AddCommitment(c) | Change::ReplaceCommitment(c) => push(Version::Commitment(c.clone())),
            Change::AddRepair(r) | Change::ReplaceRepair(r) => repair_versions(r).into_iter().for_each(push),
            Change::Bury(r) => {
                if !self.removed.contains(r) {
                    self.removed.push(r.clone());
                }
            }
            Change::Keep(v) => push((**v).clone()),
            Change::Notice(n) => push(Version::Noticed(n.clone())),
            Change::Batch(changes) => self.add(changes),
            // A removal's tombstone is its Bury; an undone removal's record
            // is written again, later than the tombstone. The names and
            // settings merge field by field by their own stamps, and travel
            // in every save.
            Change::RemoveEntry(_)
            | Change::RemoveCheckIn(..)
            | Change::RemoveOutcome { .. }
            | Change::RemoveCommitment(_)
            | Change::RemoveRepair(_)
            | Change::Unbury(_)
            | Change::Forget(_)
            | Change::Unnotice(_)
            | Change::SetSettings(_)
            | Change::SetPeople(_) => {}
        }
    }

    /// Adds what `other` keeps and this does not.
    pub fn absorb(&mut self, other: &Unconfirmed) {
        for v in &other.versions {
            if !self.versions.contains(v) {
                self.versions.push(v.clone());
            }
        }
        for r in &other.removed {
            if !self.removed.contains(r) {
                self.removed.push(r.clone());
            }
        }
    }

    /// Drops what `journal` holds; returns how many were dropped.
    pub fn confirm(&mut self, journal: &Journal) -> usize {
        if self.is_empty() {
            return 0;
        }
        let before = self.len();
        let held = Held::of(journal);
        self.versions.retain(|v| !held.version(v));
        self.removed.retain(|r| !held.tombstone(r));
        before - self.len()
    }

    /// `journal` with everything kept here that it does not hold merged in,
    /// or `None` when it holds it all.
    pub fn restore(&self, journal: &Journal) -> Result<Option<(Journal, MergeReport)>, MergeError> {
        let mut missing = self.clone();
        if missing.confirm(journal) == self.len() {
            return Ok(None);
        }
        // Only records: the names and settings are the journal's own, so
        // nothing but the missing versions can win.
        let fragment = Journal {
            id: journal.id.clone(),
            people: journal.people.clone(),
            settings: journal.settings.clone(),
            versions: missing.versions,
            removed: missing.removed,
            ..Journal::default()
        };
        merge(journal, &fragment).map(Some)
    }
}

/// The kinds of versions, as the keys of [`Held`] tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Entry,
    CheckIn,
    Commitment,
    Outcome,
    Noticed,
    Repair,
    Reveal,
    Acknowledge,
    MakeItRight,
    LongGame,
    Agreement,
}

fn kind(v: &Version) -> Kind {
    match v {
        Version::Entry(_) => Kind::Entry,
        Version::CheckIn(_) => Kind::CheckIn,
        Version::Commitment(_) => Kind::Commitment,
        Version::Outcome(_) => Kind::Outcome,
        Version::Noticed(_) => Kind::Noticed,
        Version::Repair(_) => Kind::Repair,
        Version::Reveal(..) => Kind::Reveal,
        Version::Acknowledge(..) => Kind::Acknowledge,
        Version::MakeItRight(..) => Kind::MakeItRight,
        Version::LongGame(..) => Kind::LongGame,
        Version::Agreement(..) => Kind::Agreement,
    }
}

/// The latest time each person wrote each record (or part of a repair) of
/// a journal, in its records and its history; and its tombstones.
struct Held<'a> {
    latest: HashMap<(Kind, &'a Id, Person), u64>,
    removed: HashMap<&'a Id, u64>,
}

impl<'a> Held<'a> {
    fn of(j: &'a Journal) -> Held<'a> {
        let mut held =
            Held { latest: HashMap::with_capacity(j.entries.len() + j.versions.len()), removed: HashMap::new() };
        for e in &j.entries {
            held.note(Kind::Entry, &e.id, e.by, e.updated);
        }
        for c in &j.check_ins {
            held.note(Kind::CheckIn, &c.id, c.by, c.updated);
        }
        for c in &j.commitments {
            held.note(Kind::Commitment, &c.id, c.by, c.updated);
        }
        for o in &j.outcomes {
            held.note(Kind::Outcome, &o.id, o.by, o.updated);
        }
        for n in &j.noticed {
            held.note(Kind::Noticed, &n.id, n.by, n.updated);
        }
        for r in &j.repairs {
            held.note(Kind::Repair, &r.id, r.by, r.updated);
            held.note(Kind::Reveal, &r.id, r.reveal.by, r.reveal.updated);
            held.note(Kind::Acknowledge, &r.id, r.acknowledge.by, r.acknowledge.updated);
            held.note(Kind::MakeItRight, &r.id, r.make_it_right.by, r.make_it_right.updated);
            held.note(Kind::LongGame, &r.id, r.long_game.by, r.long_game.updated);
            for a in &r.make_it_right.agreements {
                held.note(Kind::Agreement, &a.id, a.by, a.updated);
            }
        }
        for v in &j.versions {
            held.note(kind(v), v.of(), v.by(), v.updated());
        }
        for r in &j.removed {
            let at = held.removed.entry(&r.id).or_insert(r.at);
            *at = (*at).max(r.at);
        }
        held
    }

    fn note(&mut self, kind: Kind, id: &'a Id, by: Person, updated: u64) {
        let at = self.latest.entry((kind, id, by)).or_insert(updated);
        *at = (*at).max(updated);
    }

    /// Whether the journal holds `v`, or a later version by the same
    /// person, or removed the record after `v` was written.
    fn version(&self, v: &Version) -> bool {
        self.latest.get(&(kind(v), v.of(), v.by())).is_some_and(|at| *at >= v.updated())
            || self.removed.get(v.of()).is_some_and(|at| *at >= v.updated())
    }

    fn tombstone(&self, r: &Removed) -> bool {
        self.removed.get(&r.id).is_some_and(|at| *at >= r.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::Deposit;
    use crate::domain::stamp::stamp;
    use crate::domain::test_support::entry;
    use crate::domain::{Stamp, merge::merge};

    fn journal() -> Journal {
        Journal { id: Id("j".into()), ..Journal::default() }
    }

    /// `change` stamped at `at` by A, applied to `j`; returns it as stamped.
    fn make(j: &mut Journal, change: Change, at: u64) -> Change {
        let change = stamp(change, j, Stamp::new(at, Person::A));
        change.clone().apply(j).unwrap();
        change
    }

    #[test]
    fn what_a_lost_save_held_comes_back_and_only_that() {
        let mut shared = journal();
        let mut log = Unconfirmed::default();
        // This device adds two entries and removes one of them.
        let mut mine = shared.clone();
        let a = entry("2026-12-01", Deposit, 10);
        let b = entry("2026-12-01", Deposit, 25);
        let changes = vec![
            make(&mut mine, Change::AddEntry(a.clone()), 1_000),
            make(&mut mine, Change::AddEntry(b.clone()), 2_000),
            make(&mut mine, Change::RemoveEntry(b.id.clone()), 3_000),
        ];
        log.add(&changes);
        assert_eq!((log.versions.len(), log.removed.len()), (2, 1));
        // The sync tool kept the other device's file: none of it is there.
        shared.insert_entry(entry("2026-12-01", Deposit, 5));
        let (restored, report) = log.restore(&shared).unwrap().expect("something was missing");
        assert_eq!(restored.entries.len(), 2, "the other's entry and a; b stays removed");
        assert!(restored.entry(&a.id).is_some() && restored.entry(&b.id).is_none());
        assert_eq!(report.came_in, vec![("entry", 1)]);
        // Once a file holds it all, there is nothing to bring back, and it
        // is confirmed.
        assert_eq!(log.restore(&restored).unwrap(), None);
        assert_eq!(log.confirm(&restored), 3);
        assert!(log.is_empty());
    }

    #[test]
    fn a_later_version_confirms_an_earlier_one_and_a_tombstone_any() {
        let mut mine = journal();
        let a = entry("2026-12-01", Deposit, 10);
        let mut log = Unconfirmed::default();
        log.add(&[make(&mut mine, Change::AddEntry(a.clone()), 1_000)]);
        let mut edited = mine.entries[0].clone();
        edited.note = "later".into();
        let mut later = mine.clone();
        make(&mut later, Change::ReplaceEntry(edited), 6_000);
        // Even with the history trimmed, the later version holds it.
        later.versions.clear();
        assert_eq!(log.clone().confirm(&later), 1);
        let mut removed = mine.clone();
        make(&mut removed, Change::RemoveEntry(a.id.clone()), 7_000);
        assert_eq!(log.clone().confirm(&removed), 1);
        assert_eq!(log.confirm(&journal()), 0, "a file without it does not hold it");
    }

    #[test]
    fn restoring_twice_is_restoring_once() {
        let mut mine = journal();
        let mut log = Unconfirmed::default();
        log.add(&[make(&mut mine, Change::AddEntry(entry("2026-12-02", Deposit, 10)), 1_000)]);
        let (once, _) = log.restore(&journal()).unwrap().unwrap();
        let (twice, _) = merge(&once, &once).unwrap();
        assert_eq!(once, twice);
        assert_eq!(log.restore(&once).unwrap(), None);
    }
}
