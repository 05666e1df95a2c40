//! `trustbank merge OTHER`: brings another copy of the journal into it.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::{CommandError, today, write_failed};
use crate::domain::merge::merge;
use crate::storage::{self, StorageError, Store};

/// How often a save that found the journal changed under it starts again
/// (the app saving at the same moment).
const TRIES: usize = 3;

pub(super) fn run(
    other: &Path,
    path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let theirs = storage::load(other)?;
    if !theirs.existed {
        return Err(CommandError(format!("{} does not exist", other.display())));
    }
    for _ in 0..TRIES {
        let (mut store, loaded) = Store::open_here(path.to_path_buf())?;
        let (merged, report) = merge(&loaded.journal, &theirs.journal)
            .map_err(|e| CommandError(format!("{} cannot be merged into {}: {e}", other.display(), path.display())))?;
        if merged == loaded.journal {
            return writeln!(out, "Nothing new in {}.", other.display()).map_err(write_failed);
        }
        match store.save(&merged, today(&merged, now)) {
            Err(StorageError::ChangedOutside { .. }) => continue,
            Err(e) => return Err(e.into()),
            Ok(()) => {
                if let Some(warning) = store.take_warning() {
                    eprintln!("trustbank: warning: {warning}");
                }
                return writeln!(out, "Merged {} into {}: {report}.", other.display(), path.display())
                    .map_err(write_failed);
            }
        }
    }
    Err(CommandError(format!("{} kept changing while it was merged; nothing was written", path.display())))
}
