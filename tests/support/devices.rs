//! Devices that copy one journal and go apart: random changes made as the
//! app makes them (stamped, with each device's own clock and ids), for the
//! merge laws of `tests/merge.rs` and `tests/merge3.rs`.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;
use trustbank::domain::outcome::{new_commitment, set_outcome};
use trustbank::domain::stamp::stamp;
use trustbank::domain::versioning::with_history;
use trustbank::domain::{
    Agreement, Amount, Change, CheckIn, Entry, EntryKind, Id, Journal, Noticed, Outcome, People, Person, Repair,
    Schedule, Stamp, Version,
};

/// 20 November 2026, 12:00 UTC, in milliseconds.
pub const START: u64 = 1_795_694_400_000;

pub fn day(n: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date") + Duration::days(i64::from(n % 7))
}

pub fn moment(millis: u64) -> DateTime<FixedOffset> {
    let utc = DateTime::from_timestamp_millis(millis as i64).expect("a time");
    utc.with_timezone(&FixedOffset::east_opt(3600).expect("+01:00"))
}

pub const NOTES: [&str; 6] = ["listened", "made tea", "late again", "called at lunch", "💛 walked", "said sorry"];

/// One thing a person does on one device.
#[derive(Debug, Clone)]
pub enum Op {
    Add {
        by: Person,
        who: Person,
        cents: u8,
        note: u8,
        day: u8,
    },
    Edit {
        pick: u8,
        note: u8,
    },
    Remove {
        pick: u8,
    },
    CheckIn {
        day: u8,
        by: Person,
        rating: u8,
    },
    RemoveCheckIn {
        day: u8,
        by: Person,
    },
    Mark {
        pick: u8,
        day: u8,
        outcome: u8,
        by: Person,
    },
    Commit {
        by: Person,
        title: u8,
    },
    Retitle {
        pick: u8,
        title: u8,
    },
    RemoveCommitment {
        pick: u8,
    },
    Name {
        person: Person,
        name: u8,
    },
    Currency {
        pick: u8,
    },
    OpenRepair {
        title: u8,
    },
    Reveal {
        pick: u8,
        text: u8,
    },
    Acknowledge {
        pick: u8,
        text: u8,
    },
    Agree {
        pick: u8,
        text: u8,
        by: Person,
    },
    Unagree {
        pick: u8,
    },
    RemoveRepair {
        pick: u8,
    },
    /// The partner of the one an entry is about says they noticed it, or
    /// takes that back.
    Notice {
        pick: u8,
        word: u8,
    },
    Wait {
        millis: u16,
    },
}

pub fn person() -> impl Strategy<Value = Person> {
    prop_oneof![Just(Person::A), Just(Person::B)]
}

pub fn op() -> impl Strategy<Value = Op> {
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
        2 => (any::<u8>(), any::<u8>()).prop_map(|(pick, word)| Op::Notice { pick, word }),
        2 => any::<u16>().prop_map(|millis| Op::Wait { millis }),
    ]
}

/// One device: its copy of the journal, its clock and its ids.
pub struct Device {
    pub name: &'static str,
    pub journal: Journal,
    pub clock: u64,
    pub serial: u32,
}

impl Device {
    pub fn new(name: &'static str, journal: Journal, clock: u64) -> Device {
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
    pub fn run(&mut self, op: &Op) {
        let Some((change, by)) = self.change(op) else { return };
        // As the app's commit: the versions it replaces kept, then stamped.
        let at = Stamp::new(self.clock, by);
        let change = stamp(with_history(change, &self.journal, at), &self.journal, at);
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
            Op::Notice { pick, word } => {
                let e = Self::pick(&j.entries, pick)?;
                let (entry, by) = (e.id.clone(), e.who.other());
                match j.noticed.iter().find(|n| n.entry == entry && n.by == by) {
                    Some(n) => (Change::Unnotice(n.id.clone()), by),
                    None => {
                        let noticed = Noticed {
                            id: self.id(),
                            entry,
                            at: moment(self.clock),
                            word: if word % 2 == 0 {
                                String::new()
                            } else {
                                NOTES[usize::from(word) % NOTES.len()].into()
                            },
                            by,
                            updated: 0,
                        };
                        (Change::Notice(noticed), by)
                    }
                }
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
pub fn base(ops: &[Op]) -> Journal {
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
pub fn diverge(name: &'static str, base: &Journal, skew: u16, ops: &[Op]) -> Journal {
    let mut device = Device::new(name, base.clone(), START + 1_000 + u64::from(skew % 4) * 250);
    for op in ops {
        device.run(op);
    }
    device.journal
}

pub fn normalized(j: &Journal) -> Journal {
    let mut j = j.clone();
    j.normalize();
    j
}

/// Every version of every record a journal holds, live or in its history,
/// as text: a repair as its parts, as the history keeps them.
pub fn versions(j: &Journal) -> BTreeSet<String> {
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
pub fn live(j: &Journal) -> Vec<(Id, u64)> {
    let mut out: Vec<(Id, u64)> = j.entries.iter().map(|e| (e.id.clone(), e.updated)).collect();
    out.extend(j.check_ins.iter().map(|c| (c.id.clone(), c.updated)));
    out.extend(j.commitments.iter().map(|c| (c.id.clone(), c.updated)));
    out.extend(j.outcomes.iter().map(|o| (o.id.clone(), o.updated)));
    out
}

/// `left == right`, or the lines of their files that differ.
pub fn same(left: &Journal, right: &Journal, law: &str) -> Result<(), TestCaseError> {
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
