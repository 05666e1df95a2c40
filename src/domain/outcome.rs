//! Outcomes of commitments: setting them (with the entry each posts), and
//! the figures they make: streaks, kept-rate, the 8-week grid, a week's
//! counts.

use std::collections::HashMap;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Weekday};
use serde::Serialize;

use super::dated::Owed;
use super::settings::{COMMITMENT_KEPT, COMMITMENT_MISSED};
use super::{
    Amount, Change, Commitment, Entry, EntryKind, Id, Journal, Outcome, OutcomeRecord, Person, Schedule, Week,
};

/// What a commitment's day looks like in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DayMark {
    Kept,
    Missed,
    Excused,
    /// Due, today or before, and not marked.
    NotMarked,
    NotDue,
    /// Not yet come.
    Future,
}

impl DayMark {
    /// ✓ kept, ✗ missed, ~ excused, ? not marked, · not due, blank for the future.
    pub fn symbol(self) -> char {
        match self {
            DayMark::Kept => '✓',
            DayMark::Missed => '✗',
            DayMark::Excused => '~',
            DayMark::NotMarked => '?',
            DayMark::NotDue => '·',
            DayMark::Future => ' ',
        }
    }
}

/// The outcome recorded for `commitment` on `date`.
pub fn outcome_on<'a>(journal: &'a Journal, commitment: &Id, date: NaiveDate) -> Option<&'a OutcomeRecord> {
    journal.outcomes_between(date, date).iter().find(|o| &o.commitment == commitment)
}

/// The one change that sets (or, with `None`, clears) an outcome: the old
/// record and its entry go, the new ones come. `id` names the new entry,
/// which happened now on today and in the evening on a past day (see
/// [`super::default_moment`]); `by` is the person marking it. The entry
/// records the behaviour of the person who made the promise. Undoing it
/// restores exactly the old state.
pub fn set_outcome(
    journal: &Journal,
    commitment: &Commitment,
    date: NaiveDate,
    outcome: Option<Outcome>,
    now: DateTime<FixedOffset>,
    (id, by): (Id, Person),
) -> Change {
    let mut changes = Vec::new();
    if let Some(old) = outcome_on(journal, &commitment.id, date) {
        changes.push(Change::RemoveOutcome { commitment: commitment.id.clone(), date });
        if let Some(entry) = &old.entry
            && journal.entry(entry).is_some()
        {
            changes.push(Change::RemoveEntry(entry.clone()));
        }
    }
    if let Some(outcome) = outcome {
        let posted = match outcome {
            Outcome::Kept => Some((EntryKind::Deposit, commitment.kept, COMMITMENT_KEPT)),
            Outcome::Missed => Some((EntryKind::Withdrawal, commitment.missed, COMMITMENT_MISSED)),
            Outcome::Excused => None,
        };
        let entry = posted.map(|(kind, amount, category)| Entry {
            id,
            date,
            at: super::default_moment(date, now, journal.settings.day_ends_at),
            kind,
            amount,
            category: category.to_string(),
            who: commitment.by,
            note: commitment.title.clone(),
            commitment: Some(commitment.id.clone()),
            by,
            updated: 0,
        });
        changes.push(Change::AddOutcome(OutcomeRecord {
            id: OutcomeRecord::id_for(&commitment.id, date),
            commitment: commitment.id.clone(),
            date,
            outcome,
            entry: entry.as_ref().map(|e| e.id.clone()),
            by,
            updated: 0,
        }));
        changes.extend(entry.map(Change::AddEntry));
    }
    Change::Batch(changes)
}

/// A commitment's outcomes by date.
fn outcomes_of(journal: &Journal, id: &Id) -> HashMap<NaiveDate, Outcome> {
    journal.outcomes.iter().filter(|o| &o.commitment == id).map(|o| (o.date, o.outcome)).collect()
}

/// Counts of one week (or window) of occurrences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub due: u32,
    pub kept: u32,
    pub missed: u32,
    pub excused: u32,
    pub not_marked: u32,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.due += other.due;
        self.kept += other.kept;
        self.missed += other.missed;
        self.excused += other.excused;
        self.not_marked += other.not_marked;
    }

    /// Kept over kept + missed + not marked, in whole percent; excused
    /// occurrences do not count.
    pub fn kept_rate(&self) -> Option<u32> {
        percent(self.kept, self.kept + self.missed + self.not_marked)
    }
}

/// `part` of `whole` in whole percent, rounded half up (2 of 3 is 67%, not
/// the 66% a cut would say), or `None` of nothing.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    let (part, whole) = (u64::from(part), u64::from(whole));
    (whole > 0).then(|| ((part * 200 + whole) / (whole * 2)) as u32)
}

/// The figures of a commitment at `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitmentFigures {
    pub current_streak: u32,
    pub best_streak: u32,
    /// Over the last 4 weeks (28 days ending today).
    pub kept_rate: Option<u32>,
    /// 8 weeks of days, oldest first, ending with the week holding today.
    pub grid: Vec<DayMark>,
}

impl Commitment {
    /// The mark of one day.
    pub fn mark(&self, outcomes: &HashMap<NaiveDate, Outcome>, date: NaiveDate, today: NaiveDate) -> DayMark {
        match outcomes.get(&date) {
            Some(Outcome::Kept) => DayMark::Kept,
            Some(Outcome::Missed) => DayMark::Missed,
            Some(Outcome::Excused) => DayMark::Excused,
            None if date > today => DayMark::Future,
            // "N times a week" has no fixed days: an unmarked day is no
            // failure (a short week shows in the week's counts).
            None if matches!(self.schedule_on(date).0, Schedule::TimesPerWeek(_)) => DayMark::NotDue,
            None if self.owed_on(date) == Owed::Yes => DayMark::NotMarked,
            None => DayMark::NotDue,
        }
    }

    /// How many more times "N times a week" is owed in `week` (kept and
    /// excused both count as done), with the schedule in force on `date`;
    /// `None` for other schedules.
    pub fn owed_in_week(&self, journal: &Journal, week: Week, date: NaiveDate) -> Option<u32> {
        let Schedule::TimesPerWeek(n) = self.schedule_on(date).0 else { return None };
        let done = journal
            .outcomes_between(week.start, week.end())
            .iter()
            .filter(|o| o.commitment == self.id && o.outcome != Outcome::Missed)
            .count() as u32;
        Some(u32::from(*n).saturating_sub(done))
    }

    /// Whether the commitment shows as due on `date` (on Today): on its
    /// schedule, or for "N times a week" while the week still owes some or
    /// the day already has a mark. Its archive day shows only when marked.
    pub fn is_due(&self, journal: &Journal, date: NaiveDate, week_starts_on: Weekday) -> bool {
        let marked = || outcome_on(journal, &self.id, date).is_some();
        match self.owed_on(date) {
            _ if self.archived_without_a_day() => return false,
            Owed::No => return false,
            Owed::IfMarked if !marked() => return false,
            Owed::Yes | Owed::IfMarked => {}
        }
        match self.owed_in_week(journal, Week::containing(date, week_starts_on), date) {
            Some(owed) => owed > 0 || marked(),
            None => true,
        }
    }

    /// Why `outcome` may not be marked on `date`, or `None` when it may.
    /// Only occurrences are marked: a day off the schedule, outside the
    /// commitment's dates or after its archive day is refused. "N times a
    /// week" falls on any day, but a week holds only N: an extra day kept
    /// is welcome (it posts its deposit), an extra miss or excuse is not
    /// owed and would take money for a promise already met.
    pub fn refuse_mark(
        &self,
        journal: &Journal,
        date: NaiveDate,
        outcome: Outcome,
        week_starts_on: Weekday,
    ) -> Option<String> {
        if !self.falls_on(date) {
            return Some(format!("\"{}\" is not due on {}", self.title, date.format("%a %-d %b")));
        }
        let Schedule::TimesPerWeek(n) = self.schedule_on(date).0 else { return None };
        if outcome == Outcome::Kept {
            return None;
        }
        let week = Week::containing(date, week_starts_on);
        let others: Vec<Outcome> = journal
            .outcomes_between(week.start, week.end())
            .iter()
            .filter(|o| o.commitment == self.id && o.date != date)
            .map(|o| o.outcome)
            .collect();
        let kept = others.iter().filter(|o| **o == Outcome::Kept).count();
        if others.len() < usize::from(*n) {
            return None;
        }
        let what = if outcome == Outcome::Missed { "a miss" } else { "an excuse" };
        Some(format!(
            "\"{}\" has its {n} for this week ({kept} kept): {what} is not owed, an extra day kept is welcome",
            self.title
        ))
    }

    /// The counts of `week` up to `today` (later days are not yet due):
    /// those of the days on a fixed schedule, and those of the days "N
    /// times a week" was in force.
    fn split_counts(&self, outcomes: &HashMap<NaiveDate, Outcome>, week: Week, today: NaiveDate) -> (Counts, Counts) {
        let (mut fixed, mut weekly) = (Counts::default(), Counts::default());
        for day in week.days().filter(|d| *d <= today) {
            let owed = self.owed_on(day);
            if owed == Owed::No {
                continue;
            }
            let on_weekly = matches!(self.schedule_on(day).0, Schedule::TimesPerWeek(_));
            let c = if on_weekly { &mut weekly } else { &mut fixed };
            match outcomes.get(&day) {
                Some(Outcome::Kept) => c.kept += 1,
                Some(Outcome::Missed) => c.missed += 1,
                Some(Outcome::Excused) => c.excused += 1,
                // Unmarked "N times a week" days are no failure: only the
                // week's shortfall is.
                None if owed == Owed::Yes && !on_weekly => c.not_marked += 1,
                None => {}
            }
        }
        fixed.due = fixed.kept + fixed.missed + fixed.excused + fixed.not_marked;
        match self.weekly_owes(week) {
            // N are due in a week whose start is under way.
            Some(n) => {
                weekly.due = if week.start <= today { n } else { 0 };
                weekly.kept = weekly.kept.min(n);
                let marked = weekly.kept + weekly.missed + weekly.excused;
                weekly.not_marked = if week.end() < today { weekly.due.saturating_sub(marked) } else { 0 };
            }
            // Only part of the week on "N times a week": what was marked.
            None => weekly.due = weekly.kept + weekly.missed + weekly.excused,
        }
        (fixed, weekly)
    }

    /// The counts of `days` (up to `today`; later days are not yet due).
    fn counts(&self, outcomes: &HashMap<NaiveDate, Outcome>, week: Week, today: NaiveDate) -> Counts {
        let (mut c, weekly) = self.split_counts(outcomes, week, today);
        c.add(weekly);
        c
    }

    /// The counts of one week.
    pub fn week_counts(&self, journal: &Journal, week: Week, today: NaiveDate) -> Counts {
        // Only the week's outcomes: a binary search, not a scan of them all.
        let outcomes = journal
            .outcomes_between(week.start, week.end())
            .iter()
            .filter(|o| o.commitment == self.id)
            .map(|o| (o.date, o.outcome))
            .collect();
        self.counts(&outcomes, week, today)
    }

    /// Streaks, kept-rate and the grid at `today`.
    pub fn figures(&self, journal: &Journal, today: NaiveDate, week_starts_on: Weekday) -> CommitmentFigures {
        let outcomes = outcomes_of(journal, &self.id);
        let (current_streak, best_streak) = self.streaks(&outcomes, today, week_starts_on);
        let this_week = Week::containing(today, week_starts_on);
        let first = this_week.start.checked_sub_days(Days::new(7 * 7)).unwrap_or(this_week.start);
        let grid = first.iter_days().take(56).map(|d| self.mark(&outcomes, d, today)).collect();
        let mut window = Counts::default();
        let from = today.checked_sub_days(Days::new(27)).unwrap_or(today);
        if self.ever_weekly() {
            // "N times a week" counts by whole weeks.
            let mut week = Week::containing(from, week_starts_on);
            while week.start <= today {
                window.add(self.split_counts(&outcomes, week, today).1);
                week = week.next();
            }
        }
        let fixed = |d: &NaiveDate| !matches!(self.schedule_on(*d).0, Schedule::TimesPerWeek(_));
        for day in from.iter_days().take_while(|d| *d <= today).filter(fixed) {
            let owed = self.owed_on(day);
            match outcomes.get(&day) {
                _ if owed == Owed::No => {}
                Some(Outcome::Kept) => window.kept += 1,
                Some(Outcome::Missed) => window.missed += 1,
                Some(Outcome::Excused) => window.excused += 1,
                // Today is not over: only earlier days count as unmarked.
                None if day < today && owed == Owed::Yes => window.not_marked += 1,
                None => {}
            }
        }
        CommitmentFigures { current_streak, best_streak, kept_rate: window.kept_rate(), grid }
    }

    /// (current, best) runs of Kept. Missed ends a run, Excused neither ends
    /// nor extends it, an unmarked day before today ends it (today is not
    /// over yet). For "N times a week" a finished week short of N ends it.
    fn streaks(&self, outcomes: &HashMap<NaiveDate, Outcome>, today: NaiveDate, week_starts_on: Weekday) -> (u32, u32) {
        let (mut current, mut best) = (0u32, 0u32);
        let last = self.end.map_or(today, |end| end.min(today));
        if self.start > last {
            return (0, 0);
        }
        let ever_weekly = self.ever_weekly();
        let mut week = Week::containing(self.start, week_starts_on);
        for day in self.start.iter_days().take_while(|d| *d <= last) {
            if ever_weekly && !week.contains(day) {
                // The week before `day` has ended: was it short?
                let c = self.split_counts(outcomes, week, today).1;
                if c.kept + c.excused < c.due {
                    current = 0;
                }
                week = Week::containing(day, week_starts_on);
            }
            match outcomes.get(&day) {
                Some(Outcome::Kept) => {
                    current += 1;
                    best = best.max(current);
                }
                Some(Outcome::Missed) => current = 0,
                Some(Outcome::Excused) => {}
                None if day < today
                    && self.owed_on(day) == Owed::Yes
                    && !matches!(self.schedule_on(day).0, Schedule::TimesPerWeek(_)) =>
                {
                    current = 0
                }
                None => {}
            }
        }
        (current, best)
    }
}

/// The indexes of the commitments due on `date` (as [`Commitment::is_due`]
/// says of each), found with one pass over the week's outcomes instead of
/// one per commitment.
pub fn due_on(journal: &Journal, date: NaiveDate, week_starts_on: Weekday) -> Vec<usize> {
    let week = Week::containing(date, week_starts_on);
    let mut done: HashMap<&Id, u32> = HashMap::new();
    let mut marked: Vec<&Id> = Vec::new();
    for o in journal.outcomes_between(week.start, week.end()) {
        if o.outcome != Outcome::Missed {
            *done.entry(&o.commitment).or_default() += 1;
        }
        if o.date == date {
            marked.push(&o.commitment);
        }
    }
    let due = |c: &Commitment| {
        let is_marked = || marked.contains(&&c.id);
        let owed = match c.owed_on(date) {
            _ if c.archived_without_a_day() => false,
            Owed::No => false,
            Owed::IfMarked => is_marked(),
            Owed::Yes => true,
        };
        owed && match c.schedule_on(date).0 {
            Schedule::TimesPerWeek(n) => u32::from(*n) > done.get(&c.id).copied().unwrap_or(0) || is_marked(),
            _ => true,
        }
    };
    let commitments = journal.commitments.iter().enumerate();
    commitments.filter(|(_, c)| due(c)).map(|(i, _)| i).collect()
}

/// The commitments' counts for one week, summed over all of them but those
/// archived before archive days were kept (which counted in no week then).
pub fn week_counts(journal: &Journal, week: Week, today: NaiveDate) -> Counts {
    // The week's outcomes, sorted by commitment once (not searched again
    // for each of them).
    let mut by_commitment: HashMap<&Id, HashMap<NaiveDate, Outcome>> = HashMap::new();
    for o in journal.outcomes_between(week.start, week.end()) {
        by_commitment.entry(&o.commitment).or_default().insert(o.date, o.outcome);
    }
    let none = HashMap::new();
    let mut total = Counts::default();
    for c in journal.commitments.iter().filter(|c| !c.archived_without_a_day()) {
        total.add(c.counts(by_commitment.get(&c.id).unwrap_or(&none), week, today));
    }
    total
}

/// A new commitment with the settings' default amounts.
pub fn new_commitment(
    id: Id,
    title: String,
    schedule: Schedule,
    start: NaiveDate,
    kept: Amount,
    missed: Amount,
) -> Commitment {
    Commitment {
        id,
        title,
        note: String::new(),
        schedule,
        kept,
        missed,
        start,
        end: None,
        archived: false,
        archived_on: None,
        pauses: Vec::new(),
        agreement: None,
        earlier_schedules: Vec::new(),
        by: Person::A,
        updated: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Balances, fold_balance};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap()
    }

    fn journal_with(schedule: Schedule, start: &str) -> (Journal, Commitment) {
        let mut j = Journal::default();
        let c = new_commitment(Id::from("C1"), "Pick up Mia".into(), schedule, d(start), Amount(10), Amount(100));
        j.commitments.push(c.clone());
        (j, c)
    }

    fn mark(j: &mut Journal, c: &Commitment, date: &str, outcome: Option<Outcome>) {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        set_outcome(j, c, d(date), outcome, now(), (Id(format!("E{n:05}")), Person::A)).apply(j).unwrap();
    }

    #[test]
    fn only_the_last_outcome_counts() {
        let (mut j, c) = journal_with(Schedule::Daily, "2026-11-01");
        let (mut only_last, _) = journal_with(Schedule::Daily, "2026-11-01");
        for outcome in [Some(Outcome::Kept), Some(Outcome::Missed), Some(Outcome::Excused), None] {
            mark(&mut j, &c, "2026-11-20", outcome);
        }
        assert_eq!(j, only_last, "cleared leaves nothing behind");
        for last in [Outcome::Kept, Outcome::Missed, Outcome::Excused] {
            mark(&mut j, &c, "2026-11-20", Some(Outcome::Missed));
            mark(&mut j, &c, "2026-11-20", Some(last));
            mark(&mut only_last, &c, "2026-11-20", Some(last));
            assert_eq!(j.outcomes.len(), 1);
            assert_eq!(j.entries.len(), only_last.entries.len(), "never duplicated, never orphaned");
            assert_eq!(Balances::compute(&j.entries).current(), fold_balance(&only_last.entries));
            mark(&mut only_last, &c, "2026-11-20", None);
        }
        assert_eq!(fold_balance(&j.entries).0, 0, "excused posts nothing");
    }

    #[test]
    fn kept_posts_a_linked_deposit_and_missed_a_withdrawal() {
        let (mut j, c) = journal_with(Schedule::Daily, "2026-11-01");
        mark(&mut j, &c, "2026-11-20", Some(Outcome::Kept));
        mark(&mut j, &c, "2026-11-21", Some(Outcome::Missed));
        assert_eq!(j.entries.len(), 2);
        assert_eq!(
            (j.entries[0].kind, j.entries[0].amount, j.entries[0].date),
            (EntryKind::Deposit, Amount(10), d("2026-11-20"))
        );
        assert_eq!(j.entries[0].category, COMMITMENT_KEPT);
        assert_eq!((j.entries[1].kind, j.entries[1].amount), (EntryKind::Withdrawal, Amount(100)));
        assert!(j.entries.iter().all(|e| e.commitment == Some(c.id.clone())));
        assert_eq!(j.outcomes[0].entry, Some(j.entries[0].id.clone()));
        assert!(crate::domain::validate::problems(&j).is_empty());
    }

    #[test]
    fn streaks_on_a_weekday_history() {
        // Weekdays from Mon 2 Nov 2026; today is Thu 26 Nov.
        let (mut j, c) = journal_with(
            Schedule::Weekdays(vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]),
            "2026-11-02",
        );
        // Week 1: kept all five -> best 5.
        for day in ["02", "03", "04", "05", "06"] {
            mark(&mut j, &c, &format!("2026-11-{day}"), Some(Outcome::Kept));
        }
        // Week 2: Mon missed, Tue–Fri kept (Thu excused: neither breaks nor extends).
        mark(&mut j, &c, "2026-11-09", Some(Outcome::Missed));
        for day in ["10", "11", "13"] {
            mark(&mut j, &c, &format!("2026-11-{day}"), Some(Outcome::Kept));
        }
        mark(&mut j, &c, "2026-11-12", Some(Outcome::Excused));
        // Week 3: Mon–Fri kept -> run of 3 + 5 = 8 (the weekend is not due).
        for day in ["16", "17", "18", "19", "20"] {
            mark(&mut j, &c, &format!("2026-11-{day}"), Some(Outcome::Kept));
        }
        // Week 4: Mon, Tue kept; Wed not marked (breaks); Thu (today) not yet.
        mark(&mut j, &c, "2026-11-23", Some(Outcome::Kept));
        mark(&mut j, &c, "2026-11-24", Some(Outcome::Kept));
        let f = c.figures(&j, d("2026-11-26"), Weekday::Mon);
        assert_eq!(f.best_streak, 10, "Tue 10 … Tue 24 with Thu 12 excused");
        assert_eq!(f.current_streak, 0, "Wed 25 was not marked");
        mark(&mut j, &c, "2026-11-25", Some(Outcome::Kept));
        let f = c.figures(&j, d("2026-11-26"), Weekday::Mon);
        assert_eq!(f.current_streak, 11, "today not marked yet does not break it");
        assert_eq!(f.best_streak, 11);
        // Last 28 days (30 Oct – 26 Nov): 18 due before today: 16 kept,
        // 1 missed, 1 excused (left out); today is not counted yet.
        assert_eq!(f.kept_rate, Some(94));
        assert_eq!(f.grid.len(), 56);
        // The grid's last week: Mon 23 ✓, Tue ✓, Wed ✓, Thu (today) ?, Fri, Sat, Sun future.
        let last: String = f.grid[49..].iter().map(|m| m.symbol()).collect();
        assert_eq!(last, "✓✓✓?   ");
        let week3: String = f.grid[42..49].iter().map(|m| m.symbol()).collect();
        assert_eq!(week3, "✓✓✓✓✓··");
        let week2: String = f.grid[35..42].iter().map(|m| m.symbol()).collect();
        assert_eq!(week2, "✗✓✓~✓··");
    }

    #[test]
    fn times_a_week_owes_the_rest_and_short_weeks_break_the_streak() {
        let (mut j, c) = journal_with(Schedule::TimesPerWeek(2), "2026-11-02");
        let this_week = Week::containing(d("2026-11-26"), Weekday::Mon);
        assert_eq!(c.owed_in_week(&j, this_week, d("2026-11-26")), Some(2));
        assert!(c.is_due(&j, d("2026-11-26"), Weekday::Mon));
        // Week of 2 Nov: twice -> streak 2. Week of 9 Nov: once -> short.
        mark(&mut j, &c, "2026-11-03", Some(Outcome::Kept));
        mark(&mut j, &c, "2026-11-05", Some(Outcome::Kept));
        mark(&mut j, &c, "2026-11-10", Some(Outcome::Kept));
        // Weeks of 16 and 23 Nov: twice each.
        for day in ["16", "19", "24", "26"] {
            mark(&mut j, &c, &format!("2026-11-{day}"), Some(Outcome::Kept));
        }
        assert_eq!(c.owed_in_week(&j, this_week, d("2026-11-26")), Some(0));
        assert!(!c.is_due(&j, d("2026-11-27"), Weekday::Mon), "the week's two are done");
        assert!(c.is_due(&j, d("2026-11-26"), Weekday::Mon), "a marked day still shows");
        let f = c.figures(&j, d("2026-11-26"), Weekday::Mon);
        assert_eq!(f.best_streak, 4);
        assert_eq!(f.current_streak, 4);
        let short = c.week_counts(&j, Week::containing(d("2026-11-10"), Weekday::Mon), d("2026-11-26"));
        assert_eq!(short, Counts { due: 2, kept: 1, missed: 0, excused: 0, not_marked: 1 });
        // 4 weeks ending this week (from 30 Oct): weeks of 2, 9, 16, 23 Nov.
        assert_eq!(f.kept_rate, Some(88), "7 of 8 is 87.5%, rounded up");
    }

    #[test]
    fn due_on_agrees_with_is_due_for_every_day_and_first_weekday() {
        let shape =
            crate::generate::Shape { seed: 11, entries: 3_000, commitments: 40, end: d("2026-11-26"), days: 120 };
        let mut j = crate::generate::journal(shape);
        // Some marks today too, so "marked today" weighs in.
        let walk = j.commitments.iter().find(|c| matches!(c.schedule, Schedule::TimesPerWeek(_))).cloned();
        if let Some(c) = walk {
            set_outcome(&j, &c, d("2026-11-26"), Some(Outcome::Kept), now(), (Id::from("TODAY"), Person::A))
                .apply(&mut j)
                .unwrap();
        }
        for first in [Weekday::Mon, Weekday::Sun] {
            for date in d("2026-07-01").iter_days().take_while(|day| *day <= d("2026-11-28")) {
                let one_by_one: Vec<usize> =
                    (0..j.commitments.len()).filter(|&i| j.commitments[i].is_due(&j, date, first)).collect();
                assert_eq!(due_on(&j, date, first), one_by_one, "{date} {first}");
            }
        }
    }

    #[test]
    fn a_weeks_counts_across_commitments() {
        let (mut j, c) = journal_with(Schedule::Daily, "2026-11-23");
        let mut archived =
            new_commitment(Id::from("C2"), "old".into(), Schedule::Daily, d("2026-01-01"), Amount(1), Amount(1));
        archived.archived = true;
        j.commitments.push(archived);
        mark(&mut j, &c, "2026-11-23", Some(Outcome::Kept));
        mark(&mut j, &c, "2026-11-24", Some(Outcome::Missed));
        let counts = week_counts(&j, Week::containing(d("2026-11-26"), Weekday::Mon), d("2026-11-26"));
        // Mon–Thu are due by today: kept, missed, two not marked.
        assert_eq!(counts, Counts { due: 4, kept: 1, missed: 1, excused: 0, not_marked: 2 });
        assert_eq!(counts.kept_rate(), Some(25));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(1, 8), Some(13), "12.5% rounds half up");
        assert_eq!(percent(0, 5), Some(0));
        assert_eq!(percent(5, 5), Some(100));
        assert_eq!(percent(3, 0), None);
    }
}
