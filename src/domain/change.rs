//! Changes to a journal, each of which knows its own inverse: the ground of
//! undo/redo, and of knowing which cached balances a change can move.

use chrono::NaiveDate;

use super::{
    CheckIn, Commitment, Entry, Id, Journal, Noticed, OutcomeRecord, People, Person, Removed, Repair, Settings, Version,
};

/// One edit of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddEntry(Entry),
    RemoveEntry(Id),
    /// Replaces the entry with the same id.
    ReplaceEntry(Entry),
    /// Sets the check-in of its date (replacing any).
    SetCheckIn(CheckIn),
    /// Removes a person's check-in of a day.
    RemoveCheckIn(NaiveDate, Person),
    AddOutcome(OutcomeRecord),
    RemoveOutcome {
        commitment: Id,
        date: NaiveDate,
    },
    AddCommitment(Commitment),
    /// Replaces the commitment with the same id.
    ReplaceCommitment(Commitment),
    RemoveCommitment(Id),
    AddRepair(Repair),
    /// Replaces the repair with the same id.
    ReplaceRepair(Repair),
    RemoveRepair(Id),
    /// Replaces the settings (entries keep their categories whatever the
    /// lists say).
    SetSettings(Box<Settings>),
    /// Replaces the two people's names.
    SetPeople(Box<People>),
    /// Leaves a tombstone for a removed record (see [`super::stamp`]).
    Bury(Removed),
    /// Takes exactly that tombstone away again (an undo).
    Unbury(Removed),
    /// Keeps an earlier version of a record in the journal's history (see
    /// [`super::versioning`]).
    Keep(Box<Version>),
    /// Takes exactly that version out of the history again (an undo).
    Forget(Box<Version>),
    /// Says an entry was noticed.
    Notice(Noticed),
    /// Takes a "noticed" back (by its own id).
    Unnotice(Id),
    /// Several changes applied as one (undone as one).
    Batch(Vec<Change>),
}

/// What applying a change did: its inverse, and the first ledger index
/// whose running balance may have moved (`None` if no entry moved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub inverse: Change,
    pub first_entry: Option<usize>,
}

/// Why a change could not be applied; the journal is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("that entry no longer exists")]
    NoSuchEntry,
    #[error("that check-in no longer exists")]
    NoSuchCheckIn,
    #[error("that \"noticed\" was already taken back")]
    NoSuchNoticed,
    #[error("that outcome no longer exists")]
    NoSuchOutcome,
    #[error("that commitment no longer exists")]
    NoSuchCommitment,
    #[error("that repair no longer exists")]
    NoSuchRepair,
}

fn min_index(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Change {
    /// Applies the change, returning how to undo it.
    pub fn apply(self, journal: &mut Journal) -> Result<Applied, ChangeError> {
        match self {
            Change::AddEntry(entry) => {
                let id = entry.id.clone();
                let index = journal.insert_entry(entry);
                Ok(Applied { inverse: Change::RemoveEntry(id), first_entry: Some(index) })
            }
            Change::RemoveEntry(id) => {
                let (index, entry) = journal.remove_entry(&id).ok_or(ChangeError::NoSuchEntry)?;
                Ok(Applied { inverse: Change::AddEntry(entry), first_entry: Some(index) })
            }
            Change::ReplaceEntry(entry) => {
                let (old_index, old) = journal.remove_entry(&entry.id).ok_or(ChangeError::NoSuchEntry)?;
                let new_index = journal.insert_entry(entry);
                Ok(Applied { inverse: Change::ReplaceEntry(old), first_entry: Some(old_index.min(new_index)) })
            }
            Change::SetCheckIn(check_in) => {
                let (date, by) = (check_in.date, check_in.by);
                let inverse = match journal.set_check_in(check_in) {
                    Some(old) => Change::SetCheckIn(old),
                    None => Change::RemoveCheckIn(date, by),
                };
                Ok(Applied { inverse, first_entry: None })
            }
            Change::RemoveCheckIn(date, by) => {
                let old = journal.remove_check_in(date, by).ok_or(ChangeError::NoSuchCheckIn)?;
                Ok(Applied { inverse: Change::SetCheckIn(old), first_entry: None })
            }
            Change::AddOutcome(record) => {
                let inverse = Change::RemoveOutcome { commitment: record.commitment.clone(), date: record.date };
                journal.insert_outcome(record);
                Ok(Applied { inverse, first_entry: None })
            }
            Change::RemoveOutcome { commitment, date } => {
                let i = journal
                    .outcomes
                    .iter()
                    .position(|o| o.commitment == commitment && o.date == date)
                    .ok_or(ChangeError::NoSuchOutcome)?;
                Ok(Applied { inverse: Change::AddOutcome(journal.outcomes.remove(i)), first_entry: None })
            }
            Change::AddCommitment(commitment) => {
                let inverse = Change::RemoveCommitment(commitment.id.clone());
                journal.commitments.push(commitment);
                Ok(Applied { inverse, first_entry: None })
            }
            Change::ReplaceCommitment(commitment) => {
                let slot = journal
                    .commitments
                    .iter_mut()
                    .find(|c| c.id == commitment.id)
                    .ok_or(ChangeError::NoSuchCommitment)?;
                let old = std::mem::replace(slot, commitment);
                Ok(Applied { inverse: Change::ReplaceCommitment(old), first_entry: None })
            }
            Change::RemoveCommitment(id) => {
                let i = journal.commitments.iter().position(|c| c.id == id).ok_or(ChangeError::NoSuchCommitment)?;
                Ok(Applied { inverse: Change::AddCommitment(journal.commitments.remove(i)), first_entry: None })
            }
            Change::AddRepair(repair) => {
                let inverse = Change::RemoveRepair(repair.id.clone());
                journal.repairs.push(repair);
                Ok(Applied { inverse, first_entry: None })
            }
            Change::ReplaceRepair(repair) => {
                let slot = journal.repairs.iter_mut().find(|r| r.id == repair.id).ok_or(ChangeError::NoSuchRepair)?;
                let old = std::mem::replace(slot, repair);
                Ok(Applied { inverse: Change::ReplaceRepair(old), first_entry: None })
            }
            Change::RemoveRepair(id) => {
                let i = journal.repairs.iter().position(|r| r.id == id).ok_or(ChangeError::NoSuchRepair)?;
                Ok(Applied { inverse: Change::AddRepair(journal.repairs.remove(i)), first_entry: None })
            }
            Change::SetSettings(settings) => {
                let old = std::mem::replace(&mut journal.settings, *settings);
                Ok(Applied { inverse: Change::SetSettings(Box::new(old)), first_entry: None })
            }
            Change::SetPeople(people) => {
                let old = std::mem::replace(&mut journal.people, *people);
                Ok(Applied { inverse: Change::SetPeople(Box::new(old)), first_entry: None })
            }
            Change::Bury(removed) => {
                let at = journal.removed.partition_point(|r| r < &removed);
                journal.removed.insert(at, removed.clone());
                Ok(Applied { inverse: Change::Unbury(removed), first_entry: None })
            }
            Change::Unbury(removed) => {
                if let Ok(at) = journal.removed.binary_search(&removed) {
                    journal.removed.remove(at);
                }
                Ok(Applied { inverse: Change::Bury(removed), first_entry: None })
            }
            Change::Keep(version) => {
                let at =
                    journal.versions.partition_point(|v| (v.of(), v.updated()) <= (version.of(), version.updated()));
                journal.versions.insert(at, (*version).clone());
                Ok(Applied { inverse: Change::Forget(version), first_entry: None })
            }
            Change::Forget(version) => {
                if let Some(at) = journal.versions.iter().position(|v| v == &*version) {
                    journal.versions.remove(at);
                }
                Ok(Applied { inverse: Change::Keep(version), first_entry: None })
            }
            Change::Notice(noticed) => {
                let inverse = Change::Unnotice(noticed.id.clone());
                let at = journal.noticed.partition_point(|n| n.id < noticed.id);
                journal.noticed.insert(at, noticed);
                Ok(Applied { inverse, first_entry: None })
            }
            Change::Unnotice(id) => {
                let at = journal.noticed.iter().position(|n| n.id == id).ok_or(ChangeError::NoSuchNoticed)?;
                Ok(Applied { inverse: Change::Notice(journal.noticed.remove(at)), first_entry: None })
            }
            Change::Batch(changes) => {
                let mut inverses = Vec::with_capacity(changes.len());
                let mut first = None;
                for change in changes {
                    match change.apply(journal) {
                        Ok(applied) => {
                            first = min_index(first, applied.first_entry);
                            inverses.push(applied.inverse);
                        }
                        Err(e) => {
                            // Roll back what was applied so the journal is
                            // unchanged, as promised.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(journal);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Applied { inverse: Change::Batch(inverses), first_entry: first })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Withdrawal};
    use crate::domain::test_support::entry;
    use crate::domain::{Amount, Balances, fold_balance};
    use chrono::DateTime;

    fn check_in(date: &str, rating: u8) -> CheckIn {
        CheckIn {
            id: Id(format!("C{date}{rating}")),
            date: date.parse().unwrap(),
            at: DateTime::parse_from_rfc3339("2026-01-01T21:00:00+00:00").unwrap(),
            rating,
            reflection: "ok".into(),
            by: Person::A,
            updated: 0,
        }
    }

    #[test]
    fn every_change_undoes_exactly() {
        let mut j = Journal::default();
        let a = entry("2026-01-02", Deposit, 10);
        let b = entry("2026-01-01", Withdrawal, 100);
        let mut a2 = a.clone();
        a2.amount = Amount(25);
        a2.date = "2025-12-31".parse().unwrap();
        let changes = vec![
            Change::AddEntry(a.clone()),
            Change::AddEntry(b.clone()),
            Change::ReplaceEntry(a2),
            Change::SetCheckIn(check_in("2026-01-01", 3)),
            Change::SetCheckIn(check_in("2026-01-01", 5)),
            Change::Keep(Box::new(Version::Entry(a.clone()))),
            Change::Notice(Noticed {
                id: Id::from("N"),
                entry: b.id.clone(),
                at: b.at,
                word: "it meant a lot".into(),
                by: Person::B,
                updated: 1,
            }),
            Change::Unnotice(Id::from("N")),
            Change::Forget(Box::new(Version::Entry(a.clone()))),
            Change::Batch(vec![
                Change::RemoveEntry(b.id.clone()),
                Change::RemoveCheckIn("2026-01-01".parse().unwrap(), Person::A),
            ]),
        ];
        let mut states = vec![j.clone()];
        let mut inverses = Vec::new();
        for c in changes {
            let applied = c.apply(&mut j).unwrap();
            inverses.push(applied.inverse);
            states.push(j.clone());
        }
        while let Some(inverse) = inverses.pop() {
            states.pop();
            inverse.apply(&mut j).unwrap();
            assert_eq!(&j, states.last().unwrap());
        }
    }

    #[test]
    fn the_first_moved_index_is_enough_to_refresh_balances() {
        let mut j = Journal::default();
        for day in 1..=5 {
            j.insert_entry(entry(&format!("2026-01-0{day}"), Deposit, 10));
        }
        let mut balances = Balances::compute(&j.entries);
        let mut moved = j.entries[3].clone();
        moved.date = "2026-01-01".parse().unwrap();
        moved.kind = Withdrawal;
        let applied = Change::ReplaceEntry(moved).apply(&mut j).unwrap();
        assert_eq!(applied.first_entry, Some(1));
        balances.recompute_from(&j.entries, applied.first_entry.unwrap());
        assert_eq!(balances.current(), fold_balance(&j.entries));
    }

    #[test]
    fn a_failed_batch_changes_nothing() {
        let mut j = Journal::default();
        let before = j.clone();
        let batch = Change::Batch(vec![
            Change::AddEntry(entry("2026-01-01", Deposit, 10)),
            Change::RemoveEntry(Id::from("missing")),
        ]);
        assert_eq!(batch.apply(&mut j), Err(ChangeError::NoSuchEntry));
        assert_eq!(j, before);
    }
}
