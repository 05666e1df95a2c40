//! Opening and saving the journal file: the one place that touches it.
//!
//! Never overwrite what was not read: every save takes the lock, looks at
//! the file, and when something else wrote it since this store last read or
//! wrote it, reads it and brings this session's unsaved changes onto it
//! before writing. A file that does not parse is never replaced.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

mod gather;

use super::atomic::{self, Faults, NoFaults};
use super::device::{self, Device};
use super::lock::{self, Lock};
use super::seen::{self, Look, Seen, Stat};
use super::{ReadOnly, StorageError, backup, format, side};
use crate::domain::replay::{CameIn, Difference, replay};
use crate::domain::{Change, Id, Journal};

/// A journal read from disk, checked, in canonical order.
#[derive(Debug)]
pub struct Loaded {
    pub journal: Journal,
    /// False when there was no file yet (a new, empty journal).
    pub existed: bool,
    /// Set when the file's format is newer than this build's.
    pub newer_version: Option<u32>,
    /// Set when the file's format was older than this build's: the journal
    /// was brought up to date as it was read, and the file will be at its
    /// next save (after a copy of it is kept).
    pub older_version: Option<u32>,
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
        // A FIFO would block the read for ever, a device read without end.
        Ok(meta) if !meta.is_file() => Err(StorageError::NotAFile { path: path.to_path_buf() }),
        Ok(_) => fs::read(path).map(Some).map_err(|source| StorageError::Read { path: path.to_path_buf(), source }),
    }
}

fn parse(path: &Path, bytes: Option<&[u8]>) -> Result<Loaded, StorageError> {
    let Some(bytes) = bytes else {
        let journal = Journal::default();
        return Ok(Loaded { journal, existed: false, newer_version: None, older_version: None, warnings: Vec::new() });
    };
    // `from_ron` runs the loader's checks too, so a problem names its line.
    let parsed = format::from_ron(bytes, path, None).map_err(|e| e.with_backup(|| backup::newest(path)))?;
    let mut journal = parsed.journal;
    journal.normalize();
    Ok(Loaded {
        journal,
        existed: true,
        newer_version: parsed.newer_version,
        older_version: parsed.older_version,
        warnings: privacy_warnings(path),
    })
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

/// The writer's handle on the journal file: makes the daily backup, saves
/// atomically under a lock held only for the save, and never writes over a
/// file it did not read. A store that may not write says why.
pub struct Store {
    path: PathBuf,
    /// The lock file, on this computer (see `device::lock_path`).
    lock_at: PathBuf,
    /// The device folders, where this computer's name is kept.
    device_base: Option<PathBuf>,
    /// This computer's name in its daily backups (see `device::name`),
    /// looked up at the first backup: nothing is made for a journal that
    /// is never saved.
    device_name: Option<String>,
    read_only: Option<ReadOnly>,
    backed_up_on: Option<NaiveDate>,
    faults: Arc<dyn Faults>,
    /// The file as this store last read or wrote it.
    seen: Seen,
    /// The size of the file as last read or written: the next save's text
    /// is about as long, so it is written into room made once.
    last_size: usize,
    /// The content hash of a save that failed after it may have renamed its
    /// file into place: finding that text is not a change from outside.
    attempt: Option<u64>,
    /// The day a failed backup was last reported (once a day is enough).
    backup_warned_on: Option<NaiveDate>,
    /// Said once to the caller, then forgotten (see [`Store::take_warning`]).
    warning: Option<String>,
    /// Whether the leftovers of killed saves were cleared.
    cleaned: bool,
    /// The older format the file is in, until a copy of it is kept.
    older_version: Option<u32>,
    /// This computer's own changes the file may not hold (see
    /// [`gather`]); kept only by a store opened with a device folder.
    log_file: Option<super::log::LogFile>,
    log: super::log::Log,
    /// What the first look brings in: the log checked against the file as
    /// opened.
    opening: bool,
    /// The log changed and is to be written.
    log_dirty: bool,
    /// What the log brought back is not in the file yet.
    restored_unsaved: bool,
    /// Conflict copies that cannot be merged, said once each.
    refused: Vec<PathBuf>,
    /// Conflict copies read while the journal was opened, for the first
    /// gather.
    prefetched: Vec<(PathBuf, Result<Journal, String>)>,
}

/// The longest file name most file systems take (ext4, APFS, NTFS).
const NAME_MAX: usize = 255;
/// What the temporary and lock files add to the journal's name
/// (`.journal.ron.XXXXXX.tmp`).
const SIDE_NAME_EXTRA: usize = 12;

/// Refuses a journal whose name leaves no room for its temporary file: its
/// first save would fail, after a person had typed their entries.
fn check_name(path: &Path) -> Result<(), StorageError> {
    let len = path.file_name().map_or(0, |n| n.len());
    if len + SIDE_NAME_EXTRA > NAME_MAX {
        return Err(StorageError::NameTooLong { path: path.to_path_buf(), len, max: NAME_MAX - SIDE_NAME_EXTRA });
    }
    Ok(())
}

/// Whether `e` says there is no room left for this user.
pub(super) fn disk_full(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded)
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

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

/// The journal's unsaved changes as a save brings them: `None` for a whole
/// journal that may only be written over the file it was read from.
type Pending<'a> = Option<&'a [Change]>;

impl Store {
    /// Loads the journal. A file from a newer trustbank, a file its owner
    /// marked read-only, or a folder where no file can be made gives a
    /// read-only store. A symbolic link is
    /// followed: the store works on the file it names (and [`Store::path`]
    /// says which).
    pub fn open(path: PathBuf) -> Result<(Store, Loaded), StorageError> {
        Store::open_with(path, Arc::new(NoFaults))
    }

    /// [`Store::open`] with every file-system step, the look at the folder
    /// made at open too, going through `faults` (tests only).
    pub fn open_with(path: PathBuf, faults: Arc<dyn Faults>) -> Result<(Store, Loaded), StorageError> {
        Store::open_in(path, faults, None)
    }

    /// Opens with this computer's lock and name from the device folders
    /// under `base` (`None`: the lock beside the journal, backups without a
    /// computer's name).
    fn open_in(path: PathBuf, faults: Arc<dyn Faults>, base: Option<&Path>) -> Result<(Store, Loaded), StorageError> {
        let path = through_links(path);
        let mut store = Store {
            lock_at: device::lock_path(base, &path),
            device_base: base.map(Path::to_path_buf),
            device_name: None,
            path,
            read_only: None,
            backed_up_on: None,
            faults,
            seen: Seen::Missing,
            last_size: 0,
            attempt: None,
            backup_warned_on: None,
            warning: None,
            cleaned: false,
            older_version: None,
            log_file: None,
            log: super::log::Log::default(),
            opening: false,
            log_dirty: false,
            restored_unsaved: false,
            refused: Vec::new(),
            prefetched: Vec::new(),
        };
        // The lock and temporary files sit beside the file a link names.
        check_name(&store.path)?;
        // What the path names first: a FIFO or a device is refused before
        // anything is made beside it.
        let bytes = read(&store.path)?;
        // Try the folder now (with no folder yet, at the first save), so a
        // folder that cannot be written shows as read-only from the start.
        if lock::folder_exists(&store.path) {
            match store.faults.probe(&store.path) {
                Ok(()) => {}
                Err(e) if matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
                    store.read_only = Some(ReadOnly::FolderNotWritable { error: e.to_string() });
                }
                Err(e) if disk_full(&e) => store.read_only = Some(ReadOnly::DiskFull),
                Err(source) => return Err(StorageError::Write { path: store.path.clone(), source }),
            }
        }
        let mut loaded = parse(&store.path, bytes.as_deref())?;
        store.remember(bytes.as_deref());
        store.older_version = loaded.older_version;
        if loaded.journal.id.0.is_empty() && (!loaded.existed || loaded.older_version.is_some()) {
            // A new journal, or an empty one from version 1: named now, so
            // its copies can be told from another journal's.
            let millis =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
            loaded.journal.id = Id::generate(millis);
        }
        if let Some(found) = loaded.newer_version {
            store.read_only = Some(ReadOnly::NewerVersion { found });
        } else if loaded.existed && marked_read_only(&store.path) {
            // Its owner made it so: a save would put a writable file in its
            // place (a rename needs only the folder), so none is made.
            store.read_only = Some(ReadOnly::FileNotWritable);
        }
        Ok((store, loaded))
    }

    /// [`Store::open`] for the app and the commands that write: this
    /// computer keeps a log of its own changes in its device folder (under
    /// `$TRUSTBANK_DEVICE_DIR`, else the local data folder), and conflict
    /// copies beside the journal are merged in (see [`Store::gather`]).
    pub fn open_here(path: PathBuf) -> Result<(Store, Loaded), StorageError> {
        Store::open_on_device(path, device::base_from_env())
    }

    /// [`Store::open_here`] with the device folders under `base` (`None`:
    /// no log is kept).
    pub fn open_on_device(path: PathBuf, base: Option<PathBuf>) -> Result<(Store, Loaded), StorageError> {
        // A conflict copy is as big as the journal: it is read and checked
        // on another core while the journal is.
        let copies = super::conflict::copies_of(&through_links(path.clone()));
        let (opened, prefetched) = std::thread::scope(|scope| {
            let reading: Vec<_> =
                copies.iter().map(|c| (c.path.clone(), scope.spawn(|| gather::read_copy(&c.path)))).collect();
            let opened = Store::open_in(path, Arc::new(NoFaults), base.as_deref());
            let read = reading.into_iter().filter_map(|(p, h)| h.join().ok().map(|r| (p, r))).collect::<Vec<_>>();
            (opened, read)
        });
        let (mut store, mut loaded) = opened?;
        store.prefetched = prefetched;
        if let Some(base) = base {
            let log_file = super::log::LogFile::new(Device::new(&base, &loaded.journal.id), &store.path);
            let (log, warning) = log_file.read();
            loaded.warnings.extend(warning);
            store.log = log;
            store.log_file = Some(log_file);
        }
        store.opening = true;
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

    /// Something the last save wants a person to know, though it worked
    /// (no backup could be made today).
    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    /// Remembers the file as just read (`None`: there is none).
    fn remember(&mut self, bytes: Option<&[u8]>) {
        self.seen = match bytes {
            None => Seen::Missing,
            Some(bytes) => match fs::metadata(&self.path) {
                Ok(meta) => Seen::File { stat: Stat::of(&meta), hash: seen::hash(bytes) },
                Err(_) => Seen::Missing,
            },
        };
        self.last_size = bytes.map_or(0, <[u8]>::len);
    }

    /// Saves `journal` as the whole journal, if the file is still the one
    /// this store last read or wrote; if something else wrote it since, it
    /// is left alone ([`StorageError::ChangedOutside`]). The day's backup
    /// comes first; on any error the previous file is intact.
    pub fn save(&mut self, journal: &Journal, today: NaiveDate) -> Result<(), StorageError> {
        let mut journal = std::borrow::Cow::Borrowed(journal);
        self.cycle(&mut journal, None, today, true).map(drop)
    }

    /// Saves `journal`, which is the journal as last read or written with
    /// `pending` applied. If something else wrote the file since, it is
    /// read, `pending` is applied to it instead, and `journal` becomes that
    /// (what came in is returned). A file that does not parse is never
    /// written over: this session's journal goes to a side file beside it,
    /// and the store turns read-only until the file parses again.
    pub fn commit(
        &mut self,
        journal: &mut Journal,
        pending: &[Change],
        today: NaiveDate,
    ) -> Result<Option<CameIn>, StorageError> {
        self.cycle_on(journal, pending, today, true)
    }

    /// Looks at the file without writing (the app does this when the file
    /// changes, and every second): if something else wrote it, `journal`
    /// (the journal as last read or written, with `pending` applied) is
    /// brought up to date as [`Store::commit`] would; then, if `pending`
    /// holds changes and the lock could be had, they are saved.
    pub fn refresh(
        &mut self,
        journal: &mut Journal,
        pending: &[Change],
        today: NaiveDate,
    ) -> Result<Option<CameIn>, StorageError> {
        self.cycle_on(journal, pending, today, false)
    }

    /// [`Store::cycle`] on a journal that becomes what came in, if anything
    /// did (copied only then), and what differs from it then.
    fn cycle_on(
        &mut self,
        journal: &mut Journal,
        pending: &[Change],
        today: NaiveDate,
        write: bool,
    ) -> Result<Option<CameIn>, StorageError> {
        let mut cow = std::borrow::Cow::Borrowed(&*journal);
        let mut came_in = self.cycle(&mut cow, Some(pending), today, write)?;
        if let std::borrow::Cow::Owned(merged) = cow {
            if let Some(came_in) = &mut came_in {
                came_in.difference = Difference::between(journal, &merged);
            }
            *journal = merged;
        }
        Ok(came_in)
    }

    /// The save cycle: lock, look, take in what changed outside, write (when
    /// `write`, or when changes must land on what came in), unlock.
    fn cycle(
        &mut self,
        journal: &mut std::borrow::Cow<'_, Journal>,
        pending: Pending<'_>,
        today: NaiveDate,
        write: bool,
    ) -> Result<Option<CameIn>, StorageError> {
        if self.read_only == Some(ReadOnly::DiskFull) && self.faults.probe(&self.path).is_ok() {
            // There is room again: a file could be made.
            self.read_only = None;
        }
        let broken = matches!(self.read_only, Some(ReadOnly::BrokenOutside { .. }));
        if write
            && !broken
            && let Some(reason) = &self.read_only
        {
            return Err(StorageError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        let folder_exists = lock::folder_exists(&self.path);
        if !folder_exists && !write {
            // No folder, so no file: nothing can have come in.
            return Ok(None);
        }
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StorageError::Write { path, source }
        };
        if !folder_exists {
            atomic::create_private_folder(atomic::folder_of(&self.path)).map_err(write_err(&self.path))?;
        }
        // A look alone may go on without the lock (a read-only folder has
        // none to give); then it never writes.
        let lock = if write { Some(self.lock()?) } else { self.lock().ok() };
        if lock.is_some() {
            self.reload_log();
        }
        if lock.is_some() && !self.cleaned {
            // What killed saves left. Only with the lock: no live save is
            // touched.
            atomic::remove_stale_temps(&self.path);
            backup::remove_stale_temps(&self.path);
            // The lock an older trustbank kept beside the journal, which a
            // sync tool carries: this one's lock is on this computer.
            let beside = device::lock_path(None, &self.path);
            if self.lock_at != beside {
                let _ = fs::remove_file(beside);
            }
            self.cleaned = true;
        }
        let look = seen::look(&self.path, &mut self.seen, self.attempt)
            .map_err(|source| StorageError::Write { path: self.path.clone(), source })?;
        self.attempt = None;
        let mut came_in = match look {
            Look::Same | Look::Gone => None,
            Look::Changed { bytes, stat, hash } => Some(self.take_in(journal, pending, &bytes, (stat, hash))?),
        };
        if let Some(reason @ ReadOnly::BrokenOutside { .. }) = &self.read_only {
            // Still unreadable: nothing is written over it.
            return match write {
                true => Err(StorageError::ReadOnly { path: self.path.clone(), reason: reason.clone() }),
                false => Ok(came_in),
            };
        }
        // Conflict copies and this computer's log, only where they can be
        // saved at once: with the lock, on a journal that may be written.
        let gathered = match (&lock, pending) {
            (Some(_), Some(_)) if self.read_only.is_none() => self.gather_in(journal, came_in.is_some()),
            _ => gather::Gathered::default(),
        };
        let must_write = write
            || (lock.is_some()
                && ((came_in.is_some() && pending.is_some_and(|p| !p.is_empty()))
                    || !gathered.copies.is_empty()
                    || self.restored_unsaved));
        if must_write {
            self.write(journal, today, pending.unwrap_or(&[]))?;
            self.put_away(&gathered.copies);
        }
        self.write_log();
        if gathered.said() {
            let came_in = came_in.get_or_insert_with(CameIn::default);
            came_in.copies = gathered.reports();
            came_in.restored = gathered.restored;
        }
        Ok(came_in)
    }

    /// Takes the writer's lock, waiting a little for another save.
    fn lock(&self) -> Result<Lock, StorageError> {
        let lock_err = |source| StorageError::Lock { path: self.lock_at.clone(), source };
        match lock::lock(self.faults.open_lock(&self.lock_at).map_err(lock_err)?, lock::WAIT) {
            Ok(Some(lock)) => Ok(lock),
            Ok(None) => Err(StorageError::Busy { path: self.path.clone() }),
            Err(source) => Err(lock_err(source)),
        }
    }

    /// Reads what something else wrote and brings `pending` onto it.
    fn take_in(
        &mut self,
        journal: &mut std::borrow::Cow<'_, Journal>,
        pending: Pending<'_>,
        bytes: &[u8],
        (stat, hash): (Stat, u64),
    ) -> Result<CameIn, StorageError> {
        let Some(pending) = pending else {
            return Err(StorageError::ChangedOutside { path: self.path.clone() });
        };
        let was_broken = matches!(self.read_only, Some(ReadOnly::BrokenOutside { .. }));
        // What was read is seen now, readable or not: a broken file is not
        // read again until it changes again.
        self.seen = Seen::File { stat, hash };
        let loaded = match parse(&self.path, Some(bytes)) {
            Ok(loaded) => loaded,
            Err(e) => {
                let side = if was_broken { self.side_file_of_broken() } else { self.keep_aside(journal) };
                let reason = ReadOnly::BrokenOutside { error: e.to_string(), side };
                self.read_only = Some(reason.clone());
                return Err(StorageError::ReadOnly { path: self.path.clone(), reason });
            }
        };
        if let Some(found) = loaded.newer_version {
            let reason = ReadOnly::NewerVersion { found };
            self.read_only = Some(reason.clone());
            if !pending.is_empty() {
                self.keep_aside(journal);
            }
            return Err(StorageError::ReadOnly { path: self.path.clone(), reason });
        }
        if was_broken {
            self.read_only = None;
        }
        self.last_size = bytes.len();
        // Another device wrote this file (not this computer, which said
        // in its log what it last wrote): what it holds of this
        // computer's log is on another disk too.
        if Some(hash) != self.log.written {
            self.confirm(&loaded.journal);
        }
        let mut merged = loaded.journal;
        let dropped = replay(&mut merged, pending);
        merged.normalize();
        *journal = std::borrow::Cow::Owned(merged);
        // The difference is counted once, by `cycle_on`, after the conflict
        // copies and this computer's log came in too.
        Ok(CameIn { dropped, readable_again: was_broken, ..CameIn::default() })
    }

    /// The side file already written for the broken file, if any.
    fn side_file_of_broken(&self) -> Option<PathBuf> {
        match &self.read_only {
            Some(ReadOnly::BrokenOutside { side, .. }) => side.clone(),
            _ => None,
        }
    }

    /// Writes `journal` to a new side file beside the journal (see
    /// [`side::keep_aside`]). Returns where, or `None` when even that failed.
    fn keep_aside(&self, journal: &Journal) -> Option<PathBuf> {
        side::keep_aside(&self.path, journal, self.faults.as_ref()).ok()
    }

    /// The day's backup (once a day), then the atomic replace; remembers
    /// what was written. A backup that cannot be made does not stop the
    /// save (the journal matters more than its copy): it is tried again at
    /// the next save and reported once a day.
    fn write(&mut self, journal: &Journal, today: NaiveDate, pending: &[Change]) -> Result<(), StorageError> {
        let room = self.last_size + self.last_size / 16 + 4096;
        let text = format::to_ron_in(String::with_capacity(room), journal)?;
        let hash = seen::hash(text.as_bytes());
        // This computer's changes reach its own disk first: whatever a
        // sync tool does with the file, they come back from there.
        self.log_changes(pending, hash);
        if let Some(version) = self.older_version.take() {
            // The file of an older format stays as it was, once, beside the
            // backups: an older trustbank can still open that copy. As with
            // the daily backup, failing to make it does not stop the save.
            if let Err(source) = backup::keep_before(&self.path, version, self.faults.as_ref()) {
                let e = StorageError::Backup { path: backup::version_path(&self.path, version), source };
                self.warning = Some(format!("no copy of the version {version} file was kept: {e}"));
            }
        }
        if self.backed_up_on != Some(today) {
            if self.device_name.is_none() {
                self.device_name = self.device_base.as_deref().and_then(device::name);
            }
            match backup::make_daily(&self.path, today, self.device_name.as_deref(), self.faults.as_ref()) {
                Ok(()) => {
                    self.backed_up_on = Some(today);
                    // A warning of an earlier try that never got out (that
                    // save failed) is no longer true.
                    self.warning = None;
                }
                Err(source) => {
                    let e = StorageError::Backup {
                        path: backup::backup_path(&self.path, today, self.device_name.as_deref()),
                        source,
                    };
                    if self.backup_warned_on != Some(today) {
                        self.backup_warned_on = Some(today);
                        self.warning = Some(format!("no backup was made today: {e}"));
                    }
                }
            }
        }
        if let Err(source) = atomic::write_atomic(&self.path, text.as_bytes(), self.faults.as_ref()) {
            self.attempt = Some(hash);
            return Err(StorageError::Write { path: self.path.clone(), source });
        }
        // The lock keeps other trustbanks out, so this is the file just
        // written. Without a stat, the next look reads it and compares hashes.
        let stat = fs::metadata(&self.path).map(|m| Stat::of(&m)).unwrap_or_else(|_| Stat::unknown());
        self.seen = Seen::File { stat, hash };
        self.last_size = text.len();
        self.restored_unsaved = false;
        Ok(())
    }
}

/// Whether the file at `path` allows nobody to write it (no write bit at
/// all): what `chmod a-w` or `chmod 0400` leaves. The bits are read, not
/// tried: the root user may write any file, and must not replace this one.
fn marked_read_only(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}
