//! `trustbank demo --write PATH`: the demo journal kept in a file, to open
//! again with `--file PATH` (its data is made up; nothing of yours is read).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, SubsecRound};

use super::{CommandError, write_failed};
use crate::storage::Store;

pub fn write(to: &Path, now: DateTime<FixedOffset>, out: &mut dyn Write) -> Result<(), CommandError> {
    // A file there may be someone's journal: never replaced, not even by
    // a copy of the demo.
    if to.symlink_metadata().is_ok() {
        return Err(CommandError(format!(
            "{} exists already; the demo is written only to a new file, to keep what is there",
            to.display()
        )));
    }
    let journal = crate::generate::demo(now.trunc_subsecs(0));
    let (mut store, _) = Store::open(to.to_path_buf())?;
    store.save(&journal, now.date_naive())?;
    writeln!(
        out,
        "Wrote the demo journal ({} entries, {} commitments) to {}; open it with trustbank --file {}",
        journal.entries.len(),
        journal.commitments.len(),
        to.display(),
        to.display()
    )
    .map_err(write_failed)
}
