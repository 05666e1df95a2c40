//! The pure domain: no I/O, no terminal, no clock. "Today" and "now" are
//! always arguments.

pub mod amount;
pub mod balance;
pub mod change;
pub mod chart;
pub mod check_in;
pub mod commitment;
pub mod dated;
pub mod day;
pub mod entry;
pub mod history;
pub mod id;
pub mod journal;
pub mod limits;
pub mod merge;
pub mod merge3;
pub mod moment;
pub mod noticed;
pub mod outcome;
pub mod person;
pub mod projection;
pub mod repair;
pub mod replay;
pub mod review;
pub mod schedule;
pub mod settings;
pub mod stamp;
pub mod story;
pub mod unconfirmed;
pub mod validate;
pub mod versioning;
pub mod week;
pub mod words;

#[cfg(test)]
pub(crate) mod test_support;

pub use amount::{Amount, AmountError, AmountInput, Cents, MAX_CENTS, parse_amount};
pub use balance::{Balances, fold_balance};
pub use change::{Applied, Change, ChangeError};
pub use check_in::CheckIn;
pub use commitment::{Commitment, EarlierSchedule, Outcome, OutcomeRecord, Pause, Schedule};
pub use dated::Owed;
pub use day::journal_day;
pub use entry::{Entry, EntryKind};
pub use history::{Removed, Version};
pub use id::Id;
pub use journal::{FORMAT_VERSION, Journal};
pub use moment::{TimeError, default_moment, moment_on, parse_time};
pub use noticed::Noticed;
pub use outcome::{CommitmentFigures, Counts, DayMark};
pub use person::{Named, People, Person, Stamp};
pub use repair::{Acknowledge, Agreement, LongGame, LongGameFigures, MakeItRight, Repair, Reveal, StepState};
pub use review::{DayNet, Ratio, RepairReview, Tally, TurnToward, WeekFigures, WeekPart, WeekReview};
pub use schedule::parse_schedule;
pub use settings::Settings;
pub use week::Week;
