//! `trustbank export --format csv|json|markdown [--from D] [--to D]`.

use std::io::{ErrorKind, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{CommandError, in_order, parse_date, today, write_failed};
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{self, DateRange};
use crate::storage;

pub(super) fn run(
    args: &ExportArgs,
    path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let journal = storage::load(path)?.journal;
    let today = today(&journal, now);
    let from = args.from.as_deref().map(|text| parse_date(text, today)).transpose()?;
    let to = args.to.as_deref().map(|text| parse_date(text, today)).transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        in_order(from, to)?;
    }
    let range = DateRange { from, to };
    let text = match args.format {
        ExportFormat::Csv => {
            let entries: Vec<_> = journal.entries.iter().filter(|e| range.contains(e.date)).cloned().collect();
            export::csv::to_string(&entries)
        }
        ExportFormat::Json => export::json(&journal, range),
        ExportFormat::Markdown => {
            let (first, last) = export::span(&journal, today);
            let from = from.unwrap_or(first);
            let to = to.unwrap_or(last.max(from));
            export::markdown::report(&journal, from, to, today)
        }
    };
    emit(out, text.as_bytes())
}

/// Writes all of `bytes`. A reader that stops early (`| head`) is not a
/// failure: it simply had enough.
pub(super) fn emit(out: &mut dyn Write, bytes: &[u8]) -> Result<(), CommandError> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(write_failed),
    }
}
