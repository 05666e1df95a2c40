//! The journal day: it ends at `day_ends_at` local time, not at midnight.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime};

/// The journal day that `now` (local time, with its offset) belongs to.
///
/// Before `day_ends_at` (default 04:00) it is still the previous day, so an
/// entry made at 00:30 after an evening check-in belongs to that evening.
pub fn journal_day(now: DateTime<FixedOffset>, day_ends_at: NaiveTime) -> NaiveDate {
    let local = now.naive_local();
    if local.time() < day_ends_at {
        local.date().checked_sub_days(Days::new(1)).unwrap_or(local.date())
    } else {
        local.date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn after_midnight_belongs_to_the_evening_before() {
        assert_eq!(journal_day(at("2026-03-02T00:30:00+01:00"), four()), date("2026-03-01"));
        assert_eq!(journal_day(at("2026-03-02T03:59:59+01:00"), four()), date("2026-03-01"));
        assert_eq!(journal_day(at("2026-03-02T04:00:00+01:00"), four()), date("2026-03-02"));
        assert_eq!(journal_day(at("2026-03-02T23:59:00+01:00"), four()), date("2026-03-02"));
    }

    #[test]
    fn uses_the_local_date_not_utc() {
        // 23:30 in New York is already the next day in UTC.
        assert_eq!(journal_day(at("2026-07-04T23:30:00-04:00"), four()), date("2026-07-04"));
        // 05:00 in Tokyo is the previous day in UTC.
        assert_eq!(journal_day(at("2026-07-05T05:00:00+09:00"), four()), date("2026-07-05"));
    }

    #[test]
    fn midnight_end_means_calendar_days() {
        let midnight = NaiveTime::MIN;
        assert_eq!(journal_day(at("2026-01-01T00:00:00+00:00"), midnight), date("2026-01-01"));
    }
}
