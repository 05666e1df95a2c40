//! What a save cycle brings in besides the file itself: the conflict copies
//! a sync tool left beside it, and this computer's log of its own changes
//! the file may have lost (see [`crate::domain::unconfirmed`]). Both are
//! merged by the merge laws, so bringing in what is already there changes
//! nothing; a copy is put away only once a save holds it.

use std::borrow::Cow;

use super::{Store, parse, read};
use crate::domain::merge::{MergeReport, merge};
use crate::domain::{Change, Journal};
use crate::storage::conflict::{self, Copy};

/// What [`Store::gather`] merged in.
#[derive(Debug, Default)]
pub struct Gathered {
    /// The copies merged, each with what came from it.
    pub copies: Vec<(Copy, MergeReport)>,
    /// What the log brought back.
    pub restored: Option<Box<MergeReport>>,
}

impl Gathered {
    /// Whether a person should hear of it: something came in.
    pub fn said(&self) -> bool {
        self.restored.is_some() || self.copies.iter().any(|(_, r)| !r.is_empty())
    }

    /// Each copy that brought something, as "a copy Syncthing made".
    pub fn reports(&self) -> Vec<(String, MergeReport)> {
        self.copies.iter().filter(|(_, r)| !r.is_empty()).map(|(c, r)| (c.described(), r.clone())).collect()
    }
}

/// Reads and checks a conflict copy: the journal it holds, or why it
/// cannot be merged.
pub(super) fn read_copy(path: &std::path::Path) -> Result<Journal, String> {
    let bytes = read(path).map_err(|e| e.to_string())?.unwrap_or_default();
    let loaded = parse(path, Some(&bytes)).map_err(|e| e.to_string())?;
    match loaded.newer_version {
        Some(found) => Err(format!("it was written by a newer trustbank (format version {found})")),
        None => Ok(loaded.journal),
    }
}

impl Store {
    /// Merges into `journal` (the journal as just opened) what this
    /// computer's log holds that the file lost and every conflict copy
    /// beside it, in memory: the next save writes it, and puts the copies
    /// away. A copy that cannot be merged stays where it is, said once
    /// (see [`Store::take_warning`]).
    pub fn gather(&mut self, journal: &mut Journal) -> Gathered {
        if self.read_only.is_some() {
            return Gathered::default();
        }
        let mut cow = Cow::Borrowed(&*journal);
        let gathered = self.gather_in(&mut cow, false);
        if let Cow::Owned(merged) = cow {
            *journal = merged;
        }
        gathered
    }

    /// [`Store::gather`] within a save cycle; `outside`: the file was just
    /// read, written by someone else.
    pub(super) fn gather_in(&mut self, journal: &mut Cow<'_, Journal>, outside: bool) -> Gathered {
        let mut gathered = Gathered::default();
        let opening = std::mem::take(&mut self.opening);
        if opening && self.log_file.is_some() && self.seen_hash() != self.log.written {
            // The file is not the one this computer last wrote.
            self.confirm(journal);
        }
        if (opening || outside) && !self.log.unconfirmed.is_empty() {
            match self.log.unconfirmed.restore(journal) {
                Ok(Some((merged, report))) => {
                    *journal = Cow::Owned(merged);
                    gathered.restored = Some(Box::new(report));
                    self.restored_unsaved = true;
                }
                Ok(None) => {}
                Err(e) => self.warning = Some(format!("this computer's log is of another journal ({e})")),
            }
        }
        for copy in conflict::copies_of(&self.path) {
            match self.merge_copy(journal, &copy) {
                Ok(report) => gathered.copies.push((copy, report)),
                Err(why) => {
                    if !self.refused.contains(&copy.path) {
                        self.refused.push(copy.path.clone());
                        self.warning =
                            Some(format!("{} was not merged and is left where it is: {why}", copy.path.display()));
                    }
                }
            }
        }
        // A copy read at open that is gone since is of no use any more.
        self.prefetched.clear();
        gathered
    }

    fn merge_copy(&mut self, journal: &mut Cow<'_, Journal>, copy: &Copy) -> Result<MergeReport, String> {
        let read_before = self.prefetched.iter().position(|(path, _)| *path == copy.path);
        let theirs = match read_before {
            Some(i) => self.prefetched.swap_remove(i).1,
            None => read_copy(&copy.path),
        }?;
        let (merged, report) = merge(journal, &theirs).map_err(|e| e.to_string())?;
        if merged != **journal {
            *journal = Cow::Owned(merged);
        }
        Ok(report)
    }

    /// Moves merged copies into `backups/merged/` (a save holds them now).
    /// One that cannot be moved is merged again at the next look, which
    /// changes nothing; it is said once.
    pub(super) fn put_away(&mut self, copies: &[(Copy, MergeReport)]) {
        for (copy, _) in copies {
            if let Err(e) = conflict::put_away(&self.path, &copy.path)
                && !self.refused.contains(&copy.path)
            {
                self.refused.push(copy.path.clone());
                self.warning = Some(format!("{} was merged but cannot be moved away: {e}", copy.path.display()));
            }
        }
    }

    /// Drops from the log what `disk` (a file another device wrote) holds.
    pub(super) fn confirm(&mut self, disk: &Journal) {
        if self.log_file.is_some() && self.log.unconfirmed.confirm(disk) > 0 {
            self.log_dirty = true;
        }
    }

    /// Adds what `pending` wrote to the log, and that the file about to
    /// be written is this computer's (`hash`), and writes the log now.
    pub(super) fn log_changes(&mut self, pending: &[Change], hash: u64) {
        if self.log_file.is_none() {
            return;
        }
        self.log.unconfirmed.add(pending);
        self.log.written = Some(hash);
        self.log_dirty = true;
        self.write_log();
    }

    /// Writes the log if it changed. A log that cannot be written does not
    /// stop the save (the journal matters more); it is said, and tried
    /// again at the next save.
    pub(super) fn write_log(&mut self) {
        let Some(file) = &self.log_file else { return };
        if !self.log_dirty {
            return;
        }
        match file.write(&self.log, self.faults.as_ref()) {
            Ok(()) => self.log_dirty = false,
            Err(e) => self.warning = Some(e),
        }
    }

    /// Reads the log again (under the lock): another trustbank on this
    /// computer (a `trustbank add` while the app is open) may have added to
    /// it. What this store could not write yet is kept too.
    pub(super) fn reload_log(&mut self) {
        let Some(file) = &self.log_file else { return };
        let (disk, warning) = file.read();
        if warning.is_some() {
            self.warning = warning;
            self.log_dirty = true;
            return;
        }
        if self.log_dirty {
            let mut log = disk;
            log.unconfirmed.absorb(&self.log.unconfirmed);
            log.written = self.log.written.or(log.written);
            self.log = log;
        } else {
            self.log = disk;
        }
    }

    fn seen_hash(&self) -> Option<u64> {
        match self.seen {
            super::Seen::File { hash, .. } => Some(hash),
            super::Seen::Missing => None,
        }
    }
}
