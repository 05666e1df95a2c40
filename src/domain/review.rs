//! The weekly figures of SPEC §3: one model behind the Balance tab and
//! `trustbank week`.

use chrono::NaiveDate;
use serde::Serialize;

use super::outcome::{Counts, week_counts};
use super::settings::{TURNED_AWAY, TURNED_TOWARD};
use super::{Balances, Cents, EntryKind, Journal, LongGameFigures, Outcome, Person, Week};

/// The "magic ratio" of positive to negative events reported for stable
/// couples during conflict.
pub const MAGIC_RATIO: u32 = 5;
/// The ratio reported for stable couples in everyday life.
pub const THRIVING_RATIO: u32 = 20;
/// The turn-toward rate of couples who stayed together (Gottman's newlywed
/// study): even they missed 14% of bids.
pub const TURN_TOWARD_MARK: u32 = 86;

/// A count and a sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub count: u32,
    pub sum: Cents,
}

impl Tally {
    fn add(&mut self, cents: Cents) {
        self.count += 1;
        self.sum += cents;
    }
}

/// Positive events (deposits) against negative ones (withdrawals and wipes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Ratio {
    pub positive: u32,
    pub negative: u32,
}

impl Ratio {
    /// True when positives are at least `target` times the negatives (and
    /// there is at least one positive).
    pub fn meets(self, target: u32) -> bool {
        self.positive > 0 && u64::from(self.positive) >= u64::from(target) * u64::from(self.negative)
    }

    /// `7:1`, `5.5:1`, `3:0`; truncated to one decimal so that a ratio shown
    /// as `5:1` always meets 5:1.
    pub fn short(self) -> String {
        if self.negative == 0 {
            return format!("{}:0", self.positive);
        }
        let tenths = u64::from(self.positive) * 10 / u64::from(self.negative);
        if tenths % 10 == 0 { format!("{}:1", tenths / 10) } else { format!("{}.{}:1", tenths / 10, tenths % 10) }
    }

    /// `7:1 ✓`, `2:1 — below 5:1`, `25:1 ✓ thriving`, or `no entries`.
    pub fn label(self) -> String {
        if self.positive == 0 && self.negative == 0 {
            "no entries".to_string()
        } else if self.meets(THRIVING_RATIO) {
            format!("{} ✓ thriving", self.short())
        } else if self.meets(MAGIC_RATIO) {
            format!("{} ✓", self.short())
        } else {
            format!("{} — below {MAGIC_RATIO}:1", self.short())
        }
    }
}

/// Bids turned toward (deposits "turned toward a bid") against bids turned
/// away (withdrawals "turned away").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TurnToward {
    pub toward: u32,
    pub away: u32,
}

impl TurnToward {
    /// Whole percent, or `None` with no bids recorded.
    pub fn percent(self) -> Option<u32> {
        super::outcome::percent(self.toward, self.toward + self.away)
    }

    /// `90% (86% is what lasting couples showed)` or `no bids recorded`.
    pub fn label(self) -> String {
        match self.percent() {
            Some(p) => {
                format!("{p}% ({TURN_TOWARD_MARK}% is typical of couples who stayed together)")
            }
            None => "no bids recorded".to_string(),
        }
    }
}

/// One day's net change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayNet {
    pub date: NaiveDate,
    pub net: Cents,
}

/// The figures of one week.
///
/// `withdrawals.sum` includes what each wipe took away (the positive part of
/// the balance before it). `net` is the true change of the balance over the
/// week, `balance_end - balance_start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekFigures {
    pub week: Week,
    pub deposits: Tally,
    pub withdrawals: Tally,
    pub wipes: u32,
    pub net: Cents,
    pub balance_start: Cents,
    pub balance_end: Cents,
    pub ratio: Ratio,
    pub turn_toward: TurnToward,
    /// Each day's net, first day first.
    pub days: Vec<DayNet>,
    /// The day with the highest net, if any day gained (the earliest on a tie).
    pub best_day: Option<DayNet>,
    /// The day with the lowest net, if any day lost (the earliest on a tie).
    pub hardest_day: Option<DayNet>,
}

impl WeekFigures {
    /// Computes the week's figures from the journal and its balance cache.
    pub fn compute(journal: &Journal, balances: &Balances, week: Week) -> WeekFigures {
        let range = journal.entry_range(week.start, week.end());
        let balance_start = balances.before(range.start);
        let mut figures = WeekFigures {
            week,
            deposits: Tally::default(),
            withdrawals: Tally::default(),
            wipes: 0,
            net: Cents::ZERO,
            balance_start,
            balance_end: balances.before(range.end),
            ratio: Ratio::default(),
            turn_toward: TurnToward::default(),
            days: week.days().map(|date| DayNet { date, net: Cents::ZERO }).collect(),
            best_day: None,
            hardest_day: None,
        };
        for index in range {
            let entry = &journal.entries[index];
            let before = balances.before(index);
            let after = balances.after(index);
            match entry.kind {
                EntryKind::Deposit => {
                    figures.deposits.add(entry.amount.signed());
                    figures.ratio.positive += 1;
                    if entry.category == TURNED_TOWARD {
                        figures.turn_toward.toward += 1;
                    }
                }
                EntryKind::Withdrawal => {
                    figures.withdrawals.add(entry.amount.signed());
                    figures.ratio.negative += 1;
                    if entry.category == TURNED_AWAY {
                        figures.turn_toward.away += 1;
                    }
                }
                EntryKind::Wipe => {
                    figures.withdrawals.add(before.max(Cents::ZERO));
                    figures.wipes += 1;
                    figures.ratio.negative += 1;
                }
            }
            let day = (entry.date - week.start).num_days().clamp(0, 6) as usize;
            figures.days[day].net += after - before;
        }
        figures.net = figures.balance_end - figures.balance_start;
        // Only a day that gained is a best day, only one that lost a hardest.
        figures.best_day = figures.days.iter().filter(|d| d.net > Cents::ZERO).rev().max_by_key(|d| d.net).copied();
        figures.hardest_day = figures.days.iter().filter(|d| d.net < Cents::ZERO).min_by_key(|d| d.net).copied();
        figures
    }
}

/// A week's figures beside the week before: what the Balance tab and
/// `trustbank week` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekReview {
    pub this_week: WeekFigures,
    pub last_week: WeekFigures,
    /// The commitments' due / kept / missed / not marked, this week (up to
    /// today) and last week.
    pub this_week_commitments: Counts,
    pub last_week_commitments: Counts,
    /// The newest open repair's long-game figures, when one is open.
    pub repair: Option<RepairReview>,
    /// Each person's own part this week and last week, `A` first: the
    /// deposits of their behaviour and the commitments they kept.
    pub people: [PersonWeek; 2],
}

/// One person's own deposits and kept commitments, this week and last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonWeek {
    pub person: Person,
    pub name: String,
    pub deposits: Tally,
    pub last_deposits: Tally,
    pub kept: u32,
    pub last_kept: u32,
    /// How many of the week's deposits the partner said they noticed
    /// (information, never a score: an unnoticed deposit counts the same).
    pub noticed: u32,
    pub last_noticed: u32,
}

/// One person's own part of one week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OwnPart {
    pub deposits: Tally,
    /// Outcomes "kept" of the commitments that are theirs to keep.
    pub kept: u32,
    /// Deposits the partner noticed.
    pub noticed: u32,
}

/// `person`'s deposits in `week`, how many of them the partner noticed,
/// and the outcomes "kept" of the commitments that are theirs to keep.
fn own_part(journal: &Journal, person: Person, week: Week) -> OwnPart {
    let mut deposits = Tally::default();
    let mut ids: foldhash::HashSet<&super::Id> = foldhash::HashSet::default();
    for e in &journal.entries[journal.entry_range(week.start, week.end())] {
        if e.kind == EntryKind::Deposit && e.who == person {
            deposits.add(e.amount.signed());
            ids.insert(&e.id);
        }
    }
    let partner = person.other();
    let noticed = match ids.is_empty() {
        true => 0,
        false => journal.noticed.iter().filter(|n| n.by == partner && ids.contains(&n.entry)).count() as u32,
    };
    // A set, not a search of every commitment per outcome: a week of 200
    // daily commitments has 1,400 outcomes.
    let own: foldhash::HashSet<&super::Id> =
        journal.commitments.iter().filter(|c| c.by == person).map(|c| &c.id).collect();
    let theirs = |id: &super::Id| own.contains(id);
    let kept = journal
        .outcomes_between(week.start, week.end())
        .iter()
        .filter(|o| o.outcome == Outcome::Kept && theirs(&o.commitment))
        .count() as u32;
    OwnPart { deposits, kept, noticed }
}

/// The open repair's step-4 figures in the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepairReview {
    pub title: String,
    pub figures: LongGameFigures,
}

impl RepairReview {
    /// The newest open repair's figures at `today`, when one is open. They
    /// do not depend on the week reviewed.
    pub fn newest_open(journal: &Journal, balances: &Balances, today: NaiveDate) -> Option<RepairReview> {
        journal.repairs.iter().filter(|r| !r.closed).max_by_key(|r| r.injury_date).map(|r| RepairReview {
            title: r.title.clone(),
            figures: LongGameFigures::compute(r, journal, balances, today),
        })
    }
}

/// What a review says of one week, apart from the week it is set beside:
/// a review is two of these (the week and the week before), so a step to
/// the next or the previous week has one of them already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekPart {
    pub figures: WeekFigures,
    /// The commitments' due / kept / missed / not marked, up to `today`.
    pub commitments: Counts,
    /// Each person's deposits and kept commitments, `A` first.
    pub people: [OwnPart; 2],
}

impl WeekPart {
    pub fn compute(journal: &Journal, balances: &Balances, week: Week, today: NaiveDate) -> WeekPart {
        WeekPart {
            figures: WeekFigures::compute(journal, balances, week),
            commitments: week_counts(journal, week, today),
            people: Person::BOTH.map(|person| own_part(journal, person, week)),
        }
    }
}

impl WeekReview {
    pub fn compute(journal: &Journal, balances: &Balances, week: Week, today: NaiveDate) -> WeekReview {
        WeekReview::from_parts(
            journal,
            &WeekPart::compute(journal, balances, week, today),
            &WeekPart::compute(journal, balances, week.previous(), today),
            RepairReview::newest_open(journal, balances, today),
        )
    }

    /// The review made of `this` week's part and the `last` week's (both
    /// computed from `journal` at one `today`), and the open repair's.
    pub fn from_parts(journal: &Journal, this: &WeekPart, last: &WeekPart, repair: Option<RepairReview>) -> WeekReview {
        // Both parts hold the people in the order of `Person::BOTH`.
        let person = |i: usize| {
            let person = Person::BOTH[i];
            let (this, last) = (this.people[i], last.people[i]);
            PersonWeek {
                person,
                name: journal.people.name(person).to_string(),
                deposits: this.deposits,
                last_deposits: last.deposits,
                kept: this.kept,
                last_kept: last.kept,
                noticed: this.noticed,
                last_noticed: last.noticed,
            }
        };
        WeekReview {
            this_week: this.figures.clone(),
            last_week: last.figures.clone(),
            this_week_commitments: this.commitments,
            last_week_commitments: last.commitments,
            repair,
            people: std::array::from_fn(person),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Wipe, Withdrawal};
    use crate::domain::test_support::{entry, entry_in};
    use chrono::Weekday;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn journal(entries: Vec<crate::domain::Entry>) -> (Journal, Balances) {
        let mut j = Journal::default();
        for e in entries {
            j.insert_entry(e);
        }
        let b = Balances::compute(&j.entries);
        (j, b)
    }

    #[test]
    fn a_week_across_a_month_end_and_a_year_end() {
        // Mon 28 Dec 2026 – Sun 3 Jan 2027.
        let (j, b) = journal(vec![
            entry("2026-12-27", Deposit, 100), // the week before
            entry("2026-12-28", Deposit, 10),
            entry("2026-12-31", Deposit, 25),
            entry("2026-12-31", Withdrawal, 100),
            entry("2027-01-01", Deposit, 5),
            entry("2027-01-03", Deposit, 1),
            entry("2027-01-04", Deposit, 1000), // the week after
        ]);
        let f = WeekFigures::compute(&j, &b, Week::containing(d("2027-01-01"), Weekday::Mon));
        assert_eq!(f.deposits, Tally { count: 4, sum: Cents(41) });
        assert_eq!(f.withdrawals, Tally { count: 1, sum: Cents(100) });
        assert_eq!(f.balance_start, Cents(100));
        assert_eq!(f.balance_end, Cents(41));
        assert_eq!(f.net, Cents(-59));
        assert_eq!(f.ratio, Ratio { positive: 4, negative: 1 });
        assert_eq!(f.ratio.label(), "4:1 — below 5:1");
        assert_eq!(f.days[3], DayNet { date: d("2026-12-31"), net: Cents(-75) });
        assert_eq!(f.best_day.map(|d| d.date), Some(d("2026-12-28")));
        assert_eq!(f.hardest_day.map(|d| d.date), Some(d("2026-12-31")));
    }

    #[test]
    fn a_week_with_a_wipe() {
        let (j, b) = journal(vec![
            entry("2026-11-23", Deposit, 300),
            entry("2026-11-24", Deposit, 200),
            entry_in("2026-11-25", Wipe, 0, "betrayal"),
            entry("2026-11-26", Deposit, 10),
        ]);
        let f = WeekFigures::compute(&j, &b, Week::containing(d("2026-11-26"), Weekday::Mon));
        assert_eq!(f.wipes, 1);
        // The wipe took the $5.00 the week had built.
        assert_eq!(f.withdrawals, Tally { count: 1, sum: Cents(500) });
        assert_eq!(f.deposits.sum, Cents(510));
        assert_eq!(f.net, Cents(10));
        assert_eq!(f.balance_end, Cents(10));
        assert_eq!(f.hardest_day, Some(DayNet { date: d("2026-11-25"), net: Cents(-500) }));
    }

    #[test]
    fn an_empty_week() {
        let (j, b) = journal(vec![entry("2026-01-01", Deposit, 40)]);
        let f = WeekFigures::compute(&j, &b, Week::containing(d("2026-11-26"), Weekday::Mon));
        assert_eq!(f.deposits, Tally::default());
        assert_eq!(f.withdrawals, Tally::default());
        assert_eq!(f.net, Cents(0));
        assert_eq!(f.balance_start, Cents(40));
        assert_eq!(f.balance_end, Cents(40));
        assert_eq!(f.best_day, None);
        assert_eq!(f.hardest_day, None);
        assert_eq!(f.ratio.label(), "no entries");
        assert_eq!(f.turn_toward.label(), "no bids recorded");
    }

    #[test]
    fn the_ratio_with_no_negatives_meets_the_mark() {
        let r = Ratio { positive: 3, negative: 0 };
        assert!(r.meets(MAGIC_RATIO));
        assert!(r.meets(THRIVING_RATIO));
        assert_eq!(r.label(), "3:0 ✓ thriving");
        assert!(!Ratio { positive: 0, negative: 0 }.meets(MAGIC_RATIO));
    }

    #[test]
    fn ratio_labels() {
        assert_eq!(Ratio { positive: 7, negative: 1 }.label(), "7:1 ✓");
        assert_eq!(Ratio { positive: 2, negative: 1 }.label(), "2:1 — below 5:1");
        assert_eq!(Ratio { positive: 11, negative: 2 }.label(), "5.5:1 ✓");
        assert_eq!(Ratio { positive: 499, negative: 100 }.label(), "4.9:1 — below 5:1");
        assert_eq!(Ratio { positive: 40, negative: 2 }.label(), "20:1 ✓ thriving");
        assert_eq!(Ratio { positive: 0, negative: 3 }.label(), "0:1 — below 5:1");
    }

    #[test]
    fn the_turn_toward_rate() {
        let (j, b) = journal(vec![
            entry_in("2026-11-23", Deposit, 10, TURNED_TOWARD),
            entry_in("2026-11-23", Deposit, 10, TURNED_TOWARD),
            entry_in("2026-11-23", Deposit, 10, TURNED_TOWARD),
            entry_in("2026-11-24", Withdrawal, 100, TURNED_AWAY),
        ]);
        let f = WeekFigures::compute(&j, &b, Week::containing(d("2026-11-23"), Weekday::Mon));
        assert_eq!(f.turn_toward, TurnToward { toward: 3, away: 1 });
        assert_eq!(f.turn_toward.percent(), Some(75));
    }
}
