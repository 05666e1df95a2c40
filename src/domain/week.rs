//! Weeks that start on a chosen weekday (Monday by default).

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Seven journal days, from `start` to `start + 6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Week {
    pub start: NaiveDate,
}

impl Week {
    /// The week holding `date`, for weeks starting on `first_day`.
    pub fn containing(date: NaiveDate, first_day: Weekday) -> Week {
        let back = date.weekday().days_since(first_day);
        Week { start: date.checked_sub_days(Days::new(u64::from(back))).unwrap_or(NaiveDate::MIN) }
    }

    /// The last day of the week.
    pub fn end(self) -> NaiveDate {
        self.start.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end()
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.start.iter_days().take(7)
    }

    pub fn next(self) -> Week {
        Week { start: self.start.checked_add_days(Days::new(7)).unwrap_or(self.start) }
    }

    pub fn previous(self) -> Week {
        Week { start: self.start.checked_sub_days(Days::new(7)).unwrap_or(self.start) }
    }
}

/// `23 Nov – 29 Nov 2026`, or across years `28 Dec 2026 – 3 Jan 2027`.
impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = self.end();
        if self.start.year() == end.year() {
            write!(f, "{} – {}", self.start.format("%-d %b"), end.format("%-d %b %Y"))
        } else {
            write!(f, "{} – {}", self.start.format("%-d %b %Y"), end.format("%-d %b %Y"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const ALL_DAYS: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    #[test]
    fn monday_weeks() {
        // 2026-11-26 is a Thursday.
        let w = Week::containing(d("2026-11-26"), Weekday::Mon);
        assert_eq!(w.start, d("2026-11-23"));
        assert_eq!(w.end(), d("2026-11-29"));
        assert_eq!(w.to_string(), "23 Nov – 29 Nov 2026");
    }

    #[test]
    fn sunday_weeks() {
        let w = Week::containing(d("2026-11-26"), Weekday::Sun);
        assert_eq!(w.start, d("2026-11-22"));
        assert_eq!(Week::containing(d("2026-11-22"), Weekday::Sun).start, d("2026-11-22"));
    }

    #[test]
    fn a_week_across_the_year_end_is_iso_week_53() {
        // 2026 has 53 ISO weeks; the last runs Mon 28 Dec 2026 – Sun 3 Jan 2027.
        let w = Week::containing(d("2027-01-01"), Weekday::Mon);
        assert_eq!(w.start, d("2026-12-28"));
        assert_eq!(w.end(), d("2027-01-03"));
        assert_eq!(w.start.iso_week().week(), 53);
        assert_eq!(w.end().iso_week().week(), 53);
        assert_eq!(w.next().start.iso_week().week(), 1);
        assert_eq!(w.to_string(), "28 Dec 2026 – 3 Jan 2027");
    }

    #[test]
    fn every_first_day_starts_on_itself() {
        for first in ALL_DAYS {
            for day in d("2026-12-25").iter_days().take(14) {
                let w = Week::containing(day, first);
                assert_eq!(w.start.weekday(), first);
                assert!(w.contains(day));
                assert_eq!(w.days().count(), 7);
            }
        }
    }

    proptest! {
        #[test]
        fn every_date_lies_in_exactly_one_week(offset in 0i64..200_000, first in 0usize..7) {
            let first = ALL_DAYS[first];
            let date = d("1900-01-01") + chrono::Duration::days(offset);
            let w = Week::containing(date, first);
            prop_assert_eq!(w.start.weekday(), first);
            prop_assert!(w.contains(date));
            prop_assert!(!w.previous().contains(date));
            prop_assert!(!w.next().contains(date));
            prop_assert_eq!(w.next().previous(), w);
            prop_assert_eq!((w.end() - w.start).num_days(), 6);
        }
    }
}
