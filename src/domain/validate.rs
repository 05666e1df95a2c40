//! What makes a journal sound: checks run on every load and by
//! `trustbank check`.

use std::collections::hash_map::Entry::Vacant;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use chrono::NaiveDate;

use super::check_in::RATING_RANGE;
use super::limits::{self, day_problem};
use super::{Commitment, EntryKind, Id, Journal, MAX_CENTS, OutcomeRecord};

/// One thing wrong with a journal, said in one plain sentence (`.0`), and
/// where in the file it is (`.1`), so the storage can name a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String, pub Option<Spot>);

/// Where a problem sits in the file, in the file's own words: the first
/// `needle` after the first `section:` (a record's quoted id after
/// `entries:`). The domain knows no text positions; the storage finds these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub section: &'static str,
    pub needle: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every problem found, in file order; empty when the journal is sound.
pub fn problems(journal: &Journal) -> Vec<Problem> {
    // A commitment's amounts become entries when it is marked, so they
    // must be amounts an entry may hold.
    let settings = &journal.settings;
    let mut out = Vec::new();
    for (name, amount) in
        [("commitment_kept", settings.commitment_kept), ("commitment_missed", settings.commitment_missed)]
    {
        if !(1..=MAX_CENTS).contains(&amount.cents()) {
            out.push(Problem(
                format!("the setting {name} must be from $0.01 to $1000000.00"),
                Some(Spot { section: "settings", needle: format!("{name}:") }),
            ));
        }
    }

    // Where a problem is: a section of the file and the id quoted there,
    // made into a `Spot` only for a problem (a sound journal of years has
    // tens of thousands of records).
    let mut say = |s: String, (section, id): (&'static str, &str)| {
        out.push(Problem(s, Some(Spot { section, needle: format!("\"{id}\"") })));
    };

    // Every id, borrowed from the journal (no copies: a journal of years
    // holds tens of thousands), with what it names.
    let count = journal.entries.len() + journal.commitments.len() + journal.check_ins.len() + journal.repairs.len();
    let mut ids = Ids { named: HashMap::with_capacity(count) };

    // The commitments are few: their own small set stays in the cache.
    let commitments: HashSet<&str> = journal.commitments.iter().map(|c| c.id.as_str()).collect();
    for e in &journal.entries {
        let here = ("entries", e.id.as_str());
        ids.see(&e.id, "entry", &mut |s| say(s, here));
        match e.kind {
            EntryKind::Deposit | EntryKind::Withdrawal if e.amount.cents() == 0 => {
                say(format!("entry {} has an amount of $0.00", e.id), here);
            }
            EntryKind::Wipe if e.amount.cents() != 0 => {
                say(format!("entry {} is a wipe, so its amount must be 0", e.id), here);
            }
            _ => {}
        }
        if e.amount.cents() > MAX_CENTS {
            say(format!("entry {} has an amount over $1000000.00", e.id), here);
        }
        if let Some(bad) = day_problem(e.date) {
            say(format!("entry {} is dated {bad}", e.id), here);
        } else if let Some(bad) = day_problem(e.at.date_naive()) {
            say(format!("entry {} was written on {bad}", e.id), here);
        }
        if let Some(c) = &e.commitment
            && !commitments.contains(c.as_str())
        {
            say(format!("entry {} was posted by a commitment that does not exist ({c})", e.id), here);
        }
        text(&e.note, || format!("the note of entry {}", e.id), &mut |s| say(s, here));
        text(&e.category, || format!("the category of entry {}", e.id), &mut |s| say(s, here));
    }
    for c in &journal.commitments {
        let here = ("commitments", c.id.as_str());
        ids.see(&c.id, "commitment", &mut |s| say(s, here));
        if c.title.trim().is_empty() {
            say(format!("commitment {} has no title", c.id), here);
        }
        if !(1..=MAX_CENTS).contains(&c.kept.cents()) || !(1..=MAX_CENTS).contains(&c.missed.cents()) {
            say(format!("commitment {} has an amount that is $0.00 or over $1000000.00", c.id), here);
        }
        if let Some(end) = c.end
            && end < c.start
        {
            say(format!("commitment {} ends before it starts", c.id), here);
        }
        dated(c, &mut |s| say(s, here));
        for (what, day) in [("starts", Some(c.start)), ("ends", c.end)] {
            if let Some(bad) = day.and_then(day_problem) {
                say(format!("commitment {} {what} on {bad}", c.id), here);
            }
        }
        if let super::Schedule::Once(day) = c.schedule
            && let Some(bad) = day_problem(day)
        {
            say(format!("commitment {} is due once on {bad}", c.id), here);
        }
        text(&c.title, || format!("the title of commitment {}", c.id), &mut |s| say(s, here));
        text(&c.note, || format!("the note of commitment {}", c.id), &mut |s| say(s, here));
    }
    for o in &journal.outcomes {
        let here = ("outcomes", o.commitment.as_str());
        if !commitments.contains(o.commitment.as_str()) {
            say(
                format!("an outcome on {} belongs to a commitment that does not exist ({})", o.date, o.commitment),
                here,
            );
        }
        if let Some(entry) = &o.entry
            && !ids.names(entry, "entry")
        {
            say(format!("an outcome on {} points to a missing entry ({entry})", o.date), ("outcomes", entry.as_str()));
        }
        if let Some(bad) = day_problem(o.date) {
            say(format!("an outcome of commitment {} is dated {bad}", o.commitment), here);
        }
        // One occurrence, one id: what lets two copies' marks merge.
        if o.id.as_str().strip_prefix(o.commitment.as_str()).and_then(|rest| rest.strip_prefix('@'))
            != Some(o.date.to_string().as_str())
        {
            let id = OutcomeRecord::id_for(&o.commitment, o.date);
            say(format!("the outcome of commitment {} on {} must have the id {id}", o.commitment, o.date), here);
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
        say(format!("commitment {commitment} has two outcomes on {date}"), ("outcomes", commitment));
    }
    let mut check_in_days = HashSet::with_capacity(journal.check_ins.len());
    for c in &journal.check_ins {
        let here = ("check_ins", c.id.as_str());
        ids.see(&c.id, "check-in", &mut |s| say(s, here));
        if !RATING_RANGE.contains(&c.rating) {
            say(format!("the check-in of {} has rating {}; ratings go from 1 to 5", c.date, c.rating), here);
        }
        if !check_in_days.insert((c.date, c.by)) {
            say(format!("there are two check-ins by {} on {}", journal.people.name(c.by), c.date), here);
        }
        if let Some(bad) = day_problem(c.date) {
            say(format!("a check-in is dated {bad}"), here);
        }
        text(&c.reflection, || format!("the reflection of the check-in of {}", c.date), &mut |s| say(s, here));
    }
    for n in &journal.noticed {
        let here = ("noticed", n.id.as_str());
        ids.see(&n.id, "noticed", &mut |s| say(s, here));
        if !ids.names(&n.entry, "entry") {
            say(format!("a \"noticed\" points to a missing entry ({})", n.entry), here);
        }
        text(&n.word, || "the word of a \"noticed\"".to_string(), &mut |s| say(s, here));
    }
    for r in &journal.repairs {
        let here = ("repairs", r.id.as_str());
        ids.see(&r.id, "repair", &mut |s| say(s, here));
        if let Some(bad) = day_problem(r.injury_date) {
            say(format!("repair {} names an injury on {bad}", r.id), here);
        }
        let reveal = &r.reveal;
        let texts = [
            ("title", &r.title),
            ("how I felt", &reveal.how_i_felt),
            ("what I thought", &reveal.what_i_thought),
            ("what I did", &reveal.what_i_did),
            ("why never again", &reveal.why_never_again),
            ("apology", &r.acknowledge.apology),
            ("mirror", &r.acknowledge.mirror),
        ];
        for (what, t) in texts {
            text(t, || format!("the {what} of repair {}", r.id), &mut |s| say(s, here));
        }
        for a in &r.make_it_right.agreements {
            ids.see(&a.id, "agreement", &mut |s| say(s, here));
            text(&a.text, || format!("agreement {} of repair {}", a.id, r.id), &mut |s| say(s, here));
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

/// Says what is wrong with a text a person wrote, if anything; `what` names
/// it ("the note of entry …"), made only when needed.
fn text(text: &str, what: impl FnOnce() -> String, say: &mut dyn FnMut(String)) {
    if let Some(problem) = limits::text_problem(text) {
        say(format!("{} {problem}", what()));
    }
}

/// The ids seen so far and what each names (the first one to use it).
struct Ids<'a> {
    named: HashMap<&'a str, &'static str>,
}

impl<'a> Ids<'a> {
    fn see(&mut self, id: &'a Id, what: &'static str, say: &mut dyn FnMut(String)) {
        if id.as_str().trim().is_empty() {
            let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            say(format!("{article} {what} has an empty id"));
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
    use crate::domain::{Id, Outcome};

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
            id: Id::from("nope@2026-01-01"),
            commitment: Id::from("nope"),
            date: "2026-01-01".parse().unwrap(),
            outcome: Outcome::Kept,
            entry: None,
            by: crate::domain::Person::A,
            updated: 0,
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
            id: Id(format!("C@{date}")),
            commitment: Id::from("C"),
            date: date.parse().unwrap(),
            outcome: Outcome::Excused,
            entry: None,
            by: crate::domain::Person::A,
            updated: 0,
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
