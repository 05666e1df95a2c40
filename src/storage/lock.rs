//! One writer: an OS file lock on a small file beside the journal. The OS
//! releases it when the process dies, so a crash never leaves it stuck.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::atomic::folder_of;

/// `.journal.ron.lock` beside `journal.ron`.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    folder_of(path).join(format!(".{name}.lock"))
}

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// What trying the lock found.
#[derive(Debug)]
pub enum Attempt {
    Held(Lock),
    /// Another process holds it; its process id when it wrote one.
    InUse(Option<u32>),
}

/// Tries to take the lock without waiting. The folder must exist.
pub fn try_lock(path: &Path) -> std::io::Result<Attempt> {
    let lock_path = lock_path(path);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&lock_path)?;
    match file.try_lock() {
        Ok(()) => {
            // Record who holds it, for the other instance's message. Write
            // first and cut the rest after: truncating to zero and writing
            // again makes ext4 flush the file on close, which costs every
            // start several milliseconds.
            let pid = std::process::id().to_string();
            file.rewind()?;
            file.write_all(pid.as_bytes())?;
            file.set_len(pid.len() as u64)?;
            file.flush()?;
            Ok(Attempt::Held(Lock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let pid = file.read_to_string(&mut text).ok().and_then(|_| text.trim().parse().ok());
            Ok(Attempt::InUse(pid))
        }
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Whether the folder of `path` exists, so a lock can be taken now.
pub fn folder_exists(path: &Path) -> bool {
    fs::metadata(folder_of(path)).is_ok_and(|m| m.is_dir())
}
