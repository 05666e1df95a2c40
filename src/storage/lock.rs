//! One writer at a time: an OS file lock on a small file of this computer
//! (see `device::lock_path`), held only around a save (read the file,
//! merge, write). The OS releases it when the process dies, so a crash
//! never leaves it stuck, and a writer that holds it for a moment only makes
//! the next one wait.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::Path;
use std::time::{Duration, Instant};

use super::atomic::folder_of;

/// How long a save waits for another trustbank's save to finish.
pub const WAIT: Duration = Duration::from_secs(5);

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Opens (creating it and its folder if needed, `0600` and `0700`) the
/// lock file at `path`. Its content is never written.
pub fn open_file(path: &Path) -> std::io::Result<File> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        super::atomic::create_private_folder(folder)?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Takes the lock on `file` (from [`open_file`]), waiting up to `wait` for
/// another writer to let go. `Ok(None)`: still held by another after `wait`.
pub fn lock(file: File, wait: Duration) -> std::io::Result<Option<Lock>> {
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(2);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(Lock { _file: file })),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) if e.kind() == ErrorKind::Interrupted => {}
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Whether the folder of `path` exists, so a lock can be taken now.
pub fn folder_exists(path: &Path) -> bool {
    fs::metadata(folder_of(path)).is_ok_and(|m| m.is_dir())
}
