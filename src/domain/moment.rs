//! When an entry happened: a time of day as a person types it (`21:30`,
//! `9pm`), placed on a journal day.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::journal_day;

/// The time an entry for a past day gets when none is given: the evening,
/// when most of a day's entries are written down.
pub const EVENING: NaiveTime = match NaiveTime::from_hms_opt(21, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// Why a typed time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("type a time, like 21:30 or 9pm")]
    Empty,
    #[error("\"{0}\" is not a time; try 21:30, 9pm or 9:15am")]
    NotATime(String),
    #[error("\"{0}\" is not an hour; hours go from 0 to 23, or 1 to 12 with am or pm")]
    Hour(String),
    #[error("\"{0}\" has no such minute; minutes go from 00 to 59")]
    Minute(String),
}

/// A time of day as typed: `21:30`, `21.30`, `21`, `9pm`, `9 pm`,
/// `9:15am`, `9:15 a.m.`, `12am` (midnight), `12pm` (noon). Case and
/// surrounding spaces do not matter; seconds are not asked for.
pub fn parse_time(text: &str) -> Result<NaiveTime, TimeError> {
    let typed = text.trim();
    if typed.is_empty() {
        return Err(TimeError::Empty);
    }
    let not_a_time = || TimeError::NotATime(typed.to_string());
    let lower = typed.to_lowercase();
    let (clock, half) = match lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
        Some(rest) => (rest.trim_end(), Some(false)),
        None => match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
            Some(rest) => (rest.trim_end(), Some(true)),
            None => (lower.as_str(), None),
        },
    };
    let (hour, minute) = match clock.split_once([':', '.']) {
        Some((h, m)) => (h, Some(m)),
        None => (clock, None),
    };
    let digits = |s: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let hour = digits(hour, 1..=2).ok_or_else(not_a_time)?;
    let minute = match minute {
        Some(m) => digits(m, 2..=2).ok_or_else(not_a_time)?,
        None => 0,
    };
    let hour = match half {
        None if hour <= 23 => hour,
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        _ => return Err(TimeError::Hour(typed.to_string())),
    };
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| TimeError::Minute(typed.to_string()))
}

/// The moment within journal day `day` whose clock shows `time` in
/// `offset`. A journal day runs from `day_ends_at` to `day_ends_at`, so a
/// time before it (00:30 with the default 04:00) is on the calendar day
/// after. `None` only past the last date chrono can hold.
pub fn moment_on(
    day: NaiveDate,
    time: NaiveTime,
    offset: FixedOffset,
    day_ends_at: NaiveTime,
) -> Option<DateTime<FixedOffset>> {
    let calendar = if time < day_ends_at { day.checked_add_days(Days::new(1))? } else { day };
    offset.from_local_datetime(&calendar.and_time(time)).single()
}

/// When an entry on `day` happened if nobody says: now for today, the
/// evening ([`EVENING`]) for a past day.
pub fn default_moment(day: NaiveDate, now: DateTime<FixedOffset>, day_ends_at: NaiveTime) -> DateTime<FixedOffset> {
    if day >= journal_day(now, day_ends_at) {
        return now;
    }
    moment_on(day, EVENING, *now.offset(), day_ends_at).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plus_one() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    #[test]
    fn every_accepted_form() {
        for (typed, h, m) in [
            ("21:30", 21, 30),
            ("21.30", 21, 30),
            ("09:05", 9, 5),
            ("9:05", 9, 5),
            ("0:00", 0, 0),
            ("00:00", 0, 0),
            ("23:59", 23, 59),
            ("21", 21, 0),
            ("7", 7, 0),
            ("0", 0, 0),
            ("9pm", 21, 0),
            ("9PM", 21, 0),
            ("9 pm", 21, 0),
            ("9p.m.", 21, 0),
            ("9 a.m.", 9, 0),
            ("9am", 9, 0),
            ("9:15am", 9, 15),
            ("9:15 AM", 9, 15),
            ("09:15pm", 21, 15),
            ("12am", 0, 0),
            ("12:30am", 0, 30),
            ("12pm", 12, 0),
            ("12:45pm", 12, 45),
            ("1am", 1, 0),
            ("11:59pm", 23, 59),
            ("  21:30  ", 21, 30),
        ] {
            assert_eq!(parse_time(typed), Ok(hm(h, m)), "{typed:?}");
        }
    }

    #[test]
    fn the_refused_forms_say_why() {
        assert_eq!(parse_time(""), Err(TimeError::Empty));
        assert_eq!(parse_time("   "), Err(TimeError::Empty));
        for typed in [
            "noon", "9:5", "9:150", "9:", ":30", "123", "21:30:00", "-1", "9 30", "9pm pm", "ninepm", "+9", "9:3o",
            "pm", "٩:٣٠",
        ] {
            assert_eq!(parse_time(typed), Err(TimeError::NotATime(typed.trim().to_string())), "{typed:?}");
        }
        for typed in ["24", "24:00", "25:10", "99", "13pm", "0am", "0:30pm", "00am"] {
            assert_eq!(parse_time(typed), Err(TimeError::Hour(typed.to_string())), "{typed:?}");
        }
        for typed in ["9:60", "21:99", "9:75pm"] {
            assert_eq!(parse_time(typed), Err(TimeError::Minute(typed.to_string())), "{typed:?}");
        }
        assert_eq!(
            parse_time("abc").map_err(|e| e.to_string()),
            Err("\"abc\" is not a time; try 21:30, 9pm or 9:15am".into())
        );
    }

    #[test]
    fn a_time_before_the_day_end_is_on_the_calendar_day_after() {
        let four = hm(4, 0);
        let day = date("2026-03-01");
        assert_eq!(moment_on(day, hm(21, 30), plus_one(), four), Some(at("2026-03-01T21:30:00+01:00")));
        assert_eq!(moment_on(day, hm(4, 0), plus_one(), four), Some(at("2026-03-01T04:00:00+01:00")));
        assert_eq!(moment_on(day, hm(0, 30), plus_one(), four), Some(at("2026-03-02T00:30:00+01:00")));
        assert_eq!(moment_on(day, hm(3, 59), plus_one(), four), Some(at("2026-03-02T03:59:00+01:00")));
        // Every moment lands back on the journal day it was placed on.
        for (h, m) in [(0, 0), (3, 59), (4, 0), (12, 0), (23, 59)] {
            let moment = moment_on(day, hm(h, m), plus_one(), four).unwrap();
            assert_eq!(journal_day(moment, four), day, "{h}:{m}");
        }
        // Days that end at midnight are calendar days.
        assert_eq!(moment_on(day, hm(0, 30), plus_one(), NaiveTime::MIN), Some(at("2026-03-01T00:30:00+01:00")));
    }

    #[test]
    fn the_default_is_now_today_and_the_evening_before() {
        let four = hm(4, 0);
        let now = at("2026-11-26T08:15:42+01:00");
        assert_eq!(default_moment(date("2026-11-26"), now, four), now);
        assert_eq!(default_moment(date("2026-11-25"), now, four), at("2026-11-25T21:00:00+01:00"));
        // At 01:00 it is still the journal day before: now, not its evening.
        let late = at("2026-11-27T01:00:00+01:00");
        assert_eq!(default_moment(date("2026-11-26"), late, four), late);
    }
}
