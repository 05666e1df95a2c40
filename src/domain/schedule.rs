//! When a commitment is due: the schedule arithmetic, on dates only (a
//! clock change or a time zone never moves an occurrence).

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Commitment, Schedule};

/// The number of days in `date`'s month.
pub fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |last| last.day())
}

/// Whole weeks from the Monday of `from`'s week to the Monday of `to`'s.
fn weeks_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let monday = |d: NaiveDate| d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()));
    (monday(to) - monday(from)).num_days().div_euclid(7)
}

impl Schedule {
    /// Whether the schedule falls on `date`, for a commitment starting on
    /// `start`. "N times a week" falls on every day: which days count is
    /// up to the couple (see [`Commitment::owed_in_week`]).
    pub fn falls_on(&self, date: NaiveDate, start: NaiveDate) -> bool {
        match self {
            Schedule::Daily | Schedule::TimesPerWeek(_) => true,
            Schedule::Weekdays(days) => days.contains(&date.weekday()),
            Schedule::EveryNWeeks { every, weekday } => {
                date.weekday() == *weekday && weeks_between(start, date).rem_euclid(i64::from((*every).max(1))) == 0
            }
            Schedule::Monthly(day) => date.day() == u32::from(*day).clamp(1, 31).min(days_in_month(date)),
            Schedule::Once(on) => date == *on,
        }
    }

    /// The schedule in words: "every day", "weekdays", "3x a week",
    /// "every 2 weeks on Wed", "monthly on the 15th", "once on 24 Dec 2026".
    pub fn describe(&self) -> String {
        match self {
            Schedule::Daily => "every day".into(),
            Schedule::Weekdays(days) => describe_days(days),
            Schedule::TimesPerWeek(n) => format!("{n}x a week"),
            Schedule::EveryNWeeks { every: 1, weekday } => format!("every {}", weekday_name(*weekday)),
            Schedule::EveryNWeeks { every, weekday } => format!("every {every} weeks on {}", weekday_short(*weekday)),
            Schedule::Monthly(day) => format!("monthly on the {}", ordinal(u32::from(*day))),
            Schedule::Once(date) => format!("once on {}", date.format("%-d %b %Y")),
        }
    }
}

const WEEK: [Weekday; 7] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn describe_days(days: &[Weekday]) -> String {
    let has = |d: &Weekday| days.contains(d);
    let set: Vec<Weekday> = WEEK.iter().copied().filter(has).collect();
    match set.as_slice() {
        [] => "never".into(),
        s if s.len() == 7 => "every day".into(),
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] => "weekdays".into(),
        [Weekday::Sat, Weekday::Sun] => "weekends".into(),
        [one] => format!("every {}", weekday_name(*one)),
        s => s.iter().map(|d| weekday_short(*d)).collect::<Vec<_>>().join(", "),
    }
}

fn weekday_short(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st, 31st.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl Commitment {
    /// Whether an occurrence falls on `date`: inside the commitment's dates
    /// and on its schedule. Archived commitments keep their past.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        date >= self.start && self.end.is_none_or(|end| date <= end) && self.schedule.falls_on(date, self.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Amount, Id};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn commitment(schedule: Schedule, start: &str) -> Commitment {
        Commitment {
            id: Id::from("c"),
            title: "t".into(),
            note: String::new(),
            schedule,
            kept: Amount(10),
            missed: Amount(100),
            start: d(start),
            end: None,
            archived: false,
            agreement: None,
        }
    }

    #[test]
    fn weekdays() {
        let c = commitment(Schedule::Weekdays(WEEK[..5].to_vec()), "2026-01-01");
        assert!(c.falls_on(d("2026-11-27"))); // Fri
        assert!(!c.falls_on(d("2026-11-28"))); // Sat
        assert!(!c.falls_on(d("2025-12-31")), "not before the start");
        assert_eq!(c.schedule.describe(), "weekdays");
    }

    #[test]
    fn monthly_on_the_31st_falls_on_the_last_day() {
        let s = Schedule::Monthly(31);
        let start = d("2026-01-01");
        assert!(s.falls_on(d("2026-02-28"), start));
        assert!(s.falls_on(d("2028-02-29"), start), "leap year");
        assert!(!s.falls_on(d("2028-02-28"), start));
        assert!(s.falls_on(d("2026-04-30"), start));
        assert!(s.falls_on(d("2026-12-31"), start));
        assert!(!s.falls_on(d("2026-12-30"), start));
        assert_eq!(s.describe(), "monthly on the 31st");
        assert_eq!(Schedule::Monthly(15).describe(), "monthly on the 15th");
    }

    #[test]
    fn every_two_weeks_counts_from_the_start_week() {
        // Start Thu 26 Nov 2026; Wednesdays of every other week from that week.
        let s = Schedule::EveryNWeeks { every: 2, weekday: Weekday::Wed };
        let start = d("2026-11-26");
        assert!(s.falls_on(d("2026-11-25"), start), "the start week's Wednesday");
        assert!(!s.falls_on(d("2026-12-02"), start));
        assert!(s.falls_on(d("2026-12-09"), start));
        assert!(s.falls_on(d("2027-01-06"), start), "across the year end");
        assert_eq!(s.describe(), "every 2 weeks on Wed");
    }

    #[test]
    fn once_and_the_end_date() {
        let mut c = commitment(Schedule::Once(d("2026-12-24")), "2026-11-01");
        assert!(c.falls_on(d("2026-12-24")));
        assert!(!c.falls_on(d("2026-12-25")));
        c.schedule = Schedule::Daily;
        c.end = Some(d("2026-11-30"));
        assert!(c.falls_on(d("2026-11-30")));
        assert!(!c.falls_on(d("2026-12-01")));
    }

    #[test]
    fn words() {
        assert_eq!(Schedule::TimesPerWeek(3).describe(), "3x a week");
        assert_eq!(Schedule::Daily.describe(), "every day");
        assert_eq!(Schedule::Weekdays(vec![Weekday::Sat, Weekday::Sun]).describe(), "weekends");
        assert_eq!(Schedule::Weekdays(vec![Weekday::Tue]).describe(), "every Tuesday");
        assert_eq!(Schedule::Weekdays(vec![Weekday::Fri, Weekday::Mon]).describe(), "Mon, Fri");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }

    proptest! {
        #[test]
        fn monthly_falls_exactly_once_a_month(day in 1u8..=31, offset in 0i64..20_000) {
            let first = d("1990-01-01") + chrono::Duration::days(offset);
            let first = first.with_day(1).unwrap();
            let days = days_in_month(first);
            let hits = (0..days).filter(|i| Schedule::Monthly(day).falls_on(first + chrono::Duration::days(i64::from(*i)), first)).count();
            prop_assert_eq!(hits, 1);
        }

        #[test]
        fn every_n_weeks_falls_once_per_n_weeks(every in 1u8..6, wd in 0usize..7, offset in 0i64..20_000) {
            let start = d("1990-01-01") + chrono::Duration::days(offset);
            let s = Schedule::EveryNWeeks { every, weekday: WEEK[wd] };
            // Any window of `every` whole weeks holds exactly one occurrence.
            let from = start + chrono::Duration::days(7 * offset.rem_euclid(13));
            let monday = from - chrono::Duration::days(i64::from(from.weekday().num_days_from_monday()));
            let hits = (0..7 * i64::from(every)).filter(|i| s.falls_on(monday + chrono::Duration::days(*i), start)).count();
            prop_assert_eq!(hits, 1);
        }

        #[test]
        fn weekdays_fall_on_exactly_the_chosen_days(mask in 0u8..128, offset in 0i64..20_000) {
            let days: Vec<Weekday> = WEEK.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| *d).collect();
            let s = Schedule::Weekdays(days.clone());
            let date = d("1990-01-01") + chrono::Duration::days(offset);
            prop_assert_eq!(s.falls_on(date, d("1980-01-01")), days.contains(&date.weekday()));
        }
    }
}
