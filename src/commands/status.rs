//! `trustbank status`: one line for a shell prompt.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{CommandError, today, write_failed};
use crate::domain::outcome::{due_on, outcome_on};
use crate::domain::{Balances, Week, WeekFigures};
use crate::storage;

pub(super) fn run(path: &Path, now: DateTime<FixedOffset>, out: &mut dyn Write) -> Result<(), CommandError> {
    let journal = storage::load(path)?.journal;
    let today = today(&journal, now);
    let balances = Balances::compute(&journal.entries);
    let week = WeekFigures::compute(&journal, &balances, Week::containing(today, journal.settings.week_starts_on));
    let checked_in = if journal.check_in(today, crate::domain::Person::A).is_some() {
        "checked in today"
    } else {
        "not checked in today"
    };
    let due = due_on(&journal, today, journal.settings.week_starts_on);
    let unmarked = due.iter().filter(|&&i| outcome_on(&journal, &journal.commitments[i].id, today).is_none()).count();
    let unmarked = match unmarked {
        0 => String::new(),
        1 => " · 1 commitment not marked".to_string(),
        n => format!(" · {n} commitments not marked"),
    };
    writeln!(out, "balance {} · this week {} · {checked_in}{unmarked}", balances.current(), week.net.signed_string())
        .map_err(write_failed)
}
