//! The atomic save: write a temporary file in the same folder, flush and
//! fsync it, rename it over the journal, fsync the folder. A crash at any
//! point leaves either the old file or the new one, never a mix.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// One step of a save, for fault injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Fsync,
    Rename,
    FsyncFolder,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::CreateTemp, Step::Write, Step::Fsync, Step::Rename, Step::FsyncFolder];
}

/// A temporary file of a save: removed when dropped, unless renamed into
/// place by [`Faults::rename`].
pub type TempFile = tempfile::NamedTempFile;

/// The seam every file-system operation of a save goes through, so tests
/// can fail any step (ENOSPC, EIO…) or stand in for the disk and see which
/// operations really ran (the power-cut simulation in `tests/power_cut`).
/// Every method but [`Faults::before`] does the real thing by default;
/// production code uses [`NoFaults`], which overrides nothing.
pub trait Faults: Send + Sync {
    /// Asked before each [`Step`]; an error fails the save there.
    fn before(&self, step: Step) -> io::Result<()>;

    /// Creates an empty temporary file, `0600` whatever the umask, in
    /// `folder`, named `<prefix>XXXXXX` + [`TEMP_SUFFIX`].
    fn create_temp(&self, folder: &Path, prefix: &str) -> io::Result<TempFile> {
        tempfile::Builder::new().prefix(prefix).suffix(TEMP_SUFFIX).tempfile_in(folder)
    }

    /// Writes all of `bytes` to the (empty) temporary file.
    fn write(&self, temp: &mut TempFile, bytes: &[u8]) -> io::Result<()> {
        temp.write_all(bytes)?;
        temp.flush()
    }

    /// Makes the temporary file's bytes durable.
    fn sync_file(&self, temp: &TempFile) -> io::Result<()> {
        temp.as_file().sync_all()
    }

    /// Renames the temporary file over `to` (atomic on one file system).
    fn rename(&self, temp: TempFile, to: &Path) -> io::Result<()> {
        temp.persist(to).map(drop).map_err(|e| e.error)
    }

    /// Makes the renames and creations in `folder` durable.
    fn sync_folder(&self, folder: &Path) -> io::Result<()> {
        sync_folder(folder)
    }

    /// Creates `folder` and any missing parents, `0700`.
    fn create_folder(&self, folder: &Path) -> io::Result<()> {
        create_private_folder(folder)
    }

    /// Reads a whole file (the journal, to copy it to its backup).
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        fs::read(path)
    }

    /// Opens, creating it if needed, the lock file at `lock` (before each
    /// save).
    fn open_lock(&self, lock: &Path) -> io::Result<fs::File> {
        super::lock::open_file(lock)
    }

    /// Makes a file beside the journal at `journal` and lets it go: whether
    /// its folder can be written (at open, so a folder that cannot shows as
    /// read-only from the start, and while the disk is full). The file has
    /// no name (Linux's `O_TMPFILE`; elsewhere it is unlinked as soon as it
    /// is made): a process killed here leaves nothing behind, as it takes
    /// no lock and so cleans nothing up.
    fn probe(&self, journal: &Path) -> io::Result<()> {
        tempfile::tempfile_in(folder_of(journal)).map(drop)
    }
}

/// Every step runs for real.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoFaults;

impl Faults for NoFaults {
    fn before(&self, _: Step) -> io::Result<()> {
        Ok(())
    }
}

/// The prefix of this file's temporary files, so stale ones (from a save
/// killed mid-way) can be recognised and removed.
pub fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.")
}

pub const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` atomically. The new file is `0600`. Every
/// operation goes through `faults`, so a test can see which ones ran.
pub fn write_atomic(path: &Path, bytes: &[u8], faults: &dyn Faults) -> io::Result<()> {
    let folder = folder_of(path);
    faults.before(Step::CreateTemp)?;
    // Dropping the temporary file removes it, so a failure below leaves
    // nothing behind.
    let mut temp = faults.create_temp(folder, &temp_prefix(path))?;
    faults.before(Step::Write)?;
    faults.write(&mut temp, bytes)?;
    faults.before(Step::Fsync)?;
    // Without it a power cut after the rename can leave the journal's name
    // on a file whose bytes never reached the disk.
    faults.sync_file(&temp)?;
    faults.before(Step::Rename)?;
    faults.rename(temp, path)?;
    faults.before(Step::FsyncFolder)?;
    // Without it a power cut can undo the rename: a save reported done
    // would come back as the previous file.
    faults.sync_folder(folder)
}

/// The folder holding `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `folder` durable.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Creates `folder` (and its parents) readable only by the owner.
pub fn create_private_folder(folder: &Path) -> io::Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// Removes temporary files left by a save that was killed mid-way. Only
/// called while holding the lock, so no live save is touched.
pub fn remove_stale_temps(path: &Path) {
    remove_temps_in(folder_of(path), &temp_prefix(path));
}

/// Removes the files in `folder` named `<prefix>…` + [`TEMP_SUFFIX`]: the
/// leftovers of writes killed mid-way, for the journal or its backups.
pub fn remove_temps_in(folder: &Path, prefix: &str) {
    let Ok(dir) = fs::read_dir(folder) else {
        return;
    };
    for item in dir.flatten() {
        let name = item.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX) {
            // Best effort: a leftover that cannot be removed harms nothing.
            let _ = fs::remove_file(item.path());
        }
    }
}
