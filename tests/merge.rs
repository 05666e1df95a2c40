//! The merge rules are laws: on random copies of one journal that went
//! apart on two or three devices (each with its own clock, sometimes the
//! same millisecond on both), merging is commutative, associative and
//! idempotent, the result is a sound journal, no version of any record is
//! lost, a removal stays removed unless the record was written again
//! after it, and the later of two edits wins.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;
use trustbank::domain::merge::merge;
use trustbank::domain::outcome::{new_commitment, set_outcome};
use trustbank::domain::stamp::stamp;
use trustbank::domain::{
    Agreement, Amount, Change, CheckIn, Entry, EntryKind, Id, Journal, Outcome, People, Person, Repair, Schedule,
    Stamp, Version, validate,
};

/// 20 November 2026, 12:00 UTC, in milliseconds.
const START: u64 = 1_795_694_400_000;

fn day(n: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date") + Duration::days(i64::from(n % 7))
}

fn moment(millis: u64) -> DateTime<FixedOffset> {
    let utc = DateTime::from_timestamp_millis(millis as i64).expect("a time");
    utc.with_timezone(&FixedOffset::east_opt(3600).expect("+01:00"))
}

const NOTES: [&str; 6] = ["listened", "made tea", "late again", "called at lunch", "💛 walked", "said sorry"];

/// One thing a person does on one device.
#[derive(Debug, Clone)]
enum Op {
    Add { by: Person, who: Person, cents: u8, note: u8, day: u8 },
    Edit { pick: u8, note: u8 },
    Remove { pick: u8 },
    CheckIn { day: u8, by: Person, rating: u8 },
    RemoveCheckIn { day: u8, by: Person },
    Mark { pick: u8, day: u8, outcome: u8, by: Person },
    Commit { by: Person, title: u8 },
    Retitle { pick: u8, title: u8 },
    RemoveCommitment { pick: u8 },
    Name { person: Person, name: u8 },
    Currency { pick: u8 },
    OpenRepair { title: u8 },
    Reveal { pick: u8, text: u8 },
    Acknowledge { pick: u8, text: u8 },
    Agree { pick: u8, text: u8, by: Person },
    Unagree { pick: u8 },
    RemoveRepair { pick: u8 },
    Wait { millis: u16 },
}

fn person() -> impl Strategy<Value = Person> {
    prop_oneof![Just(Person::A), Just(Person::B)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (person(), person(), any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(by, who, cents, note, day)| Op::Add { by, who, cents, note, day }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(pick, note)| Op::Edit { pick, note }),
        2 => any::<u8>().prop_map(|pick| Op::Remove { pick }),
        2 => (any::<u8>(), person(), 1..=5u8).prop_map(|(day, by, rating)| Op::CheckIn { day, by, rating }),
        1 => (any::<u8>(), person()).prop_map(|(day, by)| Op::RemoveCheckIn { day, by }),
        3 => (any::<u8>(), any::<u8>(), 0..4u8, person())
            .prop_map(|(pick, day, outcome, by)| Op::Mark { pick, day, outcome, by }),
        1 => (person(), any::<u8>()).prop_map(|(by, title)| Op::Commit { by, title }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(pick, title)| Op::Retitle { pick, title }),
        1 => any::<u8>().prop_map(|pick| Op::RemoveCommitment { pick }),
        1 => (person(), any::<u8>()).prop_map(|(person, name)| Op::Name { person, name }),
        1 => any::<u8>().prop_map(|pick| Op::Currency { pick }),
        1 => any::<u8>().prop_map(|title| Op::OpenRepair { title }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(pick, text)| Op::Reveal { pick, text }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(pick, text)| Op::Acknowledge { pick, text }),
        1 => (any::<u8>(), any::<u8>(), person()).prop_map(|(pick, text, by)| Op::Agree { pick, text, by }),
        1 => any::<u8>().prop_map(|pick| Op::Unagree { pick }),
        1 => any::<u8>().prop_map(|pick| Op::RemoveRepair { pick }),
        2 => any::<u16>().prop_map(|millis| Op::Wait { millis }),
    ]
}

/// One device: its copy of the journal, its clock and its ids.
struct Device {
    name: &'static str,
    journal: Journal,
    clock: u64,
    serial: u32,
}

impl Device {
    fn new(name: &'static str, journal: Journal, clock: u64) -> Device {
        Device { name, journal, clock, serial: 0 }
    }

    fn id(&mut self) -> Id {
        self.serial += 1;
        Id(format!("{}{:05}", self.name, self.serial))
    }

    fn pick<T>(list: &[T], pick: u8) -> Option<&T> {
        (!list.is_empty()).then(|| &list[usize::from(pick) % list.len()])
    }

    /// Does `op` as the app would: a change, stamped, applied.
    fn run(&mut self, op: &Op) {
        let Some((change, by)) = self.change(op) else { return };
        let change = stamp(change, &self.journal, Stamp::new(self.clock, by));
        // A change that no longer fits (its record is gone) is refused,
        // as in the app.
        let _ = change.apply(&mut self.journal);
        self.clock += 1;
    }

    fn change(&mut self, op: &Op) -> Option<(Change, Person)> {
        let j = &self.journal;
        Some(match *op {
            Op::Add { by, who, cents, note, day: d } => {
                let kind = if cents % 5 == 0 { EntryKind::Withdrawal } else { EntryKind::Deposit };
                let entry = Entry {
                    id: self.id(),
                    date: day(d),
                    at: moment(self.clock),
                    kind,
                    amount: Amount(u64::from(cents % 50) + 1),
                    category: "positive interaction".into(),
                    who,
                    note: NOTES[usize::from(note) % NOTES.len()].into(),
                    commitment: None,
                    by,
                    updated: 0,
                };
                (Change::AddEntry(entry), by)
            }
            Op::Edit { pick, note } => {
                let own: Vec<&Entry> = j.entries.iter().filter(|e| e.commitment.is_none()).collect();
                let mut e = (*Self::pick(&own, pick)?).clone();
                e.note = format!("{} ({})", NOTES[usize::from(note) % NOTES.len()], self.name);
                let by = e.by;
                (Change::ReplaceEntry(e), by)
            }
            Op::Remove { pick } => {
                let own: Vec<&Entry> = j.entries.iter().filter(|e| e.commitment.is_none()).collect();
                let e = Self::pick(&own, pick)?;
                (Change::RemoveEntry(e.id.clone()), e.by)
            }
            Op::CheckIn { day: d, by, rating } => {
                let date = day(d);
                let id = j.check_in(date, by).map(|c| c.id.clone());
                let id = id.unwrap_or_else(|| self.id());
                let reflection = format!("rated on {}", self.name);
                let check_in = CheckIn { id, date, at: moment(self.clock), rating, reflection, by, updated: 0 };
                (Change::SetCheckIn(check_in), by)
            }
            Op::RemoveCheckIn { day: d, by } => {
                j.check_in(day(d), by)?;
                (Change::RemoveCheckIn(day(d), by), by)
            }
            Op::Mark { pick, day: d, outcome, by } => {
                let c = Self::pick(&j.commitments, pick)?.clone();
                let outcome = [None, Some(Outcome::Kept), Some(Outcome::Missed), Some(Outcome::Excused)]
                    [usize::from(outcome) % 4];
                let id = self.id();
                let j = &self.journal;
                (set_outcome(j, &c, day(d), outcome, moment(self.clock), (id, by)), by)
            }
            Op::Commit { by, title } => {
                let mut c = new_commitment(
                    self.id(),
                    format!("promise {title}"),
                    Schedule::Daily,
                    day(0),
                    Amount(10),
                    Amount(100),
                );
                c.by = by;
                (Change::AddCommitment(c), by)
            }
            Op::Retitle { pick, title } => {
                let mut c = Self::pick(&j.commitments, pick)?.clone();
                c.title = format!("promise {title} ({})", self.name);
                let by = c.by;
                (Change::ReplaceCommitment(c), by)
            }
            Op::RemoveCommitment { pick } => {
                let c = Self::pick(&j.commitments, pick)?;
                let mut batch: Vec<Change> = j
                    .outcomes
                    .iter()
                    .filter(|o| o.commitment == c.id)
                    .map(|o| set_outcome(j, c, o.date, None, moment(self.clock), (Id::default(), c.by)))
                    .collect();
                batch.push(Change::RemoveCommitment(c.id.clone()));
                (Change::Batch(batch), c.by)
            }
            Op::Name { person, name } => {
                let mut people: People = j.people.clone();
                people.get_mut(person).name = ["Sam", "Alex", "Ana", "Ben"][usize::from(name) % 4].into();
                (Change::SetPeople(Box::new(people)), person)
            }
            Op::Currency { pick } => {
                let mut settings = j.settings.clone();
                settings.currency = ["$", "€", "£"][usize::from(pick) % 3].into();
                (Change::SetSettings(Box::new(settings)), Person::A)
            }
            Op::OpenRepair { title } => {
                let mut r = Repair::new(self.id(), format!("repair {title}"), day(0), None);
                r.by = r.hurt;
                let by = r.by;
                (Change::AddRepair(r), by)
            }
            Op::Reveal { pick, text } => {
                let mut r = Self::pick(&j.repairs, pick)?.clone();
                r.reveal.how_i_felt = format!("felt {text} on {}", self.name);
                let by = r.hurt;
                (Change::ReplaceRepair(r), by)
            }
            Op::Acknowledge { pick, text } => {
                let mut r = Self::pick(&j.repairs, pick)?.clone();
                r.acknowledge.apology = format!("sorry {text} on {}", self.name);
                let by = r.hurt.other();
                (Change::ReplaceRepair(r), by)
            }
            Op::Agree { pick, text, by } => {
                let mut r = Self::pick(&j.repairs, pick)?.clone();
                let id = self.id();
                r.make_it_right.agreements.push(Agreement {
                    id,
                    text: format!("agree {text}"),
                    commitment: None,
                    by,
                    updated: 0,
                });
                (Change::ReplaceRepair(r), by)
            }
            Op::Unagree { pick } => {
                let with: Vec<&Repair> = j.repairs.iter().filter(|r| !r.make_it_right.agreements.is_empty()).collect();
                let mut r = (*Self::pick(&with, pick)?).clone();
                let gone = r.make_it_right.agreements.remove(usize::from(pick) % r.make_it_right.agreements.len());
                (Change::ReplaceRepair(r), gone.by)
            }
            Op::RemoveRepair { pick } => {
                let r = Self::pick(&j.repairs, pick)?;
                (Change::RemoveRepair(r.id.clone()), r.by)
            }
            Op::Wait { millis } => {
                self.clock += u64::from(millis);
                return None;
            }
        })
    }
}

/// A journal both devices started from: a few of each record.
fn base(ops: &[Op]) -> Journal {
    let start = Journal { id: Id("J-merge".into()), people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut device = Device::new("base", start, START);
    for op in [
        Op::Commit { by: Person::A, title: 1 },
        Op::Add { by: Person::A, who: Person::A, cents: 1, note: 0, day: 0 },
        Op::Add { by: Person::B, who: Person::A, cents: 5, note: 2, day: 1 },
        Op::OpenRepair { title: 1 },
    ]
    .iter()
    .chain(ops)
    {
        device.run(op);
    }
    device.journal
}

/// The copy of one device after `ops`; `skew` is how far its clock is
/// from the base's last moment (0: the same millisecond as another's).
fn diverge(name: &'static str, base: &Journal, skew: u16, ops: &[Op]) -> Journal {
    let mut device = Device::new(name, base.clone(), START + 1_000 + u64::from(skew % 4) * 250);
    for op in ops {
        device.run(op);
    }
    device.journal
}

fn merged(a: &Journal, b: &Journal) -> Journal {
    merge(a, b).expect("two copies of one journal").0
}

fn normalized(j: &Journal) -> Journal {
    let mut j = j.clone();
    j.normalize();
    j
}

/// Every version of every record a journal holds, live or in its history,
/// as text: a repair as its parts, as the history keeps them.
fn versions(j: &Journal) -> BTreeSet<String> {
    let text = |v: Version| serde_json::to_string(&v).expect("a version serializes");
    let mut out: BTreeSet<String> = j.versions.iter().cloned().map(text).collect();
    out.extend(j.entries.iter().cloned().map(Version::Entry).map(text));
    out.extend(j.check_ins.iter().cloned().map(Version::CheckIn).map(text));
    out.extend(j.commitments.iter().cloned().map(Version::Commitment).map(text));
    out.extend(j.outcomes.iter().cloned().map(Version::Outcome).map(text));
    out.extend(j.noticed.iter().cloned().map(Version::Noticed).map(text));
    for r in &j.repairs {
        let head = Repair {
            reveal: Default::default(),
            acknowledge: Default::default(),
            make_it_right: Default::default(),
            long_game: Default::default(),
            ..r.clone()
        };
        let mut step3 = r.make_it_right.clone();
        let agreements = std::mem::take(&mut step3.agreements);
        out.insert(text(Version::Repair(Box::new(head))));
        out.insert(text(Version::Reveal(r.id.clone(), r.reveal.clone())));
        out.insert(text(Version::Acknowledge(r.id.clone(), r.acknowledge.clone())));
        out.insert(text(Version::MakeItRight(r.id.clone(), step3)));
        out.insert(text(Version::LongGame(r.id.clone(), r.long_game.clone())));
        out.extend(agreements.into_iter().map(|a| text(Version::Agreement(r.id.clone(), a))));
    }
    out
}

/// Each live record's id and `updated`, of the kinds a tombstone can bury.
fn live(j: &Journal) -> Vec<(Id, u64)> {
    let mut out: Vec<(Id, u64)> = j.entries.iter().map(|e| (e.id.clone(), e.updated)).collect();
    out.extend(j.check_ins.iter().map(|c| (c.id.clone(), c.updated)));
    out.extend(j.commitments.iter().map(|c| (c.id.clone(), c.updated)));
    out.extend(j.outcomes.iter().map(|o| (o.id.clone(), o.updated)));
    out
}

/// `left == right`, or the lines of their files that differ.
fn same(left: &Journal, right: &Journal, law: &str) -> Result<(), TestCaseError> {
    if left == right {
        return Ok(());
    }
    let text = |j: &Journal| trustbank::storage::format::to_ron(j).expect("a journal serializes");
    let (l, r) = (text(left), text(right));
    let (mut l, mut r): (Vec<&str>, Vec<&str>) = (l.lines().collect(), r.lines().collect());
    let (left_all, right_all) = (l.clone(), r.clone());
    l.retain(|line| {
        !right_all.contains(line)
            || left_all.iter().filter(|x| *x == line).count() > right_all.iter().filter(|x| *x == line).count()
    });
    r.retain(|line| {
        !left_all.contains(line)
            || right_all.iter().filter(|x| *x == line).count() > left_all.iter().filter(|x| *x == line).count()
    });
    let (only_left, only_right) = (l, r);
    let first = left_all.iter().zip(&right_all).position(|(a, b)| a != b);
    let at =
        |all: &[&str]| first.map(|i| all[i.saturating_sub(1)..(i + 2).min(all.len())].join("\n")).unwrap_or_default();
    let (only_left, only_right) = if only_left.is_empty() && only_right.is_empty() {
        (vec![at(&left_all)], vec![at(&right_all)])
    } else {
        (only_left.into_iter().map(String::from).collect(), only_right.into_iter().map(String::from).collect())
    };
    Err(TestCaseError::fail(format!("{law}:\n only left: {only_left:#?}\n only right: {only_right:#?}")))
}

fn assert_laws(copies: &[&Journal]) -> Result<(), TestCaseError> {
    for &a in copies {
        same(&merged(a, a), &normalized(a), "a copy merged with itself is the copy")?;
        for &b in copies {
            let ab = merged(a, b);
            same(&ab, &merged(b, a), "commutative")?;
            same(&merged(&ab, &ab), &ab, "idempotent")?;
            same(&merged(&ab, b), &ab, "merging a copy in again changes nothing")?;
            let problems = validate::problems(&ab);
            prop_assert!(problems.is_empty(), "the merge is sound: {:?}", problems);

            let have = versions(&ab);
            for v in versions(a).union(&versions(b)) {
                prop_assert!(have.contains(v), "a version was lost: {}", v);
            }
            for tomb in a.removed.iter().chain(&b.removed) {
                for (id, updated) in live(&ab) {
                    prop_assert!(id != tomb.id || updated > tomb.at, "{:?} came back after its removal", id);
                }
            }
            // The later of two edits of an entry wins.
            for e in &a.entries {
                if let Some(theirs) = b.entry(&e.id)
                    && e.updated > theirs.updated
                    && !ab.removed.iter().any(|r| r.id == e.id)
                    && e.commitment.is_none()
                {
                    prop_assert_eq!(ab.entry(&e.id), Some(e), "the later edit wins");
                }
            }
            for &c in copies {
                same(&merged(&ab, c), &merged(a, &merged(b, c)), "associative")?;
            }
        }
    }
    Ok(())
}

/// `default` cases, or as many as `PROPTEST_CASES` asks for (a longer run
/// by hand).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn two_copies_merge_by_laws(
        shared in prop::collection::vec(op(), 0..12),
        (skew_a, mine) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
        (skew_b, theirs) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
    ) {
        let base = base(&shared);
        let a = diverge("a", &base, skew_a, &mine);
        let b = diverge("b", &base, skew_b, &theirs);
        assert_laws(&[&base, &a, &b])?;
    }

    #[test]
    fn three_copies_merge_by_laws(
        shared in prop::collection::vec(op(), 0..8),
        (skew_a, ops_a) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
        (skew_b, ops_b) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
        (skew_c, ops_c) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
    ) {
        let base = base(&shared);
        let a = diverge("a", &base, skew_a, &ops_a);
        let b = diverge("b", &base, skew_b, &ops_b);
        let c = diverge("c", &base, skew_c, &ops_c);
        assert_laws(&[&a, &b, &c])?;
    }
}

#[test]
fn two_journals_are_not_merged() {
    let a = Journal { id: Id("J-one".into()), ..Journal::default() };
    let b = Journal { id: Id("J-two".into()), ..Journal::default() };
    let err = merge(&a, &b).expect_err("two journals");
    assert!(err.to_string().contains("two different journals"), "{err}");
}

/// The base and two devices, `a`'s clock `lead` ms ahead of `b`'s.
fn pair(lead: u64) -> (Device, Device) {
    let base = base(&[]);
    let a = Device::new("a", base.clone(), START + 10_000 + lead);
    let b = Device::new("b", base, START + 10_000);
    (a, b)
}

#[test]
fn the_later_of_two_edits_wins_and_the_other_is_kept_in_the_history() {
    let (mut a, mut b) = pair(5);
    let id = a.journal.entries[0].id.clone();
    a.run(&Op::Edit { pick: 0, note: 1 });
    b.run(&Op::Edit { pick: 0, note: 3 });
    let (m, report) = merge(&b.journal, &a.journal).expect("one journal");
    assert_eq!(m.entry(&id).map(|e| e.note.as_str()), Some("made tea (a)"), "a's edit is later");
    assert!(
        m.versions.iter().any(|v| matches!(v, Version::Entry(e) if e.note == "called at lunch (b)")),
        "b's edit is in the history: {:?}",
        m.versions
    );
    assert_eq!(report.conflicts, 1, "{report}");
    assert!(report.to_string().contains("1 conflict settled (both versions kept)"), "{report}");
}

#[test]
fn a_removal_wins_over_an_older_edit_and_loses_to_a_newer_one() {
    for (lead, stays_removed) in [(5, true), (0, false)] {
        let (mut a, mut b) = pair(lead);
        let id = a.journal.entries[0].id.clone();
        b.run(&Op::Wait { millis: 2 });
        a.run(&Op::Remove { pick: 0 });
        b.run(&Op::Edit { pick: 0, note: 1 });
        let m = merged(&a.journal, &b.journal);
        assert_eq!(m.entry(&id).is_none(), stays_removed, "lead {lead}");
        assert!(m.versions.iter().any(|v| v.of() == &id) || !stays_removed, "the edit is kept in the history");
    }
}

#[test]
fn the_reveal_written_on_one_computer_and_the_acknowledge_on_the_other_both_stand() {
    let (mut a, mut b) = pair(0);
    a.run(&Op::Reveal { pick: 0, text: 1 });
    b.run(&Op::Acknowledge { pick: 0, text: 2 });
    let m = merged(&a.journal, &b.journal);
    let r = &m.repairs[0];
    assert_eq!(r.reveal.how_i_felt, "felt 1 on a");
    assert_eq!(r.acknowledge.apology, "sorry 2 on b");
    assert_eq!((r.reveal.by, r.acknowledge.by), (r.hurt, r.hurt.other()));
}

#[test]
fn two_marks_of_one_day_and_two_check_ins_of_one_person_settle_on_one_each() {
    let (mut a, mut b) = pair(3);
    for d in [&mut a, &mut b] {
        d.run(&Op::Mark { pick: 0, day: 2, outcome: 1, by: Person::A });
        d.run(&Op::CheckIn { day: 2, by: Person::B, rating: 4 });
    }
    let m = merged(&a.journal, &b.journal);
    assert!(validate::problems(&m).is_empty(), "{:?}", validate::problems(&m));
    assert_eq!(m.outcomes.len(), 1);
    assert_eq!(m.entries.iter().filter(|e| e.commitment.is_some()).count(), 1, "one deposit posted");
    assert_eq!(m.check_ins_on(day(2)).len(), 1);
    assert_eq!(m.check_ins_on(day(2))[0].reflection, "rated on a", "the later one");
    assert!(m.versions.iter().any(|v| matches!(v, Version::CheckIn(c) if c.reflection == "rated on b")));
}
