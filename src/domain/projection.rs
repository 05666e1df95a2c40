//! The plain projection of SPEC §3: at the last four weeks' average net,
//! how many weeks until the balance is back to its level before an injury.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{Balances, Cents, Journal};

/// When the balance is projected to be back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Recovery {
    /// Already at or above the level before the injury.
    Recovered,
    /// In about this many weeks (rounded up).
    Weeks(u32),
    /// Not at the recent pace: the average net is zero or negative.
    Never,
}

/// The long game's figures for an injury on `injury`, seen at `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Projection {
    /// The balance just before the injury (at the start of its day).
    pub before_injury: Cents,
    pub now: Cents,
    /// The average net per week over the last 4 weeks (28 days to today).
    pub weekly_net: Cents,
    pub recovery: Recovery,
}

impl Projection {
    pub fn compute(journal: &Journal, balances: &Balances, injury: NaiveDate, today: NaiveDate) -> Projection {
        let entries = &journal.entries;
        let before_injury = balances.at_start_of(entries, injury);
        let now = balances.at_end_of(entries, today);
        let four_weeks_ago = today.checked_sub_days(Days::new(28)).unwrap_or(today);
        let net = now - balances.at_end_of(entries, four_weeks_ago);
        let weekly_net = Cents(net.0.div_euclid(4));
        Projection { before_injury, now, weekly_net, recovery: recovery(before_injury, now, net) }
    }
}

/// Weeks to close the gap at `net_4_weeks / 4` a week.
fn recovery(target: Cents, now: Cents, net_4_weeks: Cents) -> Recovery {
    let gap = target.0 - now.0;
    if gap <= 0 {
        Recovery::Recovered
    } else if net_4_weeks.0 <= 0 {
        Recovery::Never
    } else {
        // gap / (net / 4), rounded up, in integers.
        let weeks = (gap * 4 + net_4_weeks.0 - 1) / net_4_weeks.0;
        Recovery::Weeks(u32::try_from(weeks).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Wipe};
    use crate::domain::test_support::entry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_to_get_back_at_the_recent_pace() {
        let mut j = Journal::default();
        j.insert_entry(entry("2026-09-01", Deposit, 2000)); // $20 before the injury
        j.insert_entry(entry("2026-10-01", Wipe, 0)); // the injury
        // $1.00 a week over the last four weeks (to 26 Nov): $4.00.
        for day in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"] {
            j.insert_entry(entry(day, Deposit, 100));
        }
        let b = Balances::compute(&j.entries);
        let p = Projection::compute(&j, &b, d("2026-10-01"), d("2026-11-26"));
        assert_eq!(p.before_injury, Cents(2000));
        assert_eq!(p.now, Cents(400));
        assert_eq!(p.weekly_net, Cents(100));
        // $16 to go at $1 a week.
        assert_eq!(p.recovery, Recovery::Weeks(16));
    }

    #[test]
    fn never_at_a_flat_or_falling_pace_and_recovered_when_back() {
        assert_eq!(recovery(Cents(1000), Cents(0), Cents(0)), Recovery::Never);
        assert_eq!(recovery(Cents(1000), Cents(0), Cents(-40)), Recovery::Never);
        assert_eq!(recovery(Cents(1000), Cents(1000), Cents(0)), Recovery::Recovered);
        assert_eq!(recovery(Cents(1000), Cents(1200), Cents(-5)), Recovery::Recovered);
        // $10 gap at 30c over four weeks (7.5c a week): 133.3 -> 134 weeks.
        assert_eq!(recovery(Cents(1000), Cents(0), Cents(30)), Recovery::Weeks(134));
    }
}
