//! Commitments: promises with a schedule, and the outcome of each occurrence.
//!
//! The types are settled here so the file format is stable; the schedule
//! arithmetic, streaks and figures live in their own modules.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{Amount, Id};

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
    pub schedule: Schedule,
    /// Deposited when an occurrence is kept.
    pub kept: Amount,
    /// Withdrawn when an occurrence is missed.
    pub missed: Amount,
    pub start: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub archived: bool,
    /// The repair agreement this commitment tracks, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Id>,
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
    pub commitment: Id,
    pub date: NaiveDate,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Id>,
}
