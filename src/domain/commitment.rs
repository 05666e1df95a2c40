//! Commitments: promises with a schedule, and the outcome of each occurrence.
//!
//! The types are settled here so the file format is stable; the schedule
//! arithmetic, streaks and figures live in their own modules.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{Amount, Id, Person};

/// When a commitment is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Schedule {
    /// Every day.
    Daily,
    /// On the chosen weekdays, e.g. Mon–Fri.
    Weekdays(Vec<Weekday>),
    /// N times in each week, on any days.
    TimesPerWeek(u8),
    /// Every `every` weeks on `weekday`, counted from the start date's week.
    EveryNWeeks { every: u8, weekday: Weekday },
    /// Each month on this day; 29–31 fall on the last day of shorter months.
    Monthly(u8),
    /// Once, on a date.
    Once(NaiveDate),
}

/// A promise with a schedule ("pick up Mia from school", weekdays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub note: String,
    /// The schedule in force now: since the last of `earlier_schedules`
    /// changed, or since `start` when it never changed.
    pub schedule: Schedule,
    /// The schedules it had before, oldest first, each with the day the
    /// next one took effect, so that past occurrences keep the schedule
    /// they had. None in a file written before schedules were dated: then
    /// `schedule` is in force since `start`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_schedules: Vec<EarlierSchedule>,
    /// Deposited when an occurrence is kept.
    pub kept: Amount,
    /// Withdrawn when an occurrence is missed.
    pub missed: Amount,
    pub start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub archived: bool,
    /// The day it was archived: it counts as before up to the day before,
    /// on this day only if an outcome was recorded, on no day after.
    ///
    /// A file written before archive days were kept has `archived: true`
    /// and none: such a commitment keeps the behaviour it had then (left
    /// out of every week's counts and of Today; its own figures as if it
    /// ran on), so the reviews and reports made from that file stay the
    /// ones it gave. See [`Commitment::archived_without_a_day`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_on: Option<NaiveDate>,
    /// Earlier archived stretches, each ended by an unarchive, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// The repair agreement this commitment tracks, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Id>,
    /// The person who made the promise (and alone may change it).
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

/// A schedule a commitment had before, and the day it was replaced (the
/// first day of the next one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierSchedule {
    pub schedule: Schedule,
    pub changed_on: NaiveDate,
}

/// A stretch a commitment was archived: archived on `archived_on` (which
/// counts only what was marked on it), due again from `unarchived_on`. No
/// occurrence falls in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub archived_on: NaiveDate,
    pub unarchived_on: NaiveDate,
    /// Archived before archive days were kept (see
    /// [`Commitment::archived_on`]): it counted in no week while archived,
    /// so the pause covers its first day too and nothing comes back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_start: bool,
}

/// What happened to one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Posts a deposit of the commitment's `kept` amount.
    Kept,
    /// Posts a withdrawal of the commitment's `missed` amount.
    Missed,
    /// Posts nothing; neither breaks nor extends a streak.
    Excused,
}

/// The outcome recorded for a commitment on one date, and the entry it
/// posted (none for `Excused`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    /// Files of version 1 have none; their outcomes are given one when read.
    #[serde(default)]
    pub id: Id,
    pub commitment: Id,
    pub date: NaiveDate,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Id>,
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

impl OutcomeRecord {
    /// The id of the outcome of `commitment` on `date`: one occurrence has
    /// one outcome, so two devices marking it make one record, whose later
    /// version wins a merge.
    pub fn id_for(commitment: &Id, date: NaiveDate) -> Id {
        Id(format!("{commitment}@{date}"))
    }
}
