//! A commitment's days over time: the schedule in force on each day and the
//! days it was archived. Every figure reads a commitment's occurrences
//! through here, so a schedule change or an archive moves no past
//! occurrence: the weeks already lived keep the figures they had.

use chrono::NaiveDate;

use super::{Commitment, EarlierSchedule, Pause, Schedule, Week};

/// Whether a commitment is owed on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owed {
    /// An occurrence: left unmarked, it counts as not marked.
    Yes,
    /// An archive day: an outcome marked on it counts (it happened), but
    /// no mark is owed (the couple stopped the promise that day).
    IfMarked,
    /// No occurrence: outside its dates, off its schedule, or archived.
    No,
}

impl Commitment {
    /// The schedule in force on `date` and the day it took effect (the
    /// start for the first one; a day before the start gets the first).
    pub fn schedule_on(&self, date: NaiveDate) -> (&Schedule, NaiveDate) {
        let mut since = self.start;
        for earlier in &self.earlier_schedules {
            if date < earlier.changed_on {
                return (&earlier.schedule, since);
            }
            since = earlier.changed_on;
        }
        (&self.schedule, since)
    }

    /// The day the current schedule took effect.
    pub fn schedule_since(&self) -> NaiveDate {
        self.earlier_schedules.last().map_or(self.start, |e| e.changed_on)
    }

    /// Archived in a file written before archive days were kept: it keeps
    /// the behaviour it had then (see [`Commitment::archived_on`]).
    pub fn archived_without_a_day(&self) -> bool {
        self.archived && self.archived_on.is_none()
    }

    /// Whether "N times a week" was ever its schedule.
    pub fn ever_weekly(&self) -> bool {
        let weekly = |s: &Schedule| matches!(s, Schedule::TimesPerWeek(_));
        weekly(&self.schedule) || self.earlier_schedules.iter().any(|e| weekly(&e.schedule))
    }

    /// Whether the commitment runs on `date`, whatever its schedule: inside
    /// its dates and not archived.
    fn runs_on(&self, date: NaiveDate) -> Owed {
        if date < self.start || self.end.is_some_and(|end| date > end) {
            return Owed::No;
        }
        let archived =
            self.archived_on.map(|on| Pause { archived_on: on, unarchived_on: NaiveDate::MAX, from_start: false });
        for pause in self.pauses.iter().chain(archived.as_ref()) {
            if date == pause.archived_on && !pause.from_start {
                return Owed::IfMarked;
            }
            if date >= pause.archived_on && date < pause.unarchived_on {
                return Owed::No;
            }
        }
        Owed::Yes
    }

    /// Whether an occurrence falls on `date`, with the schedule in force
    /// that day ("every N weeks" counts from the week that schedule took
    /// effect).
    pub fn owed_on(&self, date: NaiveDate) -> Owed {
        match self.runs_on(date) {
            Owed::No => Owed::No,
            runs => {
                let (schedule, since) = self.schedule_on(date);
                if schedule.falls_on(date, since) { runs } else { Owed::No }
            }
        }
    }

    /// For "N times a week": N when that schedule runs the whole of `week`
    /// from the week's first day in the commitment's dates (an end inside
    /// the week owes the week, as a start does). A schedule change, an
    /// archive or an unarchive inside the week owes only what was marked.
    pub fn weekly_owes(&self, week: Week) -> Option<u32> {
        let first = week.start.max(self.start);
        if first > week.end() || self.runs_on(first) != Owed::Yes {
            return None;
        }
        let (Schedule::TimesPerWeek(n), since) = self.schedule_on(first) else { return None };
        let archived_inside = |on: NaiveDate| on > first && on <= week.end();
        let interrupted = self.schedule_on(week.end()).1 != since
            || self.archived_on.is_some_and(archived_inside)
            || self.pauses.iter().any(|p| archived_inside(p.archived_on));
        (!interrupted).then_some(u32::from(*n))
    }

    /// Its schedules as (day it took effect, schedule), oldest first.
    fn schedules(&self) -> Vec<(NaiveDate, Schedule)> {
        let mut out = Vec::with_capacity(self.earlier_schedules.len() + 1);
        let mut since = self.start;
        for e in &self.earlier_schedules {
            out.push((since, e.schedule.clone()));
            since = e.changed_on;
        }
        out.push((since, self.schedule.clone()));
        out
    }

    /// Sets its schedules from (day it took effect, schedule), oldest
    /// first; the first is taken to start with the commitment.
    fn set_schedules(&mut self, mut schedules: Vec<(NaiveDate, Schedule)>) {
        // Two schedules in a row that are the same are one.
        schedules.dedup_by(|later, earlier| later.1 == earlier.1);
        let changed: Vec<NaiveDate> = schedules.iter().skip(1).map(|(since, _)| *since).collect();
        let Some((_, current)) = schedules.pop() else { return };
        self.earlier_schedules = schedules
            .into_iter()
            .zip(changed)
            .map(|((_, schedule), changed_on)| EarlierSchedule { schedule, changed_on })
            .collect();
        self.schedule = current;
    }

    /// The commitment with `schedule` in force from `from` on. The days
    /// before keep the schedules they had; a later change is replaced; from
    /// the start (or before) it is the only schedule there ever was.
    pub fn with_schedule_from(&self, schedule: Schedule, from: NaiveDate) -> Commitment {
        let mut c = self.clone();
        let mut schedules: Vec<_> = self.schedules().into_iter().filter(|(since, _)| *since < from).collect();
        if from <= self.start {
            schedules.clear();
        }
        schedules.push((from.max(self.start), schedule));
        c.set_schedules(schedules);
        c
    }

    /// The commitment moved to start on `start`: the schedule in force that
    /// day becomes the first, and archive days before it move to it, so
    /// the commitment stays sound.
    pub fn with_start(&self, start: NaiveDate) -> Commitment {
        let mut c = self.clone();
        let first = self.schedule_on(start).0.clone();
        let mut schedules: Vec<_> = self.schedules().into_iter().filter(|(since, _)| *since > start).collect();
        schedules.insert(0, (start, first));
        c.start = start;
        c.set_schedules(schedules);
        c.pauses.retain(|p| p.unarchived_on > start);
        for p in &mut c.pauses {
            p.archived_on = p.archived_on.max(start);
        }
        c.archived_on = c.archived_on.map(|on| on.max(start));
        c
    }

    /// Archives it on `day` (not before its start). Archived again on the
    /// day of its last unarchive, that unarchive is taken back.
    pub fn archive(&mut self, day: NaiveDate) {
        let day = day.max(self.start);
        self.archived = true;
        self.archived_on = match self.pauses.last() {
            // Back to what it was, an archive without a day included.
            Some(last) if day <= last.unarchived_on => {
                self.pauses.pop().and_then(|p| (!p.from_start).then_some(p.archived_on))
            }
            _ => Some(day),
        };
    }

    /// Unarchives it on `day`: due again from `day`, with no occurrence in
    /// the archived days between. Unarchived on its archive day, it is as
    /// if it was never archived. One archived before archive days were kept
    /// counted in no week while archived, so its pause runs from its start,
    /// that day included.
    pub fn unarchive(&mut self, day: NaiveDate) {
        let from_start = self.archived_on.is_none() && self.archived;
        let archived_on = self.archived_on.take().unwrap_or(self.start);
        self.archived = false;
        if day > archived_on {
            self.pauses.push(Pause { archived_on, unarchived_on: day, from_start });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::outcome::{new_commitment, set_outcome, week_counts};
    use crate::domain::{Amount, Counts, Id, Journal, Outcome, validate};
    use chrono::{DateTime, Weekday};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn weekdays() -> Schedule {
        Schedule::Weekdays(vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri])
    }

    /// Weekdays from Mon 2 Nov 2026.
    fn commitment() -> Commitment {
        new_commitment(Id::from("C"), "walk".into(), weekdays(), d("2026-11-02"), Amount(10), Amount(100))
    }

    fn owed(c: &Commitment, days: &[&str]) -> Vec<Owed> {
        days.iter().map(|day| c.owed_on(d(day))).collect()
    }

    fn journal(c: &Commitment, kept: &[&str]) -> Journal {
        let mut j = Journal::default();
        j.commitments.push(c.clone());
        let now = DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap();
        for (n, day) in kept.iter().enumerate() {
            set_outcome(&j, c, d(day), Some(Outcome::Kept), now, (Id(format!("E{n}")), crate::domain::Person::A))
                .apply(&mut j)
                .unwrap();
        }
        j
    }

    #[test]
    fn occurrences_keep_the_schedule_of_their_day_across_a_change() {
        // Weekdays, then every day from Thu 19 Nov.
        let c = commitment().with_schedule_from(Schedule::Daily, d("2026-11-19"));
        assert_eq!(c.schedule, Schedule::Daily);
        assert_eq!(c.earlier_schedules, [EarlierSchedule { schedule: weekdays(), changed_on: d("2026-11-19") }]);
        // Sat 14 Nov was not due and stays so; Sat 21 Nov is.
        assert_eq!(owed(&c, &["2026-11-14", "2026-11-18", "2026-11-21"]), [Owed::No, Owed::Yes, Owed::Yes]);
        assert_eq!(c.schedule_on(d("2026-11-18")), (&weekdays(), d("2026-11-02")));
        assert_eq!(c.schedule_on(d("2026-11-19")), (&Schedule::Daily, d("2026-11-19")));
        assert!(validate::problems(&journal(&c, &[])).is_empty());

        // The week of the change: Mon–Wed on weekdays, Thu–Sun every day.
        let j = journal(&c, &["2026-11-16", "2026-11-21"]);
        let week = Week::containing(d("2026-11-16"), Weekday::Mon);
        let counts = week_counts(&j, week, d("2026-11-26"));
        assert_eq!(counts, Counts { due: 7, kept: 2, missed: 0, excused: 0, not_marked: 5 });
    }

    #[test]
    fn a_later_change_on_the_same_day_or_before_replaces_and_from_the_start_is_the_only_one() {
        let c = commitment().with_schedule_from(Schedule::Daily, d("2026-11-19"));
        let same_day = c.with_schedule_from(Schedule::TimesPerWeek(3), d("2026-11-19"));
        assert_eq!(same_day.earlier_schedules.len(), 1, "two on one day are one");
        assert_eq!(same_day.schedule, Schedule::TimesPerWeek(3));
        let earlier = c.with_schedule_from(Schedule::Monthly(1), d("2026-11-10"));
        assert_eq!(earlier.earlier_schedules, [EarlierSchedule { schedule: weekdays(), changed_on: d("2026-11-10") }]);
        let back = c.with_schedule_from(weekdays(), d("2026-11-19"));
        assert_eq!(back, commitment(), "back to the schedule before: no change at all");
        let from_start = c.with_schedule_from(Schedule::Daily, d("2026-11-02"));
        assert!(from_start.earlier_schedules.is_empty());
        assert_eq!(from_start.schedule, Schedule::Daily);
        assert_eq!(c.with_schedule_from(Schedule::Daily, d("2026-11-26")), c, "the same schedule again");
    }

    #[test]
    fn every_n_weeks_counts_from_the_week_its_schedule_took_effect() {
        let every_other = Schedule::EveryNWeeks { every: 2, weekday: Weekday::Wed };
        // Changed in the week of Mon 16 Nov: Wed 18 Nov, 2 Dec… not 25 Nov.
        let c = commitment().with_schedule_from(every_other, d("2026-11-16"));
        assert_eq!(owed(&c, &["2026-11-18", "2026-11-25", "2026-12-02"]), [Owed::Yes, Owed::No, Owed::Yes]);
    }

    #[test]
    fn an_archive_day_counts_what_was_marked_on_it_and_no_day_after() {
        let mut c = commitment();
        c.archive(d("2026-11-25"));
        assert_eq!(c.archived_on, Some(d("2026-11-25")));
        assert_eq!(owed(&c, &["2026-11-24", "2026-11-25", "2026-11-26"]), [Owed::Yes, Owed::IfMarked, Owed::No]);
        let week = Week::containing(d("2026-11-23"), Weekday::Mon);
        // Mon kept, Tue unmarked, Wed (the archive day) unmarked: not owed.
        let j = journal(&c, &["2026-11-23"]);
        assert_eq!(
            week_counts(&j, week, d("2026-11-27")),
            Counts { due: 2, kept: 1, not_marked: 1, ..Counts::default() }
        );
        assert!(!c.is_due(&j, d("2026-11-25"), Weekday::Mon), "an unmarked archive day is not on Today");
        assert!(c.is_due(&j, d("2026-11-24"), Weekday::Mon), "a day before it still is");
        // Marked on the archive day: it happened, it counts.
        let j = journal(&c, &["2026-11-23", "2026-11-25"]);
        assert_eq!(
            week_counts(&j, week, d("2026-11-27")),
            Counts { due: 3, kept: 2, not_marked: 1, ..Counts::default() }
        );
        assert!(c.is_due(&j, d("2026-11-25"), Weekday::Mon));
        assert!(validate::problems(&j).is_empty());
    }

    #[test]
    fn unarchiving_resumes_on_its_day_with_no_occurrence_in_the_archived_days() {
        let mut c = commitment();
        c.archive(d("2026-11-10"));
        c.unarchive(d("2026-11-19"));
        assert!(!c.archived && c.archived_on.is_none());
        assert_eq!(
            c.pauses,
            [Pause { archived_on: d("2026-11-10"), unarchived_on: d("2026-11-19"), from_start: false }]
        );
        let days = ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-18", "2026-11-19"];
        assert_eq!(owed(&c, &days), [Owed::Yes, Owed::IfMarked, Owed::No, Owed::No, Owed::Yes]);
        assert!(validate::problems(&journal(&c, &[])).is_empty());
        // The archived week owes nothing: no invented occurrences.
        let j = journal(&c, &[]);
        let archived_week = Week::containing(d("2026-11-16"), Weekday::Mon);
        assert_eq!(
            week_counts(&j, archived_week, d("2026-11-26")),
            Counts { due: 2, not_marked: 2, ..Counts::default() }
        );

        // Archived again on the day it came back: that unarchive is taken back.
        let mut again = c.clone();
        again.archive(d("2026-11-19"));
        assert!(again.pauses.is_empty());
        assert_eq!(again.archived_on, Some(d("2026-11-10")));
        // Unarchived on its archive day: as if never archived.
        let mut undone = commitment();
        undone.archive(d("2026-11-19"));
        undone.unarchive(d("2026-11-19"));
        assert_eq!(undone, commitment());
    }

    #[test]
    fn archived_before_its_start_is_archived_on_its_start() {
        let mut c = commitment();
        c.archive(d("2026-10-01"));
        assert_eq!(c.archived_on, Some(c.start));
        assert_eq!(owed(&c, &["2026-11-02", "2026-11-03"]), [Owed::IfMarked, Owed::No]);
    }

    #[test]
    fn n_times_a_week_owes_a_whole_week_only_when_nothing_interrupts_it() {
        let weekly = new_commitment(
            Id::from("W"),
            "date night".into(),
            Schedule::TimesPerWeek(2),
            d("2026-11-02"),
            Amount(10),
            Amount(100),
        );
        let week = Week::containing(d("2026-11-16"), Weekday::Mon);
        assert_eq!(weekly.weekly_owes(week), Some(2));
        // Changed to weekdays on Wed 18 Nov: Mon–Tue marked once, Wed–Fri
        // owed as weekdays; the 2 a week are not owed for this week.
        let changed = weekly.with_schedule_from(weekdays(), d("2026-11-18"));
        assert_eq!(changed.weekly_owes(week), None);
        let j = journal(&changed, &["2026-11-17", "2026-11-18"]);
        assert_eq!(
            week_counts(&j, week, d("2026-11-26")),
            Counts { due: 4, kept: 2, not_marked: 2, ..Counts::default() }
        );
        // The weeks before still owe 2: a short one stays short.
        let before = Week::containing(d("2026-11-09"), Weekday::Mon);
        assert_eq!(week_counts(&j, before, d("2026-11-26")), Counts { due: 2, not_marked: 2, ..Counts::default() });
        // Archived mid-week: what was marked, nothing more.
        let mut archived = weekly.clone();
        archived.archive(d("2026-11-18"));
        let j = journal(&archived, &["2026-11-16"]);
        assert_eq!(week_counts(&j, week, d("2026-11-26")), Counts { due: 1, kept: 1, ..Counts::default() });
    }

    #[test]
    fn a_new_start_keeps_the_commitment_sound() {
        let mut c = commitment().with_schedule_from(Schedule::Daily, d("2026-11-19"));
        c.archive(d("2026-11-10"));
        c.unarchive(d("2026-11-12"));
        let later = c.with_start(d("2026-11-20"));
        assert_eq!(later.schedule, Schedule::Daily);
        assert!(later.earlier_schedules.is_empty() && later.pauses.is_empty());
        let earlier = c.with_start(d("2026-10-01"));
        assert_eq!(earlier.earlier_schedules, c.earlier_schedules);
        assert_eq!(earlier.schedule_on(d("2026-10-01")).0, &weekdays());
        let middle = c.with_start(d("2026-11-11"));
        assert_eq!(
            middle.pauses,
            [Pause { archived_on: d("2026-11-11"), unarchived_on: d("2026-11-12"), from_start: false }]
        );
        for moved in [later, earlier, middle] {
            assert!(validate::problems(&journal(&moved, &[])).is_empty(), "{moved:?}");
        }
    }

    #[test]
    fn archived_without_a_day_keeps_the_behaviour_it_had() {
        // As in a file from before archive days: left out of every week's
        // counts and of Today, its own figures as if it ran on.
        let mut c = commitment();
        c.archived = true;
        let j = journal(&c, &["2026-11-16"]);
        let week = Week::containing(d("2026-11-16"), Weekday::Mon);
        assert_eq!(week_counts(&j, week, d("2026-11-26")), Counts::default());
        assert!(!c.is_due(&j, d("2026-11-16"), Weekday::Mon));
        assert_eq!(c.owed_on(d("2026-11-17")), Owed::Yes);
        assert_eq!(c.week_counts(&j, week, d("2026-11-26")).due, 5);
        // Unarchived, its archived days stay out of the weeks, the first
        // (marked) one too; archived again that day, it is as it was.
        let before = c.clone();
        c.unarchive(d("2026-11-26"));
        assert_eq!(c.pauses, [Pause { archived_on: c.start, unarchived_on: d("2026-11-26"), from_start: true }]);
        assert_eq!(owed(&c, &["2026-11-02", "2026-11-17", "2026-11-26"]), [Owed::No, Owed::No, Owed::Yes]);
        let j = journal(&c, &["2026-11-02"]);
        let first = Week::containing(d("2026-11-02"), Weekday::Mon);
        assert_eq!(week_counts(&j, first, d("2026-11-26")), Counts::default());
        c.archive(d("2026-11-26"));
        assert_eq!(c, before);
    }
}
