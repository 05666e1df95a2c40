//! The app's self-check, for the tests and the fuzz targets: every cache
//! and cursor agrees with a fresh computation from the journal.

use super::App;
use crate::domain::{Balances, Commitment, LongGameFigures, WeekReview, chart, fold_balance};

impl App {
    /// `Err` names the first cache or cursor that disagrees with the
    /// journal: the running balances, the chart's days, the figures
    /// remembered between frames, or a selection past its list's end.
    pub fn check_caches(&self) -> Result<(), String> {
        let j = &self.journal;
        let fresh = Balances::compute(&j.entries);
        let agree = |ok: bool, what: &str| if ok { Ok(()) } else { Err(format!("{what} disagrees with the journal")) };
        agree(self.balances.current() == fold_balance(&j.entries), "the balance")?;
        agree(self.balances == fresh, "the running balances")?;
        agree(self.daily == chart::daily(&j.entries, &fresh), "the chart's days")?;
        let first = j.settings.week_starts_on;
        for c in &j.commitments {
            agree(*self.commitment_figures(c) == c.figures(j, self.today, first), &format!("{}'s figures", c.title))?;
        }
        agree(*self.week_review() == WeekReview::compute(j, &fresh, self.week, self.today), "the week review")?;
        for r in &j.repairs {
            let fresh_game = LongGameFigures::compute(r, j, &fresh, self.today);
            agree(*self.long_game(r) == fresh_game, &format!("the long game of {}", r.title))?;
        }
        let due: Vec<&Commitment> = j.commitments.iter().filter(|c| c.is_due(j, self.day, first)).collect();
        agree(self.due_commitments() == due, "the due list")?;
        agree(self.selected <= self.today_rows().saturating_sub(1), "Today's selection")?;
        agree(self.commitment_selected <= j.commitments.len().saturating_sub(1), "the commitment selection")?;
        agree(self.repair_selected <= j.repairs.len().saturating_sub(1), "the repair selection")?;
        agree(self.repair_step <= 3, "the repair step")
    }
}
