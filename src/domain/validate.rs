//! What makes a journal sound: checks run on every load and by
//! `trustbank check`.

use std::collections::hash_map::Entry::Vacant;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use chrono::NaiveDate;

use super::check_in::RATING_RANGE;
use super::{Commitment, EntryKind, Id, Journal, MAX_CENTS};

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

    // Every id, borrowed from the journal (no copies: a journal of years
    // holds tens of thousands), with what it names.
    let count = journal.entries.len() + journal.commitments.len() + journal.check_ins.len() + journal.repairs.len();
    let mut ids = Ids { named: HashMap::with_capacity(count) };

    // A commitment's amounts become entries when it is marked, so they
    // must be amounts an entry may hold.
    let settings = &journal.settings;
    if !(1..=MAX_CENTS).contains(&settings.commitment_kept.cents()) {
        say("the setting commitment_kept must be from $0.01 to $1000000.00".into());
    }
    if !(1..=MAX_CENTS).contains(&settings.commitment_missed.cents()) {
        say("the setting commitment_missed must be from $0.01 to $1000000.00".into());
    }

    for e in &journal.entries {
        ids.see(&e.id, "entry", &mut say);
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
    for c in &journal.commitments {
        ids.see(&c.id, "commitment", &mut say);
        if c.title.trim().is_empty() {
            say(format!("commitment {} has no title", c.id));
        }
        if !(1..=MAX_CENTS).contains(&c.kept.cents()) || !(1..=MAX_CENTS).contains(&c.missed.cents()) {
            say(format!("commitment {} has an amount that is $0.00 or over $1000000.00", c.id));
        }
        if let Some(end) = c.end
            && end < c.start
        {
            say(format!("commitment {} ends before it starts", c.id));
        }
        dated(c, &mut say);
    }
    // The commitments are few: their own small set stays in the cache.
    let commitments: HashSet<&str> = journal.commitments.iter().map(|c| c.id.as_str()).collect();
    for o in &journal.outcomes {
        if !commitments.contains(o.commitment.as_str()) {
            say(format!("an outcome on {} belongs to a commitment that does not exist ({})", o.date, o.commitment));
        }
        if let Some(entry) = &o.entry
            && !ids.names(entry, "entry")
        {
            say(format!("an outcome on {} points to a missing entry ({entry})", o.date));
        }
    }
    // One outcome per occurrence. A file trustbank wrote has them sorted,
    // so a second one is the next one.
    let mut occurrences: Vec<(NaiveDate, &str)> =
        journal.outcomes.iter().map(|o| (o.date, o.commitment.as_str())).collect();
    if !occurrences.is_sorted() {
        occurrences.sort_unstable();
    }
    for pair in occurrences.windows(2).filter(|pair| pair[0] == pair[1]) {
        let (date, commitment) = pair[0];
        say(format!("commitment {commitment} has two outcomes on {date}"));
    }
    let mut check_in_days = HashSet::with_capacity(journal.check_ins.len());
    for c in &journal.check_ins {
        ids.see(&c.id, "check-in", &mut say);
        if !RATING_RANGE.contains(&c.rating) {
            say(format!("the check-in of {} has rating {}; ratings go from 1 to 5", c.date, c.rating));
        }
        if !check_in_days.insert(c.date) {
            say(format!("there are two check-ins on {}", c.date));
        }
    }
    for r in &journal.repairs {
        ids.see(&r.id, "repair", &mut say);
        for a in &r.make_it_right.agreements {
            ids.see(&a.id, "agreement", &mut say);
        }
    }
    out
}

/// A commitment's schedule changes and archive days, in order and inside
/// its dates.
fn dated(c: &Commitment, say: &mut dyn FnMut(String)) {
    let mut after = c.start;
    for e in &c.earlier_schedules {
        if e.changed_on <= c.start {
            say(format!(
                "commitment {} changes its schedule on {}, not after its start {}",
                c.id, e.changed_on, c.start
            ));
        } else if e.changed_on <= after {
            say(format!("commitment {} has its schedule changes out of order, or two on {}", c.id, e.changed_on));
        }
        after = after.max(e.changed_on);
    }
    // Each archive comes after the unarchive before it, each unarchive
    // after its archive.
    let mut last_unarchive: Option<NaiveDate> = None;
    let archives =
        c.pauses.iter().map(|p| (p.archived_on, Some(p.unarchived_on))).chain(c.archived_on.map(|a| (a, None)));
    for (archived_on, unarchived_on) in archives {
        if archived_on < c.start {
            say(format!("commitment {} is archived on {}, before its start {}", c.id, archived_on, c.start));
        } else if last_unarchive.is_some_and(|u| archived_on <= u) {
            say(format!("commitment {} has its archive days out of order on {}", c.id, archived_on));
        }
        if let Some(u) = unarchived_on {
            if u <= archived_on {
                say(format!(
                    "commitment {} is unarchived on {}, not after it was archived on {}",
                    c.id, u, archived_on
                ));
            }
            last_unarchive = Some(u);
        }
    }
    if c.archived_on.is_some() && !c.archived {
        say(format!(
            "commitment {} has an archive day but is not archived; set archived: true or remove archived_on",
            c.id
        ));
    }
}

/// The ids seen so far and what each names (the first one to use it).
struct Ids<'a> {
    named: HashMap<&'a str, &'static str>,
}

impl<'a> Ids<'a> {
    fn see(&mut self, id: &'a Id, what: &'static str, say: &mut dyn FnMut(String)) {
        if id.as_str().trim().is_empty() {
            say(format!("a {what} has an empty id"));
        } else if let Vacant(slot) = self.named.entry(id.as_str()) {
            slot.insert(what);
        } else {
            say(format!("the id {id} is used twice ({what})"));
        }
    }

    fn names(&self, id: &Id, what: &str) -> bool {
        self.named.get(id.as_str()) == Some(&what)
    }
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

    #[test]
    fn two_outcomes_of_one_occurrence_are_found_in_any_order() {
        let mut j = Journal::default();
        j.commitments.push(crate::domain::outcome::new_commitment(
            Id::from("C"),
            "walk".into(),
            crate::domain::Schedule::Daily,
            "2026-01-01".parse().unwrap(),
            crate::domain::Amount(10),
            crate::domain::Amount(100),
        ));
        let outcome = |date: &str| OutcomeRecord {
            commitment: Id::from("C"),
            date: date.parse().unwrap(),
            outcome: Outcome::Excused,
            entry: None,
        };
        j.outcomes = vec![outcome("2026-01-02"), outcome("2026-01-03")];
        assert!(problems(&j).is_empty());
        for order in [["2026-01-02", "2026-01-03", "2026-01-02"], ["2026-01-02", "2026-01-02", "2026-01-03"]] {
            j.outcomes = order.iter().map(|d| outcome(d)).collect();
            let found: Vec<String> = problems(&j).into_iter().map(|p| p.0).collect();
            assert_eq!(found, ["commitment C has two outcomes on 2026-01-02"], "{order:?}");
        }
    }

    #[test]
    fn schedule_changes_and_archive_days_that_make_no_sense_are_refused() {
        use crate::domain::{EarlierSchedule, Pause, Schedule};
        let d = |s: &str| -> NaiveDate { s.parse().unwrap() };
        let base = crate::domain::outcome::new_commitment(
            Id::from("C"),
            "walk".into(),
            Schedule::Daily,
            d("2026-11-02"),
            crate::domain::Amount(10),
            crate::domain::Amount(100),
        );
        let change = |on: &str| EarlierSchedule { schedule: Schedule::TimesPerWeek(2), changed_on: d(on) };
        let pause = |a: &str, u: &str| Pause { archived_on: d(a), unarchived_on: d(u), from_start: false };
        let found = |edit: &dyn Fn(&mut crate::domain::Commitment)| {
            let mut c = base.clone();
            edit(&mut c);
            let j = Journal { commitments: vec![c], ..Journal::default() };
            problems(&j).into_iter().map(|p| p.0).collect::<Vec<_>>()
        };
        assert!(found(&|c| c.earlier_schedules = vec![change("2026-11-03"), change("2026-11-10")]).is_empty());
        assert!(found(&|c| c.pauses = vec![pause("2026-11-02", "2026-11-05")]).is_empty());
        assert_eq!(
            found(&|c| c.earlier_schedules = vec![change("2026-11-01")]),
            ["commitment C changes its schedule on 2026-11-01, not after its start 2026-11-02"]
        );
        assert_eq!(
            found(&|c| c.earlier_schedules = vec![change("2026-11-10"), change("2026-11-05")]),
            ["commitment C has its schedule changes out of order, or two on 2026-11-05"]
        );
        assert_eq!(
            found(&|c| c.earlier_schedules = vec![change("2026-11-10"), change("2026-11-10")]),
            ["commitment C has its schedule changes out of order, or two on 2026-11-10"]
        );
        let archived_before_start = |c: &mut crate::domain::Commitment| {
            c.archived = true;
            c.archived_on = Some(d("2026-11-01"));
        };
        assert_eq!(
            found(&archived_before_start),
            ["commitment C is archived on 2026-11-01, before its start 2026-11-02"]
        );
        assert_eq!(
            found(&|c| c.pauses = vec![pause("2026-11-05", "2026-11-05")]),
            ["commitment C is unarchived on 2026-11-05, not after it was archived on 2026-11-05"]
        );
        assert_eq!(
            found(&|c| c.pauses = vec![pause("2026-11-05", "2026-11-09"), pause("2026-11-08", "2026-11-12")]),
            ["commitment C has its archive days out of order on 2026-11-08"]
        );
        assert_eq!(
            found(&|c| c.archived_on = Some(d("2026-11-05"))),
            ["commitment C has an archive day but is not archived; set archived: true or remove archived_on"]
        );
    }
}
