//! `trustbank week`: the weekly review, printed.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{CommandError, at_keyboard, parse_date, today, write_failed};
use crate::cli::WeekArgs;
use crate::domain::{Balances, Week, WeekReview};
use crate::report;
use crate::storage;

pub(super) fn run(
    args: &WeekArgs,
    path: &Path,
    now: DateTime<FixedOffset>,
    named: Option<&crate::keyboard::Named>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let journal = storage::load(path)?.journal;
    let me = at_keyboard(&journal, named)?;
    let today = today(&journal, now);
    let date = match &args.date {
        Some(text) => parse_date(text, today)?,
        None => today,
    };
    let balances = Balances::compute(&journal.entries);
    let week = Week::containing(date, journal.settings.week_starts_on);
    let review = WeekReview::compute(&journal, &balances, week, today);
    out.write_all(report::render(&review, args.format, me).as_bytes()).map_err(write_failed)
}
