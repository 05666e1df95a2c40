//! Repairs: one conversation for one injury, in four steps (SPEC §1).
//!
//! The types are settled here so the file format is stable; the behaviour
//! (step 4's figures, agreements that create commitments) comes later.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Person};

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
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
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
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

/// A "make it right" answer, tracked by a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Id>,
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

/// Step 3: the agreements.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MakeItRight {
    pub state: StepState,
    pub agreements: Vec<Agreement>,
    /// Who set `state`, and when (each agreement has its own).
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

/// Step 4: the long game. Its figures are computed from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LongGame {
    pub state: StepState,
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
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
    /// The partner who was hurt, who writes the Reveal; the other writes
    /// the Acknowledge. A version 1 file's repairs were opened by the one
    /// repairing (`A`) for the partner (`B`).
    #[serde(default = "Person::b")]
    pub hurt: Person,
    /// Who opened it; with `updated`, the stamp of the title, injury day,
    /// withdrawal, `closed` and `hurt` (each step has its own).
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

const GUIDANCE: &str = include_str!("../../assets/repair_guidance.md");

/// The four steps' names, in order.
pub const STEP_NAMES: [&str; 4] = ["Reveal", "Acknowledge", "Make it right", "The long game"];

/// The short guidance for step `index` (0–3), from `assets/`.
pub fn guidance(index: usize) -> &'static str {
    let name = STEP_NAMES.get(index).copied().unwrap_or_default();
    GUIDANCE.split("## ").find_map(|section| section.strip_prefix(name).map(str::trim)).unwrap_or_default()
}

impl Repair {
    /// A new, open repair with every step not started.
    pub fn new(id: Id, title: String, injury_date: NaiveDate, withdrawal: Option<Id>) -> Repair {
        Repair {
            id,
            title,
            injury_date,
            withdrawal,
            reveal: Reveal::default(),
            acknowledge: Acknowledge::default(),
            make_it_right: MakeItRight::default(),
            long_game: LongGame::default(),
            closed: false,
            hurt: Person::B,
            by: Person::A,
            updated: 0,
        }
    }

    /// The four steps' states, in order.
    pub fn states(&self) -> [StepState; 4] {
        [self.reveal.state, self.acknowledge.state, self.make_it_right.state, self.long_game.state]
    }
}

impl StepState {
    pub fn label(self) -> &'static str {
        match self {
            StepState::NotStarted => "not started",
            StepState::InProgress => "in progress",
            StepState::Done => "done",
        }
    }

    pub fn next(self) -> StepState {
        match self {
            StepState::NotStarted => StepState::InProgress,
            StepState::InProgress => StepState::Done,
            StepState::Done => StepState::NotStarted,
        }
    }
}

/// Step 4's figures: the long game, from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LongGameFigures {
    pub projection: super::projection::Projection,
    /// Deposits since the injury (its day excluded).
    pub deposits_since: super::Tally,
    /// Kept outcomes of any commitment since the injury.
    pub kept_since: u32,
    /// The kept-rate of the agreements' commitments over the last 4 weeks.
    pub agreements_kept_rate: Option<u32>,
}

impl LongGameFigures {
    pub fn compute(
        repair: &Repair,
        journal: &super::Journal,
        balances: &super::Balances,
        today: NaiveDate,
    ) -> LongGameFigures {
        let projection = super::projection::Projection::compute(journal, balances, repair.injury_date, today);
        let after = repair.injury_date.succ_opt().unwrap_or(repair.injury_date);
        let deposits_since = balances.deposits(journal.entry_range(after, today));
        let kept_since =
            journal.outcomes_between(after, today).iter().filter(|o| o.outcome == super::Outcome::Kept).count() as u32;
        let mut window = super::Counts::default();
        let first = journal.settings.week_starts_on;
        for agreement in &repair.make_it_right.agreements {
            let Some(c) = agreement.commitment.as_ref().and_then(|id| journal.commitments.iter().find(|c| &c.id == id))
            else {
                continue;
            };
            let mut week = super::Week::containing(today - chrono::Duration::days(27), first);
            while week.start <= today {
                let counts = c.week_counts(journal, week, today);
                window.kept += counts.kept;
                window.missed += counts.missed;
                window.not_marked += counts.not_marked;
                week = week.next();
            }
        }
        LongGameFigures { projection, deposits_since, kept_since, agreements_kept_rate: window.kept_rate() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Wipe};
    use crate::domain::outcome::{new_commitment, set_outcome};
    use crate::domain::projection::Recovery;
    use crate::domain::test_support::entry;
    use crate::domain::{Amount, Balances, Cents, Change, Journal, Outcome, Schedule};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_step_has_warm_guidance_from_the_assets() {
        for i in 0..4 {
            let text = guidance(i);
            assert!(text.len() > 80, "step {i}: {text:?}");
            assert!(!text.contains("##"));
        }
        assert!(guidance(1).contains("counsellor") && guidance(3).contains("counsellor"));
    }

    #[test]
    fn balance_at_the_injury_and_since_with_a_wipe_on_the_injury_date() {
        let mut j = Journal::default();
        j.insert_entry(entry("2026-10-30", Deposit, 1500));
        j.insert_entry(entry("2026-11-01", Deposit, 500)); // same day, before the wipe
        let wipe = entry("2026-11-01", Wipe, 0);
        let wipe_id = wipe.id.clone();
        j.insert_entry(wipe);
        j.insert_entry(entry("2026-11-01", Deposit, 10)); // same day, after
        for day in ["2026-11-05", "2026-11-12", "2026-11-19", "2026-11-26"] {
            j.insert_entry(entry(day, Deposit, 100));
        }
        let repair = Repair::new(Id::from("R"), "The card".into(), d("2026-11-01"), Some(wipe_id));
        let b = Balances::compute(&j.entries);
        let f = LongGameFigures::compute(&repair, &j, &b, d("2026-11-26"));
        // Just before the injury: the start of its day.
        assert_eq!(f.projection.before_injury, Cents(1500));
        assert_eq!(f.projection.now, Cents(410));
        assert_eq!(f.deposits_since, crate::domain::Tally { count: 4, sum: Cents(400) });
        // $4.10 over the last four weeks (from 29 Oct: +$20 then the wipe…):
        // at the end of 29 Oct the balance was $0; now $4.10 -> $1.02 a week.
        assert_eq!(f.projection.weekly_net, Cents(102));
        assert_eq!(f.projection.recovery, Recovery::Weeks(11));
    }

    #[test]
    fn agreements_creating_commitments_and_closing_keeps_everything() {
        let mut j = Journal::default();
        let mut repair = Repair::new(Id::from("R"), "The card".into(), d("2026-11-01"), None);
        j.repairs.push(repair.clone());
        let mut c = new_commitment(
            Id::from("C"),
            "Weekly therapy".into(),
            Schedule::TimesPerWeek(1),
            d("2026-11-02"),
            Amount(10),
            Amount(100),
        );
        c.agreement = Some(Id::from("A"));
        repair.make_it_right.agreements.push(Agreement {
            id: Id::from("A"),
            text: "Weekly therapy".into(),
            commitment: Some(c.id.clone()),
            by: Person::B,
            updated: 0,
        });
        let applied = Change::Batch(vec![Change::AddCommitment(c.clone()), Change::ReplaceRepair(repair.clone())])
            .apply(&mut j)
            .unwrap();
        assert_eq!(j.commitments[0].agreement, Some(Id::from("A")));
        assert_eq!(j.repairs[0].make_it_right.agreements[0].commitment, Some(Id::from("C")));
        for day in ["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"] {
            set_outcome(
                &j,
                &c,
                d(day),
                Some(Outcome::Kept),
                chrono::DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").unwrap(),
                (Id(format!("E{day}")), Person::A),
            )
            .apply(&mut j)
            .unwrap();
        }
        let b = Balances::compute(&j.entries);
        let f = LongGameFigures::compute(&j.repairs[0], &j, &b, d("2026-11-26"));
        assert_eq!(f.kept_since, 4);
        assert_eq!(f.agreements_kept_rate, Some(100));
        let before_close = j.clone();
        let mut closed = j.repairs[0].clone();
        closed.closed = true;
        let close = Change::ReplaceRepair(closed).apply(&mut j).unwrap();
        assert!(j.repairs[0].closed);
        assert_eq!(j.repairs[0].make_it_right, before_close.repairs[0].make_it_right);
        close.inverse.apply(&mut j).unwrap();
        assert_eq!(j, before_close, "reopening restores it exactly");
        applied.inverse.apply(&mut j).unwrap();
        assert!(j.commitments.is_empty());
        assert!(j.repairs[0].make_it_right.agreements.is_empty());
    }
}
