//! The loader's checks, run after every change on the records it touched,
//! so the app never holds (and so never saves) a journal it would refuse
//! to open. Checking the whole journal on every change would cost
//! milliseconds at 50,000 entries; a change only touches a few records.

use chrono::NaiveDate;

use crate::domain::validate::{self, Problem};
use crate::domain::{Change, Entry, Id, Journal, Person};

/// What a change touched: the records it added, replaced or removed.
#[derive(Default)]
struct Touched {
    /// The entries it added or replaced, as they now are in the journal
    /// (taken from the change: looking an old entry up by id walks the
    /// ledger).
    entries: Vec<Entry>,
    removed_entries: Vec<Id>,
    commitments: Vec<Id>,
    occurrences: Vec<(Id, NaiveDate)>,
    check_ins: Vec<(NaiveDate, Person)>,
    repairs: Vec<Id>,
    noticed: Vec<Id>,
}

impl Touched {
    fn of(change: &Change) -> Touched {
        let mut touched = Touched::default();
        touched.walk(change);
        touched
    }

    fn walk(&mut self, change: &Change) {
        match change {
            // In order: a later step of a batch wins over an earlier one.
            Change::AddEntry(e) | Change::ReplaceEntry(e) => {
                self.removed_entries.retain(|id| id != &e.id);
                self.entries.retain(|x| x.id != e.id);
                self.entries.push(e.clone());
            }
            Change::RemoveEntry(id) => {
                self.entries.retain(|x| &x.id != id);
                self.removed_entries.push(id.clone());
            }
            Change::SetCheckIn(c) => self.check_ins.push((c.date, c.by)),
            Change::RemoveCheckIn(..)
            | Change::SetSettings(_)
            | Change::SetPeople(_)
            | Change::RemoveRepair(_)
            | Change::Bury(_)
            | Change::Unbury(_)
            | Change::Keep(_)
            | Change::Forget(_)
            | Change::Unnotice(_) => {}
            Change::Notice(n) => self.noticed.push(n.id.clone()),
            Change::AddOutcome(o) => self.occurrences.push((o.commitment.clone(), o.date)),
            Change::RemoveOutcome { commitment, date } => self.occurrences.push((commitment.clone(), *date)),
            Change::AddCommitment(c) | Change::ReplaceCommitment(c) => self.commitments.push(c.id.clone()),
            Change::RemoveCommitment(id) => self.commitments.push(id.clone()),
            Change::AddRepair(r) | Change::ReplaceRepair(r) => self.repairs.push(r.id.clone()),
            Change::Batch(changes) => changes.iter().for_each(|c| self.walk(c)),
        }
    }
}

fn push_new<T: Clone>(into: &mut Vec<T>, item: &T, same: impl Fn(&T, &T) -> bool) {
    if !into.iter().any(|x| same(x, item)) {
        into.push(item.clone());
    }
}

/// The first problem the loader would find in `journal` among the records
/// `change` (just applied to it) touched, those they point to and those
/// pointing to what it removed.
pub fn problem_after(journal: &Journal, change: &Change) -> Option<Problem> {
    let touched = Touched::of(change);
    let mut part = Journal { settings: journal.settings.clone(), ..Journal::default() };

    for (commitment, date) in &touched.occurrences {
        for o in journal.outcomes_between(*date, *date).iter().filter(|o| &o.commitment == commitment) {
            push_new(&mut part.outcomes, o, PartialEq::eq);
        }
    }
    part.entries = touched.entries;
    for id in &touched.removed_entries {
        // Nothing may still point to it (a scan, but only on a delete).
        for o in journal.outcomes.iter().filter(|o| o.entry.as_ref() == Some(id)) {
            push_new(&mut part.outcomes, o, PartialEq::eq);
        }
        for n in journal.noticed.iter().filter(|n| &n.entry == id) {
            push_new(&mut part.noticed, n, PartialEq::eq);
        }
    }
    for n in journal.noticed.iter().filter(|n| touched.noticed.contains(&n.id)) {
        push_new(&mut part.noticed, n, PartialEq::eq);
        if !part.entries.iter().any(|e| e.id == n.entry)
            && let Some(e) = journal.entry(&n.entry)
        {
            part.entries.push(e.clone());
        }
    }
    for id in &touched.commitments {
        match journal.commitments.iter().find(|c| &c.id == id) {
            Some(c) => push_new(&mut part.commitments, c, |a, b| a.id == b.id),
            None => {
                for o in journal.outcomes.iter().filter(|o| &o.commitment == id) {
                    push_new(&mut part.outcomes, o, PartialEq::eq);
                }
                for e in journal.entries.iter().filter(|e| e.commitment.as_ref() == Some(id)) {
                    push_new(&mut part.entries, e, |a, b| a.id == b.id);
                }
            }
        }
    }
    // What the gathered records point to, so only a missing one is a
    // problem.
    for o in &part.outcomes {
        let Some(id) = &o.entry else { continue };
        if !part.entries.iter().any(|e| &e.id == id)
            && let Some(e) = journal.entry(id)
        {
            part.entries.push(e.clone());
        }
    }
    let referred =
        part.outcomes.iter().map(|o| &o.commitment).chain(part.entries.iter().filter_map(|e| e.commitment.as_ref()));
    for id in referred {
        if let Some(c) = journal.commitments.iter().find(|c| &c.id == id) {
            push_new(&mut part.commitments, c, |a, b| a.id == b.id);
        }
    }
    part.check_ins = touched.check_ins.iter().filter_map(|d| journal.check_in(d.0, d.1)).cloned().collect();
    part.repairs = journal.repairs.iter().filter(|r| touched.repairs.contains(&r.id)).cloned().collect();
    validate::problems(&part).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outcome::{new_commitment, set_outcome};
    use crate::domain::{Amount, Outcome, Schedule};
    use chrono::DateTime;

    fn marked() -> (Journal, Id) {
        let mut j = Journal::default();
        let day: NaiveDate = "2026-11-26".parse().unwrap();
        let c = new_commitment(Id::from("K"), "walk".into(), Schedule::Daily, day, Amount(10), Amount(100));
        j.commitments.push(c.clone());
        let now = DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap();
        let change = set_outcome(&j, &c, day, Some(Outcome::Kept), now, (Id::from("E"), Person::A));
        change.apply(&mut j).unwrap();
        (j, Id::from("E"))
    }

    #[test]
    fn a_removed_entry_an_outcome_points_to_is_found() {
        let (mut j, entry) = marked();
        let change = Change::RemoveEntry(entry);
        change.clone().apply(&mut j).unwrap();
        let problem = problem_after(&j, &change).expect("a problem");
        assert!(problem.0.contains("points to a missing entry"), "{problem}");
    }

    #[test]
    fn removing_the_outcome_with_its_entry_is_sound() {
        let (mut j, entry) = marked();
        let day = "2026-11-26".parse().unwrap();
        let change = Change::Batch(vec![
            Change::RemoveOutcome { commitment: Id::from("K"), date: day },
            Change::RemoveEntry(entry),
        ]);
        change.clone().apply(&mut j).unwrap();
        assert_eq!(problem_after(&j, &change), None);
        assert!(validate::problems(&j).is_empty());
    }

    #[test]
    fn a_removed_commitment_with_outcomes_is_found() {
        let (mut j, _) = marked();
        let change = Change::RemoveCommitment(Id::from("K"));
        change.clone().apply(&mut j).unwrap();
        let problem = problem_after(&j, &change).expect("a problem");
        assert!(problem.0.contains("does not exist"), "{problem}");
    }

    #[test]
    fn settings_a_mark_could_not_post_are_found() {
        let (mut j, _) = marked();
        let mut settings = j.settings.clone();
        settings.commitment_kept = Amount(0);
        let change = Change::SetSettings(Box::new(settings));
        change.clone().apply(&mut j).unwrap();
        let problem = problem_after(&j, &change).expect("a problem");
        assert!(problem.0.contains("commitment_kept"), "{problem}");
    }
}
