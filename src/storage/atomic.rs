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

/// A seam that lets tests fail any step of a save (ENOSPC, EIO…).
/// Production code uses [`NoFaults`].
pub trait Faults: Send + Sync {
    fn before(&self, step: Step) -> io::Result<()>;
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

/// Replaces `path` with `bytes` atomically. The new file is `0600`.
pub fn write_atomic(path: &Path, bytes: &[u8], faults: &dyn Faults) -> io::Result<()> {
    let folder = folder_of(path);
    faults.before(Step::CreateTemp)?;
    // tempfile creates the file 0600 whatever the umask, and removes it if
    // anything below fails.
    let mut temp = tempfile::Builder::new().prefix(&temp_prefix(path)).suffix(TEMP_SUFFIX).tempfile_in(folder)?;
    faults.before(Step::Write)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    faults.before(Step::Fsync)?;
    temp.as_file().sync_all()?;
    faults.before(Step::Rename)?;
    temp.persist(path).map_err(|e| e.error)?;
    faults.before(Step::FsyncFolder)?;
    sync_folder(folder)
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
