//! Bringing a session's unsaved changes onto a journal that changed outside
//! (a hand edit, a second window, `trustbank add`, a sync tool), and saying
//! in a few words what came in.

use std::fmt;

use foldhash::{HashMap, HashMapExt};

use super::change::{Applied, ChangeError};
use super::{Change, Journal, validate};

/// Applies `changes` in order to `journal`. A change that no longer fits
/// (its record was removed outside) or that would make the journal
/// unsound (say, a second outcome for an occurrence marked outside too) is
/// left out: it is never applied to another record. A removal of a record
/// the journal no longer holds is not left out: it is done already, and its
/// tombstone is kept (see [`bring`]). Returns a sentence for each change
/// left out.
pub fn replay(journal: &mut Journal, changes: &[Change]) -> Vec<String> {
    let mut dropped = Vec::new();
    let mut inverses = Vec::with_capacity(changes.len());
    for change in changes {
        match bring(change, journal) {
            Ok(applied) => inverses.push(applied.inverse),
            Err(e) => dropped.push(left_out(change, &e.to_string())),
        }
    }
    if changes.is_empty() || validate::problems(journal).is_empty() {
        return dropped;
    }
    // Rare: some change clashes with what came in. Go back and bring them
    // one at a time, keeping each that leaves the journal sound.
    for inverse in inverses.into_iter().rev() {
        // Each inverse undoes what was just applied, so it applies.
        let _ = inverse.apply(journal);
    }
    dropped.clear();
    for change in changes {
        match bring(change, journal) {
            Err(e) => dropped.push(left_out(change, &e.to_string())),
            Ok(applied) => {
                let problems = validate::problems(journal);
                if let Some(problem) = problems.first() {
                    let _ = applied.inverse.apply(journal);
                    dropped.push(left_out(change, &problem.0));
                }
            }
        }
    }
    dropped
}

/// Applies `change`; if it does not fit only because some record it
/// removes is not in `journal`, applies it without those removals. The
/// record may be gone from this file alone (a sync tool put the other
/// computer's file over it, this session's save of it lost to a conflict
/// copy), and come back from that copy or this computer's log later in the
/// same save: the removal's tombstone must be there by then, so the
/// deletion stands (a merge removes a record its tombstone outlives).
pub fn bring(change: &Change, journal: &mut Journal) -> Result<Applied, ChangeError> {
    match change.clone().apply(journal) {
        Err(e) => match without_gone(change, journal) {
            Some(rest) => rest.apply(journal),
            None => Err(e),
        },
        applied => applied,
    }
}

/// `change` less its removals of records `journal` does not hold (their
/// tombstones stay), or `None` when it removes none such.
fn without_gone(change: &Change, journal: &Journal) -> Option<Change> {
    match change {
        Change::Batch(changes) => {
            let mut any = false;
            let mut rest = Vec::with_capacity(changes.len());
            for c in changes {
                match without_gone(c, journal) {
                    // A removal of its own goes; a batch within, less its own.
                    Some(inner) => {
                        any = true;
                        if matches!(c, Change::Batch(_)) {
                            rest.push(inner);
                        }
                    }
                    None => rest.push(c.clone()),
                }
            }
            any.then_some(Change::Batch(rest))
        }
        removal if gone(removal, journal) => Some(Change::Batch(Vec::new())),
        _ => None,
    }
}

/// Whether `change` removes a record `journal` does not hold.
fn gone(change: &Change, journal: &Journal) -> bool {
    match change {
        Change::RemoveEntry(id) => journal.entry(id).is_none(),
        Change::RemoveCheckIn(date, by) => journal.check_in(*date, *by).is_none(),
        Change::RemoveOutcome { commitment, date } => {
            !journal.outcomes.iter().any(|o| o.commitment == *commitment && o.date == *date)
        }
        Change::RemoveCommitment(id) => !journal.commitments.iter().any(|c| c.id == *id),
        Change::RemoveRepair(id) => !journal.repairs.iter().any(|r| r.id == *id),
        Change::Unnotice(id) => !journal.noticed.iter().any(|n| n.id == *id),
        _ => false,
    }
}

fn left_out(change: &Change, why: &str) -> String {
    format!("{} was not applied: {why}", what(change))
}

/// A change in a few words.
pub fn what(change: &Change) -> String {
    let day = |d: chrono::NaiveDate| d.format("%a %-d %b").to_string();
    match change {
        Change::AddEntry(e) => format!("the entry of {} ({}{})", day(e.date), e.kind.sign(), e.amount),
        Change::RemoveEntry(_) => "a deletion of an entry".into(),
        Change::ReplaceEntry(e) => format!("the edit of the entry of {}", day(e.date)),
        Change::SetCheckIn(c) => format!("the check-in of {}", day(c.date)),
        Change::RemoveCheckIn(date, _) => format!("the removal of the check-in of {}", day(*date)),
        Change::AddOutcome(o) => format!("the mark of {}", day(o.date)),
        Change::RemoveOutcome { date, .. } => format!("clearing the mark of {}", day(*date)),
        Change::AddCommitment(c) => format!("the new commitment \"{}\"", c.title),
        Change::ReplaceCommitment(c) => format!("the edit of \"{}\"", c.title),
        Change::RemoveCommitment(_) => "the removal of a commitment".into(),
        Change::AddRepair(r) => format!("the new repair \"{}\"", r.title),
        Change::ReplaceRepair(r) => format!("the edit of the repair \"{}\"", r.title),
        Change::RemoveRepair(_) => "the removal of a repair".into(),
        Change::SetSettings(_) => "the settings".into(),
        Change::SetPeople(_) => "the names".into(),
        Change::Bury(_) | Change::Unbury(_) => "a record's removal".into(),
        Change::Keep(_) | Change::Forget(_) => "a record's earlier version".into(),
        Change::Notice(_) => "a \"noticed\"".into(),
        Change::Unnotice(_) => "taking back a \"noticed\"".into(),
        Change::Batch(changes) => {
            // A removal's tombstone is part of the removal, not a change of its own.
            let told: Vec<&Change> = changes
                .iter()
                .filter(|c| !matches!(c, Change::Bury(_) | Change::Unbury(_) | Change::Keep(_) | Change::Forget(_)))
                .collect();
            match told.first() {
                Some(first) if told.len() == 1 => what(first),
                Some(first) => format!("{} (with {} more)", what(first), told.len() - 1),
                None => "an empty change".into(),
            }
        }
    }
}

/// What a save or a look at the file found that this session had not
/// written: the file changed outside, and the journal was brought up to
/// date with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CameIn {
    /// What differs from the journal as this session had it.
    pub difference: Difference,
    /// This session's changes that no longer fit, one sentence each.
    pub dropped: Vec<String>,
    /// The file had been unreadable (this store was read-only because of
    /// it) and parses again.
    pub readable_again: bool,
    /// Conflict copies a sync tool left beside the journal, merged in:
    /// "a copy Syncthing made" and what came from it.
    pub copies: Vec<(String, super::merge::MergeReport)>,
    /// What this computer's log held that the file had lost (a save a sync
    /// tool dropped), brought back.
    pub restored: Option<Box<super::merge::MergeReport>>,
}

/// How many records of one kind were added, changed and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Counts {
    fn is_empty(&self) -> bool {
        *self == Counts::default()
    }

    /// Counts the records of `before` and `after` matched by `key`.
    fn of<'a, T: PartialEq + 'a, K: std::hash::Hash + Eq>(
        before: &'a [T],
        after: &'a [T],
        key: impl Fn(&'a T) -> K,
    ) -> Counts {
        let mut old: HashMap<K, &T> = HashMap::with_capacity(before.len());
        for record in before {
            old.insert(key(record), record);
        }
        let mut counts = Counts::default();
        for record in after {
            match old.remove(&key(record)) {
                None => counts.added += 1,
                Some(was) if was != record => counts.changed += 1,
                Some(_) => {}
            }
        }
        counts.removed = old.len();
        counts
    }
}

/// What differs between two states of a journal, record kind by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Difference {
    pub entries: Counts,
    pub check_ins: Counts,
    pub outcomes: Counts,
    pub commitments: Counts,
    pub repairs: Counts,
    pub noticed: Counts,
    pub settings: bool,
    pub people: bool,
}

impl Difference {
    pub fn between(before: &Journal, after: &Journal) -> Difference {
        // The ledger is long and mostly unchanged: compare the common prefix
        // cheaply, then match the rest by id.
        let same = before.entries.iter().zip(&after.entries).take_while(|(a, b)| a == b).count();
        Difference {
            entries: Counts::of(&before.entries[same..], &after.entries[same..], |e| e.id.as_str()),
            check_ins: Counts::of(&before.check_ins, &after.check_ins, |c| (c.date, c.by)),
            outcomes: Counts::of(&before.outcomes, &after.outcomes, |o| (o.commitment.as_str(), o.date)),
            commitments: Counts::of(&before.commitments, &after.commitments, |c| c.id.as_str()),
            repairs: Counts::of(&before.repairs, &after.repairs, |r| r.id.as_str()),
            noticed: Counts::of(&before.noticed, &after.noticed, |n| n.id.as_str()),
            settings: before.settings != after.settings,
            people: before.people != after.people,
        }
    }

    pub fn is_empty(&self) -> bool {
        [self.entries, self.check_ins, self.outcomes, self.commitments, self.repairs, self.noticed]
            .iter()
            .all(Counts::is_empty)
            && !self.settings
            && !self.people
    }
}

/// "2 entries added, 1 changed; the settings changed".
impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (counts, one, many) in [
            (self.entries, "entry", "entries"),
            (self.check_ins, "check-in", "check-ins"),
            (self.outcomes, "mark", "marks"),
            (self.commitments, "commitment", "commitments"),
            (self.repairs, "repair", "repairs"),
            (self.noticed, "noticed mark", "noticed marks"),
        ] {
            let mut said = Vec::new();
            for (n, verb) in [(counts.added, "added"), (counts.changed, "changed"), (counts.removed, "removed")] {
                if n > 0 {
                    said.push(if said.is_empty() {
                        format!("{n} {} {verb}", if n == 1 { one } else { many })
                    } else {
                        format!("{n} {verb}")
                    });
                }
            }
            if !said.is_empty() {
                parts.push(said.join(", "));
            }
        }
        if self.people {
            parts.push("the names changed".into());
        }
        if self.settings {
            parts.push("the settings changed".into());
        }
        if parts.is_empty() {
            return f.write_str("nothing changed");
        }
        f.write_str(&parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Withdrawal};
    use crate::domain::test_support::entry;

    #[test]
    fn changes_land_on_the_new_journal_and_edits_of_removed_records_are_left_out() {
        let a = entry("2026-01-01", Deposit, 10);
        let b = entry("2026-01-02", Withdrawal, 100);
        let mut outside = Journal::default();
        outside.insert_entry(a.clone());
        let mut edited_b = b.clone();
        edited_b.note = "edited here".into();
        let mine = entry("2026-01-03", Deposit, 25);
        // b was removed outside: its edit here must not land anywhere.
        let dropped = replay(&mut outside, &[Change::ReplaceEntry(edited_b), Change::AddEntry(mine.clone())]);
        assert_eq!(outside.entries, vec![a, mine]);
        assert_eq!(dropped, ["the edit of the entry of Fri 2 Jan was not applied: that entry no longer exists"]);
    }

    #[test]
    fn a_change_that_would_make_the_journal_unsound_is_left_out() {
        let a = entry("2026-01-01", Deposit, 10);
        let mut outside = Journal::default();
        outside.insert_entry(a.clone());
        // The same id added here too (an outside copy of the same change):
        // applying it twice would use one id twice.
        let other = entry("2026-01-05", Deposit, 5);
        let dropped = replay(&mut outside, &[Change::AddEntry(a.clone()), Change::AddEntry(other.clone())]);
        assert_eq!(outside.entries, vec![a, other]);
        assert_eq!(dropped.len(), 1, "{dropped:?}");
        assert!(dropped[0].contains("used twice"), "{dropped:?}");
    }

    #[test]
    fn a_removal_of_a_record_not_there_keeps_its_tombstone_so_the_record_cannot_come_back() {
        use crate::domain::merge::merge;
        use crate::domain::{Person, Stamp, stamp::stamp};
        let a = entry("2026-01-01", Deposit, 10);
        let mut mine = Journal::default();
        mine.insert_entry(a.clone());
        let removal = stamp(Change::RemoveEntry(a.id.clone()), &mine, Stamp::new(a.updated + 5, Person::A));
        // The file that came in lacks the record (it lost it to a conflict
        // copy): the removal is done, and its tombstone stays.
        let mut outside = Journal::default();
        assert_eq!(replay(&mut outside, std::slice::from_ref(&removal)), Vec::<String>::new());
        assert!(outside.removed.iter().any(|r| r.id == a.id));
        // The copy merged in afterwards does not bring it back.
        let (merged, _) = merge(&outside, &mine).expect("merges");
        assert!(merged.entry(&a.id).is_none());
        // A removal with no tombstone (not stamped) is done as well.
        assert_eq!(replay(&mut Journal::default(), &[Change::RemoveEntry(a.id)]), Vec::<String>::new());
    }

    #[test]
    fn the_difference_is_counted_and_said_plainly() {
        let a = entry("2026-01-01", Deposit, 10);
        let b = entry("2026-01-02", Deposit, 20);
        let c = entry("2026-01-03", Deposit, 30);
        let mut before = Journal::default();
        for e in [&a, &b] {
            before.insert_entry(e.clone());
        }
        let mut after = before.clone();
        after.entries[1].note = "changed".into();
        after.insert_entry(c);
        after.remove_entry(&a.id);
        let diff = Difference::between(&before, &after);
        assert_eq!(diff.entries, Counts { added: 1, changed: 1, removed: 1 });
        assert_eq!(diff.to_string(), "1 entry added, 1 changed, 1 removed");
        assert!(Difference::between(&before, &before).is_empty());
    }
}
