//! `trustbank check`: is the journal sound?

use std::io::Write;
use std::path::Path;

use super::{CommandError, write_failed};
use crate::domain::words::counted;
use crate::storage;

pub(super) fn run(path: &Path, out: &mut dyn Write) -> Result<(), CommandError> {
    let loaded = storage::load(path)?;
    let j = &loaded.journal;
    let line = if !loaded.existed {
        format!("{} does not exist yet; it is created on the first change", path.display())
    } else if let Some(found) = loaded.newer_version {
        format!(
            "{} was written by a newer trustbank (format {found}); it reads, but this version will not write it",
            path.display()
        )
    } else {
        format!(
            "{} is sound: {}, {}, {}, {}",
            path.display(),
            counted(j.entries.len(), "entry"),
            counted(j.commitments.len(), "commitment"),
            counted(j.check_ins.len(), "check-in"),
            counted(j.repairs.len(), "repair")
        )
    };
    writeln!(out, "{line}").map_err(write_failed)?;
    // The file was read whole a moment ago; reading it again to look for
    // comments keeps the loader free of a question only `check` asks.
    if loaded.existed
        && let Ok(text) = std::fs::read_to_string(path)
        && storage::format::holds_comments(&text)
    {
        writeln!(out, "{} holds comments; trustbank does not keep them when it saves", path.display())
            .map_err(write_failed)?;
    }
    for warning in &loaded.warnings {
        writeln!(out, "warning: {warning}").map_err(write_failed)?;
    }
    Ok(())
}
