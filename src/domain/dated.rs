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
        let archived = self.archived_on.map(|on| Pause { archived_on: on, unarchived_on: NaiveDate::MAX });
        for pause in self.pauses.iter().chain(archived.as_ref()) {
            if date == pause.archived_on {
                return Owed::IfMarked;
            }
            if date > pause.archived_on && date < pause.unarchived_on {
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
            Some(last) if day <= last.unarchived_on => self.pauses.pop().map(|p| p.archived_on),
            _ => Some(day),
        };
    }

    /// Unarchives it on `day`: due again from `day`, with no occurrence in
    /// the archived days between. Unarchived on its archive day, it is as
    /// if it was never archived. One archived before archive days were kept
    /// counted in no week while archived, so the pause runs from its start.
    pub fn unarchive(&mut self, day: NaiveDate) {
        let archived_on = self.archived_on.take().unwrap_or(self.start);
        self.archived = false;
        if day > archived_on {
            self.pauses.push(Pause { archived_on, unarchived_on: day });
        }
    }
}
