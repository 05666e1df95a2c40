//! Files a save leaves behind.

use std::fs;
use std::path::{Path, PathBuf};

/// Temporary files of a save (`.journal.ron.*.tmp`, and the backups'
/// `.journal-YYYY-MM-DD.ron.*.tmp`) in the journal's folder and its
/// `backups` folder.
pub fn temp_files(path: &Path) -> Vec<PathBuf> {
    let folder = path.parent().expect("folder");
    let mut found = Vec::new();
    for dir in [folder.to_path_buf(), folder.join("backups")] {
        let Ok(items) = fs::read_dir(&dir) else { continue };
        for item in items.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                found.push(item.path());
            }
        }
    }
    found
}
