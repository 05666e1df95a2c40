//! `trustbank merge-driver BASE OURS THEIRS`: the journal's merge driver
//! for git. With `*.ron merge=trustbank` in `.gitattributes` and
//! `git config merge.trustbank.driver "trustbank merge-driver %O %A %B"`,
//! git runs it on each journal both branches changed, passing the common
//! ancestor (`%O`, an empty file when both branches added the file), our
//! version (`%A`, where the result goes) and theirs (`%B`), all as
//! temporary files. Exit 0 is a clean merge; anything else makes git
//! report a conflict and keep our version as it was.
//!
//! The files are git's: no lock is taken and no backup made (git keeps
//! every version), and the journal of `--file` is not touched.

use std::io::Write;
use std::path::Path;

use super::CommandError;
use crate::cli::MergeDriverArgs;
use crate::domain::Journal;
use crate::domain::merge3::merge3;
use crate::storage::atomic::{NoFaults, write_atomic};
use crate::storage::{self, format};

pub(super) fn run(args: &MergeDriverArgs) -> Result<(), CommandError> {
    let base = read_base(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let (merged, report) = merge3(&base, &ours, &theirs).map_err(|e| {
        CommandError(format!("{} and {} cannot be merged: {e}", args.ours.display(), args.theirs.display()))
    })?;
    let text = format::to_ron(&merged)?;
    write_atomic(&args.ours, text.as_bytes(), &NoFaults)
        .map_err(|e| CommandError(format!("cannot write the merge into {}: {e}", args.ours.display())))?;
    if report.conflicts > 0 {
        // Quiet otherwise, as git's own merges are; a merge that settled
        // conflicts says so in one line (git shows it).
        let n = report.conflicts;
        let records = if n == 1 { "record" } else { "records" };
        let _ = writeln!(
            std::io::stderr(),
            "trustbank: {n} {records} changed on both sides: the later version of each is kept, the other in its history"
        );
    }
    Ok(())
}

/// The base: git passes an empty file when there is none (both branches
/// added the journal), which is a journal with no records yet.
fn read_base(path: &Path) -> Result<Journal, CommandError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => Ok(Journal::default()),
        _ => read(path),
    }
}

/// One side, which must be there and parse; a journal from a newer
/// trustbank is refused (its newer fields would be lost).
fn read(path: &Path) -> Result<Journal, CommandError> {
    let loaded = storage::load(path)?;
    if !loaded.existed {
        return Err(CommandError(format!("{} does not exist", path.display())));
    }
    if let Some(version) = loaded.newer_version {
        return Err(CommandError(format!(
            "{} was written by a newer trustbank (format {version}); merge it with that trustbank",
            path.display()
        )));
    }
    Ok(loaded.journal)
}
