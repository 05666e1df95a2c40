//! A deterministic generator of realistic journals, shared by the demo,
//! the benchmark and the tests: the same seed always gives the same journal.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime};

use crate::domain::outcome::{new_commitment, set_outcome};
use crate::domain::settings::{BETRAYAL, COMMITMENT_KEPT, TURNED_AWAY, TURNED_TOWARD};
use crate::domain::stamp::stamp;
use crate::domain::{
    Acknowledge, Agreement, Amount, CheckIn, Entry, EntryKind, Id, Journal, MakeItRight, Outcome, People, Person,
    Repair, Reveal, Schedule, Stamp, StepState,
};

/// A small, fast, seeded random source (SplitMix64): reproducible
/// everywhere, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub seed: u64,
    /// About this many entries (outcome entries included).
    pub entries: usize,
    pub commitments: usize,
    /// The last day of the journal (usually today).
    pub end: NaiveDate,
    /// How many days it spans.
    pub days: u64,
}

const DEPOSIT_NOTES: &[&str] = &[
    "made coffee without being asked",
    "listened all the way through",
    "told the truth about the bill",
    "thanked her for dinner 🙏",
    "held hands on the walk",
    "called at lunch just to ask how it went",
    "asked about the meeting and remembered the names",
    "left a note on the mirror 💛",
    "took the kids so she could rest",
    "admitted I was wrong, straight away",
    "shared the bank statement without being asked",
    "turned off the phone at dinner",
    "一緒に料理した (cooked together)",
    "remembered the appointment",
    "said sorry first",
    "",
];

const WITHDRAWAL_NOTES: &[&str] = &[
    "snapped about the dishes",
    "was late and did not call",
    "scrolled my phone while she talked",
    "got defensive about the card",
    "forgot to pay the electricity bill",
    "kept the parcel a secret",
    "",
];

const TITLES: &[(&str, &str)] = &[
    ("Pick up Mia from school", "weekdays"),
    ("Date night", "1x a week"),
    ("Weekly money talk", "every Sunday"),
    ("Couples therapy", "every 2 weeks on Tue"),
    ("Pay the credit card in full", "monthly on the 28th"),
    ("Call her mother", "every Friday"),
    ("Walk together after dinner", "3x a week"),
    ("Phone-free evening", "Mon, Wed"),
    ("Share the calendar", "every day"),
    ("Anniversary dinner", "once on 2026-06-14"),
];

/// A journal of about `shape.entries` entries over `shape.days` days, its
/// times at UTC+01:00 (the same file on every machine, for the benchmark).
pub fn journal(shape: Shape) -> Journal {
    journal_in(shape, FixedOffset::east_opt(3600).unwrap_or(FixedOffset::east_opt(0).expect("UTC")))
}

/// [`journal`], its times on the clock of `offset`.
fn journal_in(shape: Shape, offset: FixedOffset) -> Journal {
    let mut rng = Rng::new(shape.seed);
    let mut journal = Journal {
        people: People::new("Sam", "Alex"),
        id: Id(ulid::Ulid::from_parts(1_700_000_000_000, u128::from(shape.seed)).to_string()),
        ..Journal::default()
    };
    let first = shape.end.checked_sub_days(Days::new(shape.days.saturating_sub(1))).unwrap_or(shape.end);
    let mut serial: u64 = 0;
    let mut next_id = |at: &DateTime<FixedOffset>| {
        serial += 1;
        // Deterministic ids: the time part from the moment, the rest from
        // a counter (a valid, sortable ULID).
        let millis = at.timestamp_millis().max(0) as u64;
        Id(ulid::Ulid::from_parts(millis, u128::from(serial)).to_string())
    };
    let at = |date: NaiveDate, minute: u32| -> DateTime<FixedOffset> {
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(18 * 3600 + (minute % 300) * 60, 0).unwrap_or(NaiveTime::MIN);
        date.and_time(time)
            .and_local_timezone(offset)
            .single()
            .unwrap_or_else(|| date.and_time(time).and_utc().fixed_offset())
    };

    // Commitments of every schedule kind, started at the journal's start.
    for i in 0..shape.commitments {
        let (title, words) = TITLES[i % TITLES.len()];
        let schedule = crate::domain::parse_schedule(words).unwrap_or(Schedule::Daily);
        let title = if i < TITLES.len() { title.to_string() } else { format!("{title} ({})", i / TITLES.len() + 1) };
        let created = at(first, 0);
        let mut c = new_commitment(next_id(&created), title, schedule, first, Amount(10), Amount(100));
        c.archived = i % 17 == 16;
        // Most promises are Sam's, who is repairing; some are Alex's.
        c.by = if i % 3 == 2 { Person::B } else { Person::A };
        c.updated = created.timestamp_millis().max(0) as u64;
        journal.commitments.push(c);
    }

    // Outcomes: most kept, some missed or excused, spread over the whole
    // span; today is left for the couple to mark.
    let days: Vec<NaiveDate> = first.iter_days().take(shape.days as usize).collect();
    let occurrences: usize = journal.commitments.iter().map(|c| days.iter().filter(|d| c.falls_on(**d)).count()).sum();
    let per_mille = ((shape.entries / 3) * 1000 / occurrences.max(1)).min(1000) as u64;
    for day in days.iter().filter(|d| **d < shape.end) {
        for c in journal.commitments.clone() {
            if !c.falls_on(*day) || rng.below(1000) >= per_mille {
                continue;
            }
            if let Schedule::TimesPerWeek(_) = c.schedule
                && !rng.chance(45)
            {
                continue;
            }
            let outcome = match rng.below(100) {
                0..=87 => Outcome::Kept,
                88..=92 => Outcome::Missed,
                _ => Outcome::Excused,
            };
            let moment = at(*day, rng.below(300) as u32);
            // As the app would: no miss once a week has its N.
            if c.refuse_mark(&journal, *day, outcome, journal.settings.week_starts_on).is_some() {
                continue;
            }
            let id = next_id(&moment);
            let change = set_outcome(&journal, &c, *day, Some(outcome), moment, (id, c.by));
            let change = stamp(change, &journal, Stamp::new(moment.timestamp_millis().max(0) as u64, c.by));
            let _ = change.apply(&mut journal);
        }
    }

    // Deposits and withdrawals, a few wipes.
    let settings = journal.settings.clone();
    let remaining = shape.entries.saturating_sub(journal.entries.len());
    for n in 0..remaining {
        let day = days[(n as u64 * days.len() as u64 / remaining.max(1) as u64) as usize];
        let moment = at(day, rng.below(300) as u32);
        let roll = rng.below(1000);
        // One wipe for certain (the injury the demo's repair is about), a
        // rare other one.
        let (kind, amount, category) = if n == remaining * 3 / 5 || roll < 1 && n > remaining / 3 {
            (EntryKind::Wipe, Amount(0), BETRAYAL.to_string())
        } else if roll < 25 {
            // Mostly $1, sometimes $5, rarely $20.
            let preset = settings.withdrawal_presets[match rng.below(20) {
                0..=13 => 0,
                14..=18 => 1,
                _ => 2,
            }
            .min(settings.withdrawal_presets.len().saturating_sub(1))]
            .cents;
            (EntryKind::Withdrawal, preset, rng.pick(&settings.withdrawal_categories[..5]).clone())
        } else {
            let preset = rng.pick(&settings.deposit_presets).cents;
            let category = rng.pick(&settings.deposit_categories).clone();
            let category = if category == COMMITMENT_KEPT { TURNED_TOWARD.to_string() } else { category };
            (EntryKind::Deposit, preset, category)
        };
        let category = if kind == EntryKind::Withdrawal && rng.chance(10) { TURNED_AWAY.to_string() } else { category };
        let note = if kind.is_withdrawal() { rng.pick(WITHDRAWAL_NOTES) } else { rng.pick(DEPOSIT_NOTES) };
        let note = if rng.chance(3) {
            format!(
                "{note} — and a longer thought about why it mattered, because it did, more than either of us said out loud that evening"
            )
        } else {
            note.to_string()
        };
        let who = if rng.chance(70) { Person::A } else { Person::B };
        journal.insert_entry(Entry {
            id: next_id(&moment),
            date: day,
            at: moment,
            kind,
            amount,
            category,
            who,
            note,
            commitment: None,
            // Mostly each writes their own; now and then one writes down
            // what the other did.
            by: if n % 10 == 9 { who.other() } else { who },
            updated: moment.timestamp_millis().max(0) as u64,
        });
    }

    // A check-in most evenings.
    for day in &days {
        if rng.chance(80) {
            let moment = at(*day, 280);
            let rating = (2 + rng.below(4)) as u8;
            let reflection = match rating {
                5 => "A close evening. We laughed again.",
                4 => "Good day; talked about the weekend.",
                3 => "Okay. Tired, but we checked in.",
                _ => "Distant today.\nWe agreed to try again tomorrow.",
            };
            journal.check_ins.push(CheckIn {
                id: next_id(&moment),
                date: *day,
                at: moment,
                rating,
                reflection: reflection.into(),
                by: Person::A,
                updated: moment.timestamp_millis().max(0) as u64,
            });
        }
    }

    // A repair for the first wipe, with agreements tracked by commitments.
    if let Some(wipe) = journal.entries.iter().find(|e| e.kind == EntryKind::Wipe).cloned() {
        let agreements: Vec<Agreement> = journal
            .commitments
            .iter()
            .filter(|c| ["therapy", "money", "credit card"].iter().any(|w| c.title.contains(w)))
            .take(3)
            .map(|c| Agreement {
                id: next_id(&wipe.at),
                text: c.title.clone(),
                commitment: Some(c.id.clone()),
                by: Person::B,
                updated: wipe.updated,
            })
            .collect();
        journal.repairs.push(Repair {
            id: next_id(&wipe.at),
            title: "The hidden credit card".into(),
            injury_date: wipe.date,
            withdrawal: Some(wipe.id.clone()),
            reveal: Reveal {
                state: StepState::Done,
                how_i_felt: "Foolish, and alone.".into(),
                what_i_thought: "That everything else might be a lie too.".into(),
                what_i_did: "I stopped talking to you for a week.".into(),
                why_never_again: "Because we share one life, and one account.".into(),
                by: Person::B,
                updated: wipe.updated,
            },
            acknowledge: Acknowledge {
                state: StepState::Done,
                apology: "I am sorry. I hid it because I was ashamed.".into(),
                mirror: "I hear that you felt foolish and alone.".into(),
                felt_seen_and_heard: true,
                by: Person::A,
                updated: wipe.updated,
            },
            make_it_right: MakeItRight {
                state: StepState::InProgress,
                agreements,
                by: Person::A,
                updated: wipe.updated,
            },
            long_game: Default::default(),
            closed: false,
            hurt: Person::B,
            by: Person::B,
            updated: wipe.updated,
        });
    }
    journal.normalize();
    journal
}

/// The demo: a year of a couple's journal ending `today`, about five
/// entries a day, with a wipe and its repair.
/// The demo's year up to `today`, its times on the viewer's clock
/// (`offset`), so Today marks none of them as written elsewhere.
pub fn demo(now: DateTime<FixedOffset>) -> Journal {
    let today = crate::domain::journal_day(now, crate::domain::Settings::default().day_ends_at);
    let mut journal =
        journal_in(Shape { seed: 2026, entries: 1_800, commitments: 6, end: today, days: 365 }, *now.offset());
    // The demo never shows the future: what the generator put later today
    // happened by now (in the same order).
    let (at_most, ms) = (now, now.timestamp_millis().max(0) as u64);
    for e in journal.entries.iter_mut().filter(|e| e.at > at_most) {
        (e.at, e.updated) = (at_most, e.updated.min(ms));
    }
    for c in journal.check_ins.iter_mut().filter(|c| c.at > at_most) {
        (c.at, c.updated) = (at_most, c.updated.min(ms));
    }
    journal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::problems;

    fn shape() -> Shape {
        Shape { seed: 7, entries: 2_000, commitments: 12, end: "2026-11-26".parse().unwrap(), days: 400 }
    }

    #[test]
    fn the_same_seed_gives_the_same_journal() {
        assert_eq!(journal(shape()), journal(shape()));
        assert_ne!(journal(shape()), journal(Shape { seed: 8, ..shape() }));
    }

    #[test]
    fn the_demo_holds_nothing_after_now() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T19:30:00+01:00").expect("time");
        let j = demo(now);
        assert!(problems(&j).is_empty(), "{:?}", problems(&j));
        assert!(j.entries.iter().all(|e| e.at <= now), "no entry after now");
        assert!(j.check_ins.iter().all(|c| c.at <= now), "no check-in after now");
        let ms = now.timestamp_millis() as u64;
        assert!(j.entries.iter().all(|e| e.updated <= ms));
        // Today still has its evening, up to now.
        assert!(j.entries.iter().any(|e| e.date == now.date_naive()));
        let sorted = j.entries.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key());
        assert!(sorted, "the ledger keeps its order");
    }

    #[test]
    fn a_generated_journal_is_sound_and_uses_every_kind() {
        let j = journal(shape());
        assert!(problems(&j).is_empty(), "{:?}", problems(&j));
        assert!((1_900..=2_100).contains(&j.entries.len()), "{}", j.entries.len());
        for kind in [EntryKind::Deposit, EntryKind::Withdrawal, EntryKind::Wipe] {
            assert!(j.entries.iter().any(|e| e.kind == kind), "{kind:?}");
        }
        for outcome in [Outcome::Kept, Outcome::Missed, Outcome::Excused] {
            assert!(j.outcomes.iter().any(|o| o.outcome == outcome), "{outcome:?}");
        }
        assert!(j.entries.iter().any(|e| e.who == Person::B));
        assert!(j.entries.iter().any(|e| !e.note.is_ascii()));
        assert_eq!(j.repairs.len(), 1);
        assert!(j.check_ins.len() > 250);
        let kinds: std::collections::HashSet<String> =
            j.commitments.iter().map(|c| format!("{:?}", std::mem::discriminant(&c.schedule))).collect();
        assert_eq!(kinds.len(), 6, "every schedule kind");
    }
}
