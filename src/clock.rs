//! The one place the wall clock is read. The domain never reads it.

use chrono::{DateTime, FixedOffset, Local, SubsecRound};

/// Set to an RFC 3339 time to pin "now" (for tests, screenshots and demos).
pub const NOW_ENV: &str = "TRUSTBANK_NOW";

/// Now, in local time with its offset, to the second (the file stays
/// readable); or the pinned time of `TRUSTBANK_NOW`.
pub fn now() -> DateTime<FixedOffset> {
    now_to_the_millisecond().trunc_subsecs(0)
}

/// [`now`] with its milliseconds, for the ids of what is made now: records
/// made in one second by different processes then sort as they were made
/// even before the journal's ids are seen (see `Id::observe`).
pub fn now_to_the_millisecond() -> DateTime<FixedOffset> {
    std::env::var(NOW_ENV)
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
        .unwrap_or_else(|| Local::now().fixed_offset().trunc_subsecs(3))
}
