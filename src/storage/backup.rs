//! Daily backups: before the first save of each day the previous file is
//! copied to `backups/<name>-YYYY-MM-DD.<computer>.ron` beside it, named
//! after the computer that made it (`device::name`) so two computers that
//! share the folder never write the same backup; each keeps its newest 14.
//! A backup of an older trustbank (`<name>-YYYY-MM-DD.ron`, no computer's
//! name) still counts as one.

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

/// The backup of `path` made on `day` by the computer named `device`
/// (`None`: a computer with no name, as older trustbanks named them).
pub fn backup_path(path: &Path, day: NaiveDate, device: Option<&str>) -> PathBuf {
    let date = day.format("%Y-%m-%d");
    let name = match device {
        Some(device) => format!("{}-{date}.{device}.ron", stem(path)),
        None => format!("{}-{date}.ron", stem(path)),
    };
    backup_folder(path).join(name)
}

/// A daily backup of `path`, as its name says.
struct Found {
    day: NaiveDate,
    device: Option<String>,
    path: PathBuf,
}

/// The day and the computer a backup's file name says, if it is one of
/// `<prefix>YYYY-MM-DD[.<computer>].ron`.
fn parse_name(prefix: &str, name: &str) -> Option<(NaiveDate, Option<String>)> {
    let rest = name.strip_prefix(prefix)?.strip_suffix(".ron")?;
    let (date, device) = match rest.split_once('.') {
        Some((date, device)) if !device.is_empty() && !device.contains('.') => (date, Some(device.to_string())),
        Some(_) => return None,
        None => (rest, None),
    };
    Some((date.parse::<NaiveDate>().ok()?, device))
}

/// Every daily backup of `path`, made on any computer, oldest first.
fn found(path: &Path) -> Vec<Found> {
    let prefix = format!("{}-", stem(path));
    let Ok(dir) = fs::read_dir(backup_folder(path)) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = dir
        .flatten()
        .filter_map(|e| {
            let (day, device) = parse_name(&prefix, e.file_name().to_str()?)?;
            Some(Found { day, device, path: e.path() })
        })
        .collect();
    found.sort_by(|a, b| (a.day, &a.path).cmp(&(b.day, &b.path)));
    found
}

/// Every daily backup of `path`, made on any computer, oldest first.
pub fn list(path: &Path) -> Vec<PathBuf> {
    found(path).into_iter().map(|f| f.path).collect()
}

pub fn newest(path: &Path) -> Option<PathBuf> {
    list(path).pop()
}

/// Copies the current file to today's backup of this computer (named
/// `device`) unless that exists, then keeps only the newest [`KEEP`] of
/// this computer's and the unnamed ones: another computer's backups are
/// that computer's to prune (removing them here would remove them there
/// too, through the sync tool). Does nothing when there is no file yet.
pub fn make_daily(path: &Path, today: NaiveDate, device: Option<&str>, faults: &dyn Faults) -> std::io::Result<()> {
    if !copy_once(path, &backup_path(path, today, device), faults)? {
        return Ok(());
    }
    let mine: Vec<PathBuf> = found(path)
        .into_iter()
        .filter(|f| f.device.is_none() || f.device.as_deref() == device)
        .map(|f| f.path)
        .collect();
    for old in mine.iter().take(mine.len().saturating_sub(KEEP)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::atomic::NoFaults;

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_backup_is_named_after_its_day_and_computer() {
        let path = Path::new("/sync/journal.ron");
        assert_eq!(
            backup_path(path, d("2026-12-03"), Some("sams-laptop-3f2a")),
            Path::new("/sync/backups/journal-2026-12-03.sams-laptop-3f2a.ron")
        );
        assert_eq!(backup_path(path, d("2026-12-03"), None), Path::new("/sync/backups/journal-2026-12-03.ron"));
        let prefix = "journal-";
        assert_eq!(parse_name(prefix, "journal-2026-12-03.ron"), Some((d("2026-12-03"), None)));
        assert_eq!(parse_name(prefix, "journal-2026-12-03.pc-1.ron"), Some((d("2026-12-03"), Some("pc-1".into()))));
        for not_one in
            ["journal-version-1.ron", "journal-2026-12-03..ron", "journal-2026-12-03.a.b.ron", "j-2026-12-03.ron"]
        {
            assert_eq!(parse_name(prefix, not_one), None, "{not_one}");
        }
    }

    #[test]
    fn each_computer_prunes_only_its_own_backups_and_the_unnamed_ones() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("journal.ron");
        fs::write(&path, "(the journal)").expect("write");
        fs::create_dir(backup_folder(&path)).expect("mkdir");
        let first = d("2026-11-01");
        // Twenty days of the other computer's, and two of an older trustbank.
        for n in 0..20 {
            fs::write(backup_path(&path, first + chrono::Days::new(n), Some("other-0001")), "theirs").expect("write");
        }
        for n in 0..2 {
            fs::write(backup_path(&path, first + chrono::Days::new(n), None), "old").expect("write");
        }
        for n in 0..KEEP as u64 + 3 {
            make_daily(&path, first + chrono::Days::new(n), Some("mine-0002"), &NoFaults).expect("backup");
        }
        let all = found(&path);
        let count = |device: Option<&str>| all.iter().filter(|f| f.device.as_deref() == device).count();
        assert_eq!(count(Some("other-0001")), 20, "the other computer's are left alone");
        assert_eq!(count(Some("mine-0002")) + count(None), KEEP);
        assert_eq!(count(None), 0, "the unnamed ones were the oldest");
        assert!(backup_path(&path, first + chrono::Days::new(KEEP as u64 + 2), Some("mine-0002")).exists());
        assert_eq!(newest(&path), Some(backup_path(&path, first + chrono::Days::new(19), Some("other-0001"))));
    }
}
