//! Repairs: one conversation for one injury, in four steps (SPEC §1).
//!
//! The types are settled here so the file format is stable; the behaviour
//! (step 4's figures, agreements that create commitments) comes later.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;

/// How far a step has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StepState {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

/// Step 1: the injured partner tells their full experience.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Reveal {
    pub state: StepState,
    pub how_i_felt: String,
    pub what_i_thought: String,
    pub what_i_did: String,
    pub why_never_again: String,
}

/// Step 2: the partner who caused it apologises and mirrors back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Acknowledge {
    pub state: StepState,
    pub apology: String,
    pub mirror: String,
    /// Marked by the injured partner.
    pub felt_seen_and_heard: bool,
}

/// A "make it right" answer, tracked by a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Id>,
}

/// Step 3: the agreements.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MakeItRight {
    pub state: StepState,
    pub agreements: Vec<Agreement>,
}

/// Step 4: the long game. Its figures are computed from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LongGame {
    pub state: StepState,
}

/// One repair conversation for one injury.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub id: Id,
    pub title: String,
    pub injury_date: NaiveDate,
    /// The withdrawal that recorded the injury, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<Id>,
    #[serde(default)]
    pub reveal: Reveal,
    #[serde(default)]
    pub acknowledge: Acknowledge,
    #[serde(default)]
    pub make_it_right: MakeItRight,
    #[serde(default)]
    pub long_game: LongGame,
    #[serde(default)]
    pub closed: bool,
}
