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
    let path = through_links(path.to_path_buf());
    parse(&path, read(&path)?.as_deref())
}

/// The file's bytes, or `None` when there is no file yet.
fn read(path: &Path) -> Result<Option<Vec<u8>>, StorageError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StorageError::Read { path: path.to_path_buf(), source }),
        Ok(meta) if meta.is_dir() => Err(StorageError::IsADirectory { path: path.to_path_buf() }),
        Ok(_) => fs::read(path).map(Some).map_err(|source| StorageError::Read { path: path.to_path_buf(), source }),
    }
}

fn parse(path: &Path, bytes: Option<&[u8]>) -> Result<Loaded, StorageError> {
    let Some(bytes) = bytes else {
        return Ok(Loaded { journal: Journal::default(), existed: false, newer_version: None, warnings: Vec::new() });
    };
    let parsed = format::from_ron(bytes, path, backup::newest(path))?;
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
    /// A fingerprint of the file as read when it was read without the lock
    /// (`None`: there was no file), so the save that takes the lock can tell
    /// whether another trustbank wrote it meanwhile.
    read_unlocked: Option<Fingerprint>,
    /// The size of the file as last read or written: the next save's text
    /// is about as long, so it is written into room made once.
    last_size: usize,
}

/// What the file held when it was read: nothing, or bytes with this hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fingerprint {
    Missing,
    Bytes(u64),
}

impl Fingerprint {
    fn of(bytes: Option<&[u8]>) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        match bytes {
            None => Fingerprint::Missing,
            Some(bytes) => {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut hasher);
                Fingerprint::Bytes(hasher.finish())
            }
        }
    }
}

/// Follows symbolic links to the file they name, so that a journal kept
/// elsewhere (a synced folder) is saved there: the rename of an atomic save
/// would otherwise replace the link itself with a plain file, and the real
/// file would silently stop getting changes. The lock and the backups then
/// sit beside the real file too.
fn through_links(mut path: PathBuf) -> PathBuf {
    // As many hops as Linux allows; a loop is left for the open to report.
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => path = atomic::folder_of(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

/// Whether a failure to make the lock file means the folder cannot be
/// written (rather than something going wrong).
fn is_unwritable(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem)
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
    /// Loads the journal and takes the writer's lock. A second instance, a
    /// file from a newer trustbank, or a folder where no lock can be made
    /// gets a read-only store. A symbolic link is followed: the store works
    /// on the file it names (and [`Store::path`] says which).
    pub fn open(path: PathBuf) -> Result<(Store, Loaded), StorageError> {
        let mut store = Store {
            path: through_links(path),
            lock: None,
            read_only: None,
            backed_up_on: None,
            faults: Arc::new(NoFaults),
            read_unlocked: None,
            last_size: 0,
        };
        // Lock first, so no other writer can change the file between our
        // read and our first save. With no folder yet, the lock is taken on
        // the first save (nothing is created before a change).
        if lock::folder_exists(&store.path) {
            match store.try_lock() {
                Ok(reason) => store.read_only = reason,
                // A read-only folder (no lock file can be made) still reads.
                Err(e) if is_unwritable(&e) => {
                    store.read_only = Some(ReadOnly::FolderNotWritable { error: e.to_string() });
                }
                Err(source) => return Err(StorageError::Lock { path: lock::lock_path(&store.path), source }),
            }
        }
        let bytes = read(&store.path)?;
        store.last_size = bytes.as_ref().map_or(0, Vec::len);
        let loaded = parse(&store.path, bytes.as_deref())?;
        if store.lock.is_none() && store.read_only.is_none() {
            store.read_unlocked = Some(Fingerprint::of(bytes.as_deref()));
        }
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

    /// Tries the writer's lock: `None` when it is held now, else why this
    /// store may not write. Holding it, clears what killed saves left.
    fn try_lock(&mut self) -> std::io::Result<Option<ReadOnly>> {
        match lock::try_lock(&self.path)? {
            Attempt::Held(lock) => {
                atomic::remove_stale_temps(&self.path);
                backup::remove_stale_temps(&self.path);
                self.lock = Some(lock);
                Ok(None)
            }
            Attempt::InUse(pid) => Ok(Some(ReadOnly::InUse { pid })),
        }
    }

    /// Takes the lock on the first save when the folder did not exist at
    /// open. The journal was read without it, so if another trustbank wrote
    /// the file since, saving would replace its changes: refuse instead.
    fn take_lock_late(&mut self) -> Result<(), StorageError> {
        let path = self.path.clone();
        let write_err = |source| StorageError::Write { path: path.clone(), source };
        atomic::create_private_folder(atomic::folder_of(&self.path)).map_err(write_err)?;
        self.read_only = self.try_lock().map_err(write_err)?;
        if self.lock.is_some()
            && let Some(seen) = self.read_unlocked
        {
            match read(&self.path) {
                Ok(now) if Fingerprint::of(now.as_deref()) == seen => self.read_unlocked = None,
                Ok(_) => {
                    self.lock = None;
                    self.read_only = Some(ReadOnly::ChangedElsewhere);
                }
                Err(e) => {
                    // Not checked, so not ours yet: the next try checks again.
                    self.lock = None;
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Saves the whole journal: the day's backup first, then an atomic
    /// replace. On any error the previous file is intact.
    pub fn save(&mut self, journal: &Journal, today: NaiveDate) -> Result<(), StorageError> {
        let room = self.last_size + self.last_size / 16 + 4096;
        let text = format::to_ron_in(String::with_capacity(room), journal)?;
        self.save_text(&text, today)
    }

    /// Like [`Store::save`], for text already serialized by [`format::to_ron`].
    pub fn save_text(&mut self, text: &str, today: NaiveDate) -> Result<(), StorageError> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StorageError::Write { path, source }
        };
        if self.lock.is_none() && self.read_only.is_none() {
            self.take_lock_late()?;
        }
        if let Some(reason) = &self.read_only {
            return Err(StorageError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        if self.backed_up_on != Some(today) {
            backup::make_daily(&self.path, today, self.faults.as_ref())
                .map_err(|source| StorageError::Backup { path: backup::backup_path(&self.path, today), source })?;
            self.backed_up_on = Some(today);
        }
        atomic::write_atomic(&self.path, text.as_bytes(), self.faults.as_ref()).map_err(write_err(&self.path))?;
        self.last_size = text.len();
        Ok(())
    }
}
