//! The evening record of a day.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Id, Person};

/// The lowest and highest connection rating.
pub const RATING_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// A day's connection rating (1–5) and reflection, by one person: each
/// writes at most one a journal day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: Id,
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub rating: u8,
    #[serde(default)]
    pub reflection: String,
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}
