//! The one-shot commands of SPEC §7. Each reads the journal, maybe saves it,
//! and prints; none draws a screen.

mod add;
mod check;
mod completions;
mod demo;
mod export;
mod history;
mod import;
mod merge;
mod merge_driver;
mod status;
mod week;

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use crate::cli::Command;
use crate::domain::{Journal, Person, journal_day};
use crate::keyboard::{self, Named};

pub use add::add;

/// A command's failure: one plain sentence for stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

impl From<crate::storage::StorageError> for CommandError {
    fn from(e: crate::storage::StorageError) -> CommandError {
        CommandError(e.to_string())
    }
}

/// Runs a command on the journal at `path`, at `now`, writing to `out`,
/// for the person `named` (`--as`, `TRUSTBANK_AS`; see [`keyboard`]).
/// `now` may carry milliseconds: the ids of new records are made from them,
/// while the times written down are to the second.
pub fn run(
    command: &Command,
    path: &Path,
    now: DateTime<FixedOffset>,
    named: Option<&Named>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    match command {
        Command::Add(args) => add::run(args, path, now, named, out),
        Command::Week(args) => week::run(args, path, now, named, out),
        Command::Status => status::run(path, now, out),
        Command::Check => check::run(path, out),
        Command::Path => writeln!(out, "{}", path.display()).map_err(write_failed),
        Command::History(args) => history::run(args, path, now, out),
        Command::Export(args) => export::run(args, path, now, out),
        Command::Import(args) => import::run(args, path, now, out),
        Command::Merge(args) => merge::run(&args.other, path, now, out),
        Command::MergeDriver(args) => merge_driver::run(args),
        Command::Completions(args) => completions::completions(args.shell, out),
        Command::Man => completions::man(out),
        Command::Demo(args) => match &args.write {
            Some(to) => demo::write(to, now, out),
            // The app itself opens the demo; main.rs sends it there.
            None => Err(CommandError("the demo opens in the app: run trustbank demo in a terminal".into())),
        },
    }
}

fn write_failed(e: std::io::Error) -> CommandError {
    CommandError(format!("cannot write the output: {e}"))
}

/// Who is at the keyboard for a command: the name given, else what this
/// computer remembers, else the first person (a journal nobody chose for
/// works as a one-person journal did).
fn at_keyboard(journal: &Journal, named: Option<&Named>) -> Result<Person, CommandError> {
    let base = crate::storage::device::base_from_env();
    keyboard::resolve(journal, named, base.as_deref()).map(|k| k.person).map_err(CommandError)
}

/// Today's journal day under the journal's own settings.
fn today(journal: &Journal, now: DateTime<FixedOffset>) -> NaiveDate {
    journal_day(now, journal.settings.day_ends_at)
}

/// Refuses a range given backwards (`--from` after `--to`).
fn in_order(from: NaiveDate, to: NaiveDate) -> Result<(), CommandError> {
    match from > to {
        true => Err(CommandError(format!("--from {from} is after --to {to}; give the earlier day first"))),
        false => Ok(()),
    }
}

/// A date as typed: `YYYY-MM-DD`, `today` or `yesterday`.
fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, CommandError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => Ok(today.checked_sub_days(Days::new(1)).unwrap_or(today)),
        other => {
            let day = NaiveDate::parse_from_str(other, "%Y-%m-%d")
                .map_err(|_| CommandError(format!("\"{text}\" is not a date; use YYYY-MM-DD, today or yesterday")))?;
            match crate::domain::limits::day_error(day) {
                Some(error) => Err(CommandError(error)),
                None => Ok(day),
            }
        }
    }
}
