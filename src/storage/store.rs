//! Opening and saving the journal file: the one place that touches it.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::atomic::{self, Faults, NoFaults};
use super::lock::{self, Attempt, Lock};
use super::{ReadOnly, StorageError, backup, format};
use crate::domain::{Journal, validate};

/// A journal read from disk, checked, in canonical order.
#[derive(Debug)]
pub struct Loaded {
    pub journal: Journal,
    /// False when there was no file yet (a new, empty journal).
    pub existed: bool,
    /// Set when the file's format is newer than this build's.
    pub newer_version: Option<u32>,
    /// Things a person should hear about but that do not stop the app.
    pub warnings: Vec<String>,
}

/// Reads and checks the journal at `path` without locking it (for commands
/// that only read). A missing file is a new, empty journal.
pub fn load(path: &Path) -> Result<Loaded, StorageError> {
    let bytes = match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Ok(Loaded {
                journal: Journal::default(),
                existed: false,
                newer_version: None,
                warnings: Vec::new(),
            });
        }
        Err(source) => {
            return Err(StorageError::Read { path: path.to_path_buf(), source });
        }
        Ok(meta) if meta.is_dir() => {
            return Err(StorageError::IsADirectory { path: path.to_path_buf() });
        }
        Ok(_) => fs::read(path).map_err(|source| StorageError::Read { path: path.to_path_buf(), source })?,
    };
    let parsed = format::from_ron(&bytes, path, backup::newest(path))?;
    let mut journal = parsed.journal;
    let problems = validate::problems(&journal);
    if !problems.is_empty() {
        return Err(StorageError::Invalid {
            path: path.to_path_buf(),
            problems: problems.into_iter().map(|p| p.0).collect(),
            backup: backup::newest(path),
        });
    }
    journal.normalize();
    Ok(Loaded { journal, existed: true, newer_version: parsed.newer_version, warnings: privacy_warnings(path) })
}

#[cfg(unix)]
fn privacy_warnings(path: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    match fs::metadata(path) {
        Ok(meta) if meta.permissions().mode() & 0o077 != 0 => vec![format!(
            "{} can be read by other users of this computer; `chmod 600` it to keep it private",
            path.display()
        )],
        _ => Vec::new(),
    }
}

#[cfg(not(unix))]
fn privacy_warnings(_: &Path) -> Vec<String> {
    Vec::new()
}

/// The writer's handle on the journal file: holds the lock, makes the daily
/// backup, saves atomically. Without the lock it is read-only and says why.
pub struct Store {
    path: PathBuf,
    lock: Option<Lock>,
    read_only: Option<ReadOnly>,
    backed_up_on: Option<NaiveDate>,
    faults: Arc<dyn Faults>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("locked", &self.lock.is_some())
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl Store {
    /// Loads the journal and takes the writer's lock. A second instance, or
    /// a file from a newer trustbank, gets a read-only store.
    pub fn open(path: PathBuf) -> Result<(Store, Loaded), StorageError> {
        let mut store = Store { path, lock: None, read_only: None, backed_up_on: None, faults: Arc::new(NoFaults) };
        // Lock first, so no other writer can change the file between our
        // read and our first save. With no folder yet, the lock is taken on
        // the first save (nothing is created before a change).
        if lock::folder_exists(&store.path) {
            store.take_lock()?;
        }
        let loaded = load(&store.path)?;
        if let Some(found) = loaded.newer_version {
            store.read_only = Some(ReadOnly::NewerVersion { found });
            store.lock = None;
        }
        Ok((store, loaded))
    }

    /// Replaces the real file system steps with a faulty one (tests only).
    pub fn with_faults(mut self, faults: Arc<dyn Faults>) -> Store {
        self.faults = faults;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why this store may not write, if it may not.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    fn take_lock(&mut self) -> Result<(), StorageError> {
        let lock_err = |source| StorageError::Lock { path: lock::lock_path(&self.path), source };
        match lock::try_lock(&self.path).map_err(lock_err)? {
            Attempt::Held(lock) => {
                atomic::remove_stale_temps(&self.path);
                self.lock = Some(lock);
            }
            Attempt::InUse(pid) => self.read_only = Some(ReadOnly::InUse { pid }),
        }
        Ok(())
    }

    /// Saves the whole journal: the day's backup first, then an atomic
    /// replace. On any error the previous file is intact.
    pub fn save(&mut self, journal: &Journal, today: NaiveDate) -> Result<(), StorageError> {
        let text = format::to_ron(journal)?;
        self.save_text(&text, today)
    }

    /// Like [`Store::save`], for text already serialized by [`format::to_ron`].
    pub fn save_text(&mut self, text: &str, today: NaiveDate) -> Result<(), StorageError> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StorageError::Write { path, source }
        };
        if self.lock.is_none() && self.read_only.is_none() {
            atomic::create_private_folder(atomic::folder_of(&self.path)).map_err(write_err(&self.path))?;
            self.take_lock()?;
        }
        if let Some(reason) = &self.read_only {
            return Err(StorageError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        if self.backed_up_on != Some(today) {
            backup::make_daily(&self.path, today)
                .map_err(|source| StorageError::Backup { path: backup::backup_path(&self.path, today), source })?;
            self.backed_up_on = Some(today);
        }
        atomic::write_atomic(&self.path, text.as_bytes(), self.faults.as_ref()).map_err(write_err(&self.path))
    }
}
