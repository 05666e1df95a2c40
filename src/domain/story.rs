//! What the history tells of a record: each of its parts (an entry is one
//! part; a repair is its head, four steps and its agreements) as a thread
//! of versions, oldest first, with what changed from one to the next, who
//! changed it and when, and the tombstone if it was removed. The history
//! view (`v`) and `trustbank history` both read it from here.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::history::{Removed, Version, amount_words, versions_of};
use super::merge::repair_versions;
use super::{Entry, Id, Journal, Outcome, People, Person};

/// One part of a record and every version of it the journal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// The versions, oldest first; the last is the part as it is now
    /// unless `removed`.
    pub versions: Vec<Version>,
    /// Whether the last version is the one in force now.
    pub current: bool,
    /// The tombstone, when the record was removed.
    pub removed: Option<Removed>,
}

impl Thread {
    /// What this thread is a story of, in a few words ("the entry",
    /// "step 2 · acknowledge", "outcome of Tue 1 Dec").
    pub fn part(&self) -> String {
        self.versions.last().map(part_name).unwrap_or_default()
    }

    /// Whether it holds nothing yet: a step not started, with no words.
    pub fn blank(&self, people: &People) -> bool {
        self.versions.len() == 1
            && fields(people, &self.versions[0])
                .iter()
                .all(|(name, value)| value.is_empty() || value == "no" || (*name == "step" && value == "not started"))
    }

    /// Whether anything happened to it after it was written.
    pub fn eventful(&self) -> bool {
        self.versions.len() > 1 || self.removed.is_some()
    }
}

/// What the story of a record is a story of: "Sam's deposit of Tue 1 Dec",
/// "Alex's commitment "Walk together"", "the repair "the card bill"".
pub fn title(people: &People, told: &[Thread]) -> String {
    match told.first().and_then(|t| t.versions.last()) {
        Some(Version::Entry(e)) => {
            format!("{}'s {} of {}", people.name(e.who), e.kind.name(), e.date.format("%a %-d %b"))
        }
        Some(Version::CheckIn(c)) => format!("{}'s check-in of {}", people.name(c.by), c.date.format("%a %-d %b")),
        Some(Version::Commitment(c)) => format!("{}'s commitment \"{}\"", people.name(c.by), c.title),
        Some(Version::Repair(r)) => format!("the repair \"{}\"", r.title),
        Some(v) => part_name(v),
        None => "nothing kept of it".into(),
    }
}

/// The order parts are told in, and what keeps threads apart.
fn slot(v: &Version) -> u8 {
    match v {
        Version::Entry(_) => 0,
        Version::CheckIn(_) => 1,
        Version::Commitment(_) => 2,
        Version::Outcome(_) => 3,
        Version::Noticed(_) => 4,
        Version::Repair(_) => 5,
        Version::Reveal(..) => 6,
        Version::Acknowledge(..) => 7,
        Version::MakeItRight(..) => 8,
        Version::LongGame(..) => 9,
        Version::Agreement(..) => 10,
    }
}

pub fn part_name(v: &Version) -> String {
    match v {
        Version::Entry(_) => "entry".into(),
        Version::CheckIn(c) => format!("check-in of {}", c.date.format("%a %-d %b")),
        Version::Commitment(_) => "commitment".into(),
        Version::Outcome(o) => format!("outcome of {}", o.date.format("%a %-d %b")),
        Version::Noticed(_) => "noticed".into(),
        Version::Repair(_) => "repair".into(),
        Version::Reveal(..) => "step 1 · reveal".into(),
        Version::Acknowledge(..) => "step 2 · acknowledge".into(),
        Version::MakeItRight(..) => "step 3 · make it right".into(),
        Version::LongGame(..) => "step 4 · the long game".into(),
        Version::Agreement(..) => "agreement".into(),
    }
}

fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Kept => "kept",
        Outcome::Missed => "missed",
        Outcome::Excused => "excused",
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

/// A version's fields, each named, in the same order for every version of
/// one kind (people by their names in `people`).
pub fn fields(people: &People, v: &Version) -> Vec<(&'static str, String)> {
    let day = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
    match v {
        Version::Entry(e) => vec![
            ("amount", amount_words(e)),
            ("note", e.note.clone()),
            ("category", e.category.clone()),
            ("day", day(e.date)),
            ("time", e.at.format("%H:%M").to_string()),
            ("whose", people.name(e.who).to_string()),
        ],
        Version::CheckIn(c) => vec![("rating", format!("{} of 5", c.rating)), ("reflection", c.reflection.clone())],
        Version::Commitment(c) => vec![
            ("title", c.title.clone()),
            ("note", c.note.clone()),
            ("schedule", c.schedule.describe()),
            ("kept", format!("+{}", c.kept)),
            ("missed", format!("-{}", c.missed)),
            ("from", day(c.start)),
            ("until", c.end.map(day).unwrap_or_default()),
            ("archived", yes(c.archived)),
        ],
        Version::Outcome(o) => vec![("outcome", outcome_word(o.outcome).into())],
        Version::Noticed(n) => vec![("word", n.word.clone())],
        Version::Repair(r) => vec![
            ("title", r.title.clone()),
            ("injury", day(r.injury_date)),
            ("hurt", people.name(r.hurt).to_string()),
            ("closed", yes(r.closed)),
        ],
        Version::Reveal(_, s) => vec![
            ("step", s.state.label().into()),
            ("how I felt", s.how_i_felt.clone()),
            ("what I thought", s.what_i_thought.clone()),
            ("what I did", s.what_i_did.clone()),
            ("why never again", s.why_never_again.clone()),
        ],
        Version::Acknowledge(_, s) => vec![
            ("step", s.state.label().into()),
            ("apology", s.apology.clone()),
            ("mirror", s.mirror.clone()),
            ("felt seen and heard", yes(s.felt_seen_and_heard)),
        ],
        Version::MakeItRight(_, s) => vec![("step", s.state.label().into())],
        Version::LongGame(_, s) => vec![("step", s.state.label().into())],
        Version::Agreement(_, a) => vec![("agreement", a.text.clone())],
    }
}

/// What differs between two versions of one part: each field's name,
/// before, after.
pub fn changes(people: &People, before: &Version, after: &Version) -> Vec<(&'static str, String, String)> {
    fields(people, before)
        .into_iter()
        .zip(fields(people, after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| (name, a, b))
        .collect()
}

/// A version in one line: its fields that say something, "name: value"
/// joined by " · " (an entry: its amount, category and note).
pub fn summary(people: &People, v: &Version) -> String {
    if let Version::Entry(e) = v {
        let amount = amount_words(e);
        return if e.note.is_empty() {
            format!("{amount} {}", e.category)
        } else {
            format!("{amount} {} \"{}\"", e.category, e.note)
        };
    }
    fields(people, v)
        .into_iter()
        .filter(|(name, value)| match *name {
            "archived" | "closed" => value == "yes",
            _ => !value.is_empty(),
        })
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Finds an entry by its id: [`Journal::entry`], or an index built once
/// when many are looked up.
type EntryOf<'a> = dyn Fn(&Id) -> Option<&'a Entry> + 'a;

/// The parts of the record `id` as it is now, as versions.
fn now_of(journal: &Journal, id: &Id, entry_of: &EntryOf) -> Vec<Version> {
    if let Some(e) = entry_of(id) {
        return vec![Version::Entry(e.clone())];
    }
    if let Some(c) = journal.check_ins.iter().find(|c| &c.id == id) {
        return vec![Version::CheckIn(c.clone())];
    }
    if let Some(c) = journal.commitments.iter().find(|c| &c.id == id) {
        return vec![Version::Commitment(c.clone())];
    }
    if let Some(r) = journal.repairs.iter().find(|r| &r.id == id) {
        return repair_versions(r);
    }
    Vec::new()
}

/// Whether `v` belongs to the story of the record `id`: a version of it,
/// or of one of its agreements or outcomes.
fn belongs(v: &Version, id: &Id) -> bool {
    match v {
        Version::Agreement(repair, _) => repair == id,
        Version::Outcome(o) => &o.commitment == id || &o.id == id,
        other => other.of() == id,
    }
}

/// The story of the record `id` (an entry, a check-in, a commitment with
/// the outcomes that were changed, or a repair with its steps and
/// agreements): one thread per part, in the order the parts are told.
pub fn story(journal: &Journal, id: &Id) -> Vec<Thread> {
    story_with(journal, id, &|id| journal.entry(id))
}

fn story_with<'a>(journal: &'a Journal, id: &Id, entry_of: &EntryOf<'a>) -> Vec<Thread> {
    let mut kept: Vec<&Version> = versions_of(journal, id).iter().collect();
    let mut now = now_of(journal, id, entry_of);
    // A commitment's outcomes and a repair's agreements are kept under
    // their own ids: looked for only for those.
    let single = now.iter().chain(kept.iter().copied()).all(|v| matches!(v, Version::Entry(_) | Version::CheckIn(_)));
    if !single {
        kept.extend(journal.versions.iter().filter(|v| matches!(v, Version::Agreement(..) | Version::Outcome(_))));
        kept.retain(|v| belongs(v, id));
        // An outcome is told only when it was changed: its versions, then it.
        let changed: HashSet<&Id> = kept.iter().filter(|v| matches!(v, Version::Outcome(_))).map(|v| v.of()).collect();
        if !changed.is_empty() {
            let outcomes = journal.outcomes.iter().filter(|o| changed.contains(&o.id));
            now.extend(outcomes.map(|o| Version::Outcome(o.clone())));
        }
    }
    threads(journal, kept.into_iter().cloned(), now)
}

fn threads(journal: &Journal, kept: impl Iterator<Item = Version>, now: Vec<Version>) -> Vec<Thread> {
    let key = |v: &Version| (slot(v), v.of().clone());
    let mut out: Vec<Thread> = Vec::new();
    let mut add = |v: Version, current: bool| match out.iter_mut().find(|t| key(&t.versions[0]) == key(&v)) {
        Some(t) => {
            t.versions.retain(|had| *had != v);
            t.versions.push(v);
            t.current |= current;
        }
        None => out.push(Thread { versions: vec![v], current, removed: None }),
    };
    let mut kept: Vec<Version> = kept.collect();
    kept.sort_by_key(Version::updated);
    kept.into_iter().for_each(|v| add(v, false));
    // Each part as it is now comes last in its thread.
    now.into_iter().for_each(|v| add(v, true));
    for t in out.iter_mut().filter(|t| !t.current) {
        let last = &t.versions[t.versions.len() - 1];
        // A step or agreement of a removed repair went with the repair.
        let ids = match last {
            Version::Reveal(repair, _)
            | Version::Acknowledge(repair, _)
            | Version::MakeItRight(repair, _)
            | Version::LongGame(repair, _)
            | Version::Agreement(repair, _) => [repair, last.of()],
            other => [other.of(), other.of()],
        };
        t.removed = journal.removed.iter().filter(|r| ids.contains(&&r.id)).max_by_key(|r| r.at).cloned();
    }
    out.sort_by_key(|t| (slot(&t.versions[0]), t.versions[0].updated()));
    out
}

/// The check-ins of `day` (anyone's) that were changed or removed.
pub fn check_ins_of(journal: &Journal, day: NaiveDate) -> Vec<Thread> {
    let kept = journal.versions.iter().filter(|v| matches!(v, Version::CheckIn(c) if c.date == day)).cloned();
    let now = journal.check_ins.iter().filter(|c| c.date == day).map(|c| Version::CheckIn(c.clone())).collect();
    threads(journal, kept, now).into_iter().filter(Thread::eventful).collect()
}

/// One thing that happened to the journal: a record written, changed or
/// removed, or a "noticed" left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When (milliseconds; 0 for files from before times were kept).
    pub at: u64,
    pub by: Person,
    /// The record, in a few words (see [`title`]).
    pub of: String,
    /// The part of it, for a record of several ("step 1 · reveal",
    /// "outcome of Tue 1 Dec"); none for a record of one part.
    pub part: Option<String>,
    /// The version the event left (for a removal, the last one).
    pub summary: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    Written,
    /// Each field that changed: its name, before, after.
    Changed(Vec<(&'static str, String, String)>),
    Removed,
    Noticed,
}

/// Every event of `journal` from `from` up to `to` (milliseconds, both
/// included), in the order they happened.
pub fn events(journal: &Journal, from: u64, to: u64) -> Vec<Event> {
    let within = |at: u64| (from..=to).contains(&at);
    let people = &journal.people;
    // The records something happened to in the range, each told once.
    let mut ids: Vec<Id> = Vec::new();
    let mut seen: HashSet<Id> = HashSet::new();
    let mut touch = |id: &Id, at: u64| {
        if within(at) && seen.insert(id.clone()) {
            ids.push(id.clone());
        }
    };
    journal.entries.iter().for_each(|e| touch(&e.id, e.updated));
    journal.check_ins.iter().for_each(|c| touch(&c.id, c.updated));
    journal.commitments.iter().for_each(|c| touch(&c.id, c.updated));
    for r in &journal.repairs {
        repair_versions(r).iter().for_each(|v| touch(&r.id, v.updated()));
    }
    for v in &journal.versions {
        match v {
            Version::Agreement(repair, a) => touch(repair, a.updated),
            Version::Outcome(o) => touch(&o.commitment, o.updated),
            Version::Noticed(_) => {}
            other => touch(other.of(), other.updated()),
        }
    }
    for r in &journal.removed {
        touch(&r.id, r.at);
    }
    let entries: HashMap<&Id, &Entry> = journal.entries.iter().map(|e| (&e.id, e)).collect();
    let entry_of = |id: &Id| entries.get(id).copied();
    let mut out = Vec::new();
    for id in &ids {
        // A "noticed" is told below, with the entry it is of.
        let told = story_with(journal, id, &entry_of);
        let of = title(people, &told);
        for t in told.iter().filter(|t| !matches!(t.versions[0], Version::Noticed(_))) {
            let part = (slot(&t.versions[0]) > 2).then(|| t.part());
            for (i, v) in t.versions.iter().enumerate() {
                let what = match i.checked_sub(1) {
                    None => What::Written,
                    Some(p) => What::Changed(changes(people, &t.versions[p], v)),
                };
                if within(v.updated()) && what != What::Changed(Vec::new()) {
                    let summary = summary(people, v);
                    out.push(Event { at: v.updated(), by: v.by(), of: of.clone(), part: part.clone(), summary, what });
                }
            }
            let last = &t.versions[t.versions.len() - 1];
            // A removed repair is told once, by its head; an agreement
            // removed on its own, by itself.
            let own = |r: &Removed| match last {
                Version::Reveal(..) | Version::Acknowledge(..) | Version::MakeItRight(..) | Version::LongGame(..) => {
                    false
                }
                _ => r.id == *last.of(),
            };
            if let Some(r) = t.removed.as_ref().filter(|r| within(r.at) && own(r)) {
                let (of, summary) = (of.clone(), summary(people, last));
                out.push(Event { at: r.at, by: r.by, of, part, summary, what: What::Removed });
            }
        }
    }
    let kept = journal.versions.iter().filter_map(|v| match v {
        Version::Noticed(n) => Some(n),
        _ => None,
    });
    for n in journal.noticed.iter().chain(kept).filter(|n| within(n.updated)) {
        let told = story_with(journal, &n.entry, &entry_of);
        // The entry as it read when it was noticed.
        let then = told.first().and_then(|t| t.versions.iter().rev().find(|v| v.updated() <= n.updated));
        let entry = then.map(|v| summary(people, v)).unwrap_or_default();
        let word = if n.word.is_empty() { String::new() } else { format!(" — \"{}\"", n.word) };
        let (of, summary) = (title(people, &told), format!("{entry}{word}"));
        out.push(Event { at: n.updated, by: n.by, of, part: None, summary, what: What::Noticed });
    }
    out.sort_by_key(|e| e.at);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::Deposit;
    use crate::domain::test_support::{entry, made};
    use crate::domain::{Change, Entry, Noticed, Repair, StepState};

    const HOUR: u64 = 60 * 60 * 1000;

    fn journal() -> Journal {
        let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
        let e = Entry {
            id: Id::from("E1"),
            note: "forgot the card bill".into(),
            updated: HOUR,
            ..entry("2026-12-03", Deposit, 100)
        };
        j.insert_entry(e);
        j
    }

    fn edit(j: &mut Journal, note: &str, at: u64, by: Person) {
        let e = Entry { note: note.into(), ..j.entry(&Id::from("E1")).expect("there").clone() };
        made(j, Change::ReplaceEntry(e), at, by);
    }

    fn notes(t: &Thread) -> Vec<String> {
        t.versions.iter().map(|v| if let Version::Entry(e) = v { e.note.clone() } else { String::new() }).collect()
    }

    #[test]
    fn an_entry_edited_twice_and_removed_tells_three_versions_and_the_tombstone() {
        let mut j = journal();
        edit(&mut j, "paid the card bill", 3 * HOUR, Person::A);
        edit(&mut j, "paid it late", 5 * HOUR, Person::A);
        let told = story(&j, &Id::from("E1"));
        assert_eq!(told.len(), 1);
        assert_eq!(notes(&told[0]), ["forgot the card bill", "paid the card bill", "paid it late"]);
        assert!(told[0].current && told[0].removed.is_none());
        let [first, second, third] = &told[0].versions[..] else { panic!("three versions") };
        assert_eq!(
            changes(&j.people, first, second),
            [("note", "forgot the card bill".into(), "paid the card bill".into())]
        );
        assert_eq!((third.by(), third.updated()), (Person::A, 5 * HOUR), "who wrote it, and when");

        made(&mut j, Change::RemoveEntry(Id::from("E1")), 7 * HOUR, Person::A);
        let told = story(&j, &Id::from("E1"));
        assert_eq!(notes(&told[0]), ["forgot the card bill", "paid the card bill", "paid it late"]);
        assert!(!told[0].current);
        let removed = told[0].removed.as_ref().expect("a tombstone");
        assert_eq!((removed.at, removed.by), (7 * HOUR, Person::A));
    }

    #[test]
    fn a_repair_is_told_part_by_part_and_only_changed_parts_have_versions() {
        let mut j = journal();
        let day = "2026-12-01".parse().expect("day");
        let r = Repair::new(Id::from("R1"), "the card bill".into(), day, None);
        made(&mut j, Change::AddRepair(r), HOUR, Person::A);
        let mut r = j.repairs[0].clone();
        r.reveal.how_i_felt = "small".into();
        r.reveal.state = StepState::InProgress;
        made(&mut j, Change::ReplaceRepair(r), 2 * HOUR, Person::B);
        let mut r = j.repairs[0].clone();
        r.reveal.how_i_felt = "small and unseen".into();
        made(&mut j, Change::ReplaceRepair(r), 4 * HOUR, Person::B);
        let told = story(&j, &Id::from("R1"));
        let parts: Vec<(String, usize)> = told.iter().map(|t| (t.part(), t.versions.len())).collect();
        assert_eq!(
            parts,
            [
                ("repair".into(), 1),
                ("step 1 · reveal".into(), 3),
                ("step 2 · acknowledge".into(), 1),
                ("step 3 · make it right".into(), 1),
                ("step 4 · the long game".into(), 1)
            ]
        );
        let reveal = &told[1].versions;
        assert_eq!(
            changes(&j.people, &reveal[1], &reveal[2]),
            [("how I felt", "small".into(), "small and unseen".into())]
        );
    }

    #[test]
    fn events_of_a_range_say_what_was_written_changed_removed_and_noticed() {
        let mut j = journal();
        edit(&mut j, "paid the card bill", 3 * HOUR, Person::A);
        let noticed = Noticed {
            id: Id::from("N1"),
            entry: Id::from("E1"),
            at: j.entries[0].at,
            word: "thank you".into(),
            by: Person::B,
            updated: 0,
        };
        made(&mut j, Change::Notice(noticed), 4 * HOUR, Person::B);
        made(&mut j, Change::RemoveEntry(Id::from("E1")), 6 * HOUR, Person::A);
        let all: Vec<(u64, Person, What)> = events(&j, 0, u64::MAX).into_iter().map(|e| (e.at, e.by, e.what)).collect();
        assert_eq!(
            all,
            [
                (HOUR, Person::A, What::Written),
                (
                    3 * HOUR,
                    Person::A,
                    What::Changed(vec![("note", "forgot the card bill".into(), "paid the card bill".into())])
                ),
                (4 * HOUR, Person::B, What::Noticed),
                (6 * HOUR, Person::A, What::Removed),
            ]
        );
        // The range holds only what happened in it.
        let middle: Vec<u64> = events(&j, 2 * HOUR, 5 * HOUR).iter().map(|e| e.at).collect();
        assert_eq!(middle, [3 * HOUR, 4 * HOUR]);
        let removed = events(&j, 6 * HOUR, 6 * HOUR);
        assert_eq!(removed[0].summary, "+$1.00 positive interaction \"paid the card bill\"");
    }

    #[test]
    fn the_check_ins_of_a_day_are_told_when_changed() {
        let mut j = journal();
        let day: NaiveDate = "2026-12-03".parse().expect("day");
        let check_in = crate::domain::CheckIn {
            id: Id::from("C1"),
            date: day,
            at: j.entries[0].at,
            rating: 3,
            reflection: "tired".into(),
            by: Person::A,
            updated: 0,
        };
        made(&mut j, Change::SetCheckIn(check_in.clone()), HOUR, Person::A);
        assert!(check_ins_of(&j, day).is_empty(), "written once: nothing to tell");
        made(&mut j, Change::SetCheckIn(crate::domain::CheckIn { rating: 4, ..check_in }), 3 * HOUR, Person::A);
        let told = check_ins_of(&j, day);
        assert_eq!(told.len(), 1);
        assert_eq!(
            changes(&j.people, &told[0].versions[0], &told[0].versions[1]),
            [("rating", "3 of 5".into(), "4 of 5".into())]
        );
    }

    #[test]
    fn a_commitment_tells_only_the_outcomes_that_were_changed() {
        use crate::domain::{Amount, Outcome, OutcomeRecord, Schedule, outcome::new_commitment};
        let mut j = journal();
        let day: NaiveDate = "2026-12-01".parse().expect("day");
        let c = new_commitment(Id::from("C1"), "Walk".into(), Schedule::Daily, day, Amount(10), Amount(100));
        made(&mut j, Change::AddCommitment(c), HOUR, Person::A);
        let outcome = |d: NaiveDate, outcome, updated| OutcomeRecord {
            id: OutcomeRecord::id_for(&Id::from("C1"), d),
            commitment: Id::from("C1"),
            date: d,
            outcome,
            entry: None,
            by: Person::A,
            updated,
        };
        let next = day.succ_opt().expect("a day");
        j.outcomes.push(outcome(day, Outcome::Kept, 3 * HOUR));
        j.outcomes.push(outcome(next, Outcome::Excused, 3 * HOUR));
        // The first day's outcome lost a merge: missed, then kept.
        j.versions.push(Version::Outcome(outcome(day, Outcome::Missed, 2 * HOUR)));
        j.versions.sort_by(|a, b| a.of().cmp(b.of()));
        let told = story(&j, &Id::from("C1"));
        let parts: Vec<(String, usize)> = told.iter().map(|t| (t.part(), t.versions.len())).collect();
        assert_eq!(parts, [("commitment".into(), 1), ("outcome of Tue 1 Dec".into(), 2)]);
        assert_eq!(
            changes(&j.people, &told[1].versions[0], &told[1].versions[1]),
            [("outcome", "missed".into(), "kept".into())]
        );
    }
}
