//! Daily backups: before the first save of each day the previous file is
//! copied to `backups/<name>-YYYY-MM-DD.ron` beside it; 14 are kept.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::atomic::{Faults, folder_of, remove_temps_in, write_atomic};

/// How many daily backups are kept.
pub const KEEP: usize = 14;

pub fn backup_folder(path: &Path) -> PathBuf {
    folder_of(path).join("backups")
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "journal".into())
}

/// The backup of `path` made on `day`.
pub fn backup_path(path: &Path, day: NaiveDate) -> PathBuf {
    backup_folder(path).join(format!("{}-{}.ron", stem(path), day.format("%Y-%m-%d")))
}

/// Every backup of `path`, oldest first (the date in the name sorts).
pub fn list(path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(path));
    let Ok(dir) = fs::read_dir(backup_folder(path)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".ron"))
                    .is_some_and(|date| date.parse::<NaiveDate>().is_ok())
            })
        })
        .collect();
    found.sort();
    found
}

pub fn newest(path: &Path) -> Option<PathBuf> {
    list(path).pop()
}

/// Copies the current file to today's backup unless that exists, then keeps
/// only the newest [`KEEP`]. Does nothing when there is no file yet.
pub fn make_daily(path: &Path, today: NaiveDate, faults: &dyn Faults) -> std::io::Result<()> {
    if !copy_once(path, &backup_path(path, today), faults)? {
        return Ok(());
    }
    let all = list(path);
    for old in all.iter().take(all.len().saturating_sub(KEEP)) {
        // Pruning is tidying: an old backup that cannot be removed must not
        // stop today's save (it would fail every save from now on).
        let _ = fs::remove_file(old);
    }
    Ok(())
}

/// The copy of a file of format `version` kept before it is first written
/// in a newer one.
pub fn version_path(path: &Path, version: u32) -> PathBuf {
    backup_folder(path).join(format!("{}-version-{version}.ron", stem(path)))
}

/// Keeps the file as it is (of the older format `version`) before its first
/// save in the new one, unless such a copy is there already. Never pruned.
pub fn keep_before(path: &Path, version: u32, faults: &dyn Faults) -> std::io::Result<()> {
    copy_once(path, &version_path(path, version), faults).map(drop)
}

/// Copies the file at `path` to `target` in the backups folder, unless
/// `target` exists or there is no file yet; says whether it copied. The copy
/// is read and saved like the journal (atomically, through `faults`).
fn copy_once(path: &Path, target: &Path, faults: &dyn Faults) -> std::io::Result<bool> {
    if target.exists() {
        return Ok(false);
    }
    let bytes = match faults.read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let folder = backup_folder(path);
    if !folder.is_dir() {
        faults.create_folder(&folder)?;
        // A new folder is an entry in the journal's folder: until that is
        // synced too, a power cut can take the folder and the backup in it.
        faults.sync_folder(folder_of(path))?;
    }
    write_atomic(target, &bytes, faults)?;
    Ok(true)
}

/// Removes temporary files left in the backups folder by a backup killed
/// mid-way (`.journal-YYYY-MM-DD.ron.XXXXXX.tmp`). Only called while
/// holding the lock, so no live save is touched.
pub fn remove_stale_temps(path: &Path) {
    remove_temps_in(&backup_folder(path), &format!(".{}-", stem(path)));
}
