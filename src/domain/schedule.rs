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

/// Reads a schedule from plain words, the same words [`Schedule::describe`]
/// writes: "every day", "weekdays", "weekends", "Mon-Fri", "mon, wed",
/// "every Tuesday", "3x a week", "every 2 weeks on Wed", "every other Fri",
/// A schedule due once, on a day trustbank keeps.
fn once(date: NaiveDate) -> Result<Schedule, String> {
    match super::limits::day_error(date) {
        Some(error) => Err(error),
        None => Ok(Schedule::Once(date)),
    }
}

/// "monthly on the 15th", "once on 2026-12-24".
pub fn parse_schedule(text: &str) -> Result<Schedule, String> {
    let t = text.trim().to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let fail = || {
        format!(
            "\"{}\" is not a schedule; try every day, weekdays, Mon-Fri, 3x a week, every 2 weeks on Wed, monthly on the 15th, once on 2026-12-24",
            text.trim()
        )
    };
    match t.as_str() {
        "" => return Err("type a schedule, like weekdays or 3x a week".into()),
        "every day" | "daily" | "each day" => return Ok(Schedule::Daily),
        "weekdays" | "every weekday" => return Ok(Schedule::Weekdays(WEEK[..5].to_vec())),
        "weekends" | "every weekend" => return Ok(Schedule::Weekdays(WEEK[5..].to_vec())),
        "weekly" => return Err("say which day, like every Tuesday, or 1x a week".into()),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix("once").map(str::trim) {
        let rest = rest.strip_prefix("on ").unwrap_or(rest).trim();
        let date =
            parse_date(rest).ok_or_else(|| "write the date as YYYY-MM-DD, like once on 2026-12-24".to_string())?;
        return once(date);
    }
    if let Some(date) = parse_date(&t) {
        return once(date);
    }
    if let Some(rest) = t.strip_prefix("monthly").map(str::trim) {
        let rest = rest.strip_prefix("on").unwrap_or(rest).trim();
        let rest = rest.strip_prefix("the").unwrap_or(rest).trim();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &rest[digits.len()..];
        return match digits.parse::<u8>() {
            Ok(day @ 1..=31) if ["", "st", "nd", "rd", "th"].contains(&suffix) => Ok(Schedule::Monthly(day)),
            _ => Err("a monthly day goes from 1 to 31, like monthly on the 15th".into()),
        };
    }
    for marker in ["x a week", " times a week", "x/week", " per week", "x per week", "x weekly"] {
        if let Some(n) = t.strip_suffix(marker) {
            return match n.trim().parse::<u8>() {
                Ok(n @ 1..=7) => Ok(Schedule::TimesPerWeek(n)),
                _ => Err("a week holds 1 to 7 times, like 3x a week".into()),
            };
        }
    }
    if let Some(rest) = t.strip_prefix("every ") {
        if let Some(day) = rest.strip_prefix("other ").and_then(parse_weekday) {
            return Ok(Schedule::EveryNWeeks { every: 2, weekday: day });
        }
        if let Some(day) = parse_weekday(rest) {
            return Ok(Schedule::Weekdays(vec![day]));
        }
        // every N weeks on DAY
        let words: Vec<&str> = rest.split(' ').collect();
        if let [n, weeks, on, day] = words.as_slice()
            && (*weeks == "weeks" || *weeks == "week")
            && *on == "on"
            && let (Ok(n), Some(day)) = (n.parse::<u8>(), parse_weekday(day))
        {
            return match n {
                1..=52 => Ok(Schedule::EveryNWeeks { every: n, weekday: day }),
                _ => Err("every 1 to 52 weeks".into()),
            };
        }
        return Err(fail());
    }
    parse_day_list(&t).map(Schedule::Weekdays).ok_or_else(fail)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%d %b %Y")).ok()
}

fn parse_weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().trim_end_matches('s');
    WEEK.iter().copied().find(|d| {
        let (short, long) = (weekday_short(*d).to_lowercase(), weekday_name(*d).to_lowercase());
        t == short || t == long || (t.len() >= 3 && long.starts_with(t))
    })
}

/// "mon, wed, fri", "mon-fri", "tue-thu, sat".
fn parse_day_list(text: &str) -> Option<Vec<Weekday>> {
    let mut days = Vec::new();
    for part in text.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty() && *p != "and") {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (parse_weekday(a)?, parse_weekday(b)?);
                let (from, to) = (a.num_days_from_monday(), b.num_days_from_monday());
                if from > to {
                    return None;
                }
                days.extend((from..=to).map(|i| WEEK[i as usize]));
            }
            None => days.push(parse_weekday(part)?),
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    days.dedup();
    (!days.is_empty()).then_some(days)
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

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
    /// Whether an occurrence may fall on `date`: inside the commitment's
    /// dates, on the schedule in force that day, and not archived (its
    /// archive day included: a mark made on it counts). See
    /// [`Commitment::owed_on`] for whether one is owed.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        self.owed_on(date) != super::dated::Owed::No
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
            archived_on: None,
            pauses: Vec::new(),
            agreement: None,
            by: crate::domain::Person::A,
            updated: 0,
            earlier_schedules: Vec::new(),
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

    #[test]
    fn schedules_read_from_words() {
        let p = |t: &str| parse_schedule(t).unwrap();
        assert_eq!(p("every day"), Schedule::Daily);
        assert_eq!(p("Weekdays"), Schedule::Weekdays(WEEK[..5].to_vec()));
        assert_eq!(p("mon-fri"), Schedule::Weekdays(WEEK[..5].to_vec()));
        assert_eq!(p("fri, mon  wed"), Schedule::Weekdays(vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]));
        assert_eq!(p("every tuesday"), Schedule::Weekdays(vec![Weekday::Tue]));
        assert_eq!(p("3x a week"), Schedule::TimesPerWeek(3));
        assert_eq!(p("1 times a week"), Schedule::TimesPerWeek(1));
        assert_eq!(p("every 2 weeks on wed"), Schedule::EveryNWeeks { every: 2, weekday: Weekday::Wed });
        assert_eq!(p("every other Friday"), Schedule::EveryNWeeks { every: 2, weekday: Weekday::Fri });
        assert_eq!(p("monthly on the 15th"), Schedule::Monthly(15));
        assert_eq!(p("monthly 31"), Schedule::Monthly(31));
        assert_eq!(p("once on 2026-12-24"), Schedule::Once(d("2026-12-24")));
        assert_eq!(p("once on 24 Dec 2026"), Schedule::Once(d("2026-12-24")));
        for bad in ["", "sometimes", "9x a week", "monthly on the 32nd", "every 2 weeks", "fri-mon", "once on friday"] {
            assert!(parse_schedule(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn described_schedules_read_back(kind in 0usize..6, n in 1u8..=7, day in 0usize..7, mask in 1u8..128, md in 1u8..=31, offset in 0i64..5000) {
            let schedule = match kind {
                0 => Schedule::Daily,
                1 => Schedule::Weekdays(WEEK.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| *d).collect()),
                2 => Schedule::TimesPerWeek(n),
                3 => Schedule::EveryNWeeks { every: n.max(2), weekday: WEEK[day] },
                4 => Schedule::Monthly(md),
                _ => Schedule::Once(d("2020-01-01") + chrono::Duration::days(offset)),
            };
            let back = parse_schedule(&schedule.describe()).unwrap();
            // Seven chosen weekdays read back as every day: the same days.
            let start = d("2020-01-06");
            for i in 0..60 {
                let date = start + chrono::Duration::days(i * 13 % 400);
                prop_assert_eq!(back.falls_on(date, start), schedule.falls_on(date, start));
            }
        }

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
