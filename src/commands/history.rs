//! `trustbank history [--from D] [--to D]`: every change made in a range of
//! journal days, for reading together ("what changed this week").

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::export::emit;
use super::{CommandError, in_order, parse_date, today};
use crate::cli::HistoryArgs;
use crate::domain::story::{Event, What, events};
use crate::domain::{Journal, Week, journal_day};
use crate::storage;

pub(super) fn run(
    args: &HistoryArgs,
    path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let journal = storage::load(path)?.journal;
    let today = today(&journal, now);
    let from = match &args.from {
        Some(text) => parse_date(text, today)?,
        None => Week::containing(today, journal.settings.week_starts_on).start,
    };
    let to = args.to.as_deref().map(|text| parse_date(text, today)).transpose()?.unwrap_or(today.max(from));
    in_order(from, to)?;
    emit(out, report(&journal, from, to, *now.offset()).as_bytes())
}

/// The first millisecond of journal day `day` on the clock `offset`.
fn start_of(journal: &Journal, day: NaiveDate, offset: FixedOffset) -> u64 {
    let start = day.and_time(journal.settings.day_ends_at).and_local_timezone(offset).single();
    start.map_or(0, |at| at.timestamp_millis().max(0) as u64)
}

/// The changes of journal days `from..=to`, by day, on the clock `offset`.
pub fn report(journal: &Journal, from: NaiveDate, to: NaiveDate, offset: FixedOffset) -> String {
    let first = start_of(journal, from, offset);
    let after = to.checked_add_days(Days::new(1)).map_or(u64::MAX, |d| start_of(journal, d, offset));
    let all = events(journal, first, after.saturating_sub(1));
    let span = format!("{} to {}", from.format("%a %-d %b %Y"), to.format("%a %-d %b %Y"));
    let mut text = match all.len() {
        0 => return format!("Nothing was written, changed or removed from {span}.\n"),
        1 => format!("One change from {span}\n"),
        n => format!("{n} changes from {span}\n"),
    };
    let mut day = None;
    for e in &all {
        let at = DateTime::from_timestamp_millis(e.at as i64).map(|at| at.with_timezone(&offset));
        let this = at.map(|at| journal_day(at, journal.settings.day_ends_at));
        if this != day {
            day = this;
            text.push_str(&format!(
                "\n{}\n",
                this.map_or("Before trustbank kept times".into(), |d| d.format("%a %-d %b").to_string())
            ));
        }
        let time = at.map_or("     ".into(), |at| at.format("%H:%M").to_string());
        text.push_str(&format!("  {time}  {}\n", line(journal, e)));
    }
    text
}

/// "Sam changed Sam's deposit of Tue 1 Dec: note "made dinner" → "made
/// dinner, washed up"".
fn line(journal: &Journal, e: &Event) -> String {
    let by = journal.people.name(e.by);
    let of = match &e.part {
        Some(part) => format!("{}, {part}", e.of),
        None => e.of.clone(),
    };
    match &e.what {
        What::Written => format!("{by} wrote {of}: {}", e.summary),
        What::Changed(fields) => {
            let changed: Vec<String> = fields.iter().map(|(name, a, b)| format!("{name} \"{a}\" → \"{b}\"")).collect();
            format!("{by} changed {of}: {}", changed.join("; "))
        }
        What::Removed => format!("{by} removed {of}: {}", e.summary),
        What::Noticed => format!("{by} noticed {of}: {}", e.summary),
    }
}
