//! What makes a journal sound: checks run on every load and by
//! `trustbank check`.

use std::collections::HashSet;

use super::check_in::RATING_RANGE;
use super::{EntryKind, Journal, MAX_CENTS};

/// One thing wrong with a journal, said in one plain sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every problem found, in file order; empty when the journal is sound.
pub fn problems(journal: &Journal) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut say = |s: String| out.push(Problem(s));

    let mut ids = HashSet::new();
    let mut seen = |id: &str, what: &str, say: &mut dyn FnMut(String)| {
        if id.trim().is_empty() {
            say(format!("a {what} has an empty id"));
        } else if !ids.insert(id.to_string()) {
            say(format!("the id {id} is used twice ({what})"));
        }
    };

    for e in &journal.entries {
        seen(e.id.as_str(), "entry", &mut say);
        match e.kind {
            EntryKind::Deposit | EntryKind::Withdrawal if e.amount.cents() == 0 => {
                say(format!("entry {} has an amount of $0.00", e.id));
            }
            EntryKind::Wipe if e.amount.cents() != 0 => {
                say(format!("entry {} is a wipe, so its amount must be 0", e.id));
            }
            _ => {}
        }
        if e.amount.cents() > MAX_CENTS {
            say(format!("entry {} has an amount over $1000000.00", e.id));
        }
    }
    let commitment_ids: HashSet<&str> = journal.commitments.iter().map(|c| c.id.as_str()).collect();
    let entry_ids: HashSet<&str> = journal.entries.iter().map(|e| e.id.as_str()).collect();
    for c in &journal.commitments {
        seen(c.id.as_str(), "commitment", &mut say);
        if c.title.trim().is_empty() {
            say(format!("commitment {} has no title", c.id));
        }
        if let Some(end) = c.end
            && end < c.start
        {
            say(format!("commitment {} ends before it starts", c.id));
        }
    }
    let mut occurrences = HashSet::new();
    for o in &journal.outcomes {
        if !commitment_ids.contains(o.commitment.as_str()) {
            say(format!("an outcome on {} belongs to a commitment that does not exist ({})", o.date, o.commitment));
        }
        if !occurrences.insert((o.commitment.as_str(), o.date)) {
            say(format!("commitment {} has two outcomes on {}", o.commitment, o.date));
        }
        if let Some(entry) = &o.entry
            && !entry_ids.contains(entry.as_str())
        {
            say(format!("an outcome on {} points to a missing entry ({entry})", o.date));
        }
    }
    let mut check_in_days = HashSet::new();
    for c in &journal.check_ins {
        seen(c.id.as_str(), "check-in", &mut say);
        if !RATING_RANGE.contains(&c.rating) {
            say(format!("the check-in of {} has rating {}; ratings go from 1 to 5", c.date, c.rating));
        }
        if !check_in_days.insert(c.date) {
            say(format!("there are two check-ins on {}", c.date));
        }
    }
    for r in &journal.repairs {
        seen(r.id.as_str(), "repair", &mut say);
        for a in &r.make_it_right.agreements {
            seen(a.id.as_str(), "agreement", &mut say);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::entry;
    use crate::domain::{Id, Outcome, OutcomeRecord};

    #[test]
    fn a_fresh_journal_is_sound() {
        assert!(problems(&Journal::default()).is_empty());
    }

    #[test]
    fn finds_duplicate_ids_zero_amounts_and_dangling_outcomes() {
        let mut j = Journal::default();
        let a = entry("2026-01-01", EntryKind::Deposit, 10);
        let mut b = entry("2026-01-02", EntryKind::Deposit, 0);
        b.id = a.id.clone();
        j.entries = vec![a, b];
        j.outcomes.push(OutcomeRecord {
            commitment: Id::from("nope"),
            date: "2026-01-01".parse().unwrap(),
            outcome: Outcome::Kept,
            entry: None,
        });
        let found: Vec<String> = problems(&j).into_iter().map(|p| p.0).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("used twice"));
        assert!(found[1].contains("$0.00"));
        assert!(found[2].contains("does not exist"));
    }
}
