//! Conflict copies: the files a sync tool leaves beside the journal when
//! two computers changed it at once. Each is another copy of the journal,
//! to be merged in and then put away in `backups/merged/` (never deleted).
//!
//! The names, as the tools make them from `journal.ron`:
//! - Syncthing: `journal.sync-conflict-20261201-213000-ABCDEFG.ron`
//! - Dropbox: `journal (Sam's conflicted copy 2026-12-01).ron`, also with a
//!   ` (1)` after it
//! - Nextcloud: `journal (conflicted copy 2026-12-01 213000).ron`; older
//!   Nextcloud and ownCloud: `journal_conflict-20261201-213000.ron`

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{self, folder_of};
use super::backup::backup_folder;

/// The sync tool that made a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Syncthing,
    Dropbox,
    Nextcloud,
}

impl std::fmt::Display for Tool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Tool::Syncthing => "Syncthing",
            Tool::Dropbox => "Dropbox",
            Tool::Nextcloud => "Nextcloud",
        })
    }
}

/// A conflict copy of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub path: PathBuf,
    pub tool: Tool,
}

impl Copy {
    /// "a copy Syncthing made", for a line on screen.
    pub fn described(&self) -> String {
        format!("a copy {} made", self.tool)
    }
}

/// Which tool's conflict copy of the journal `journal_name` a file named
/// `name` is, if it is one.
pub fn tool_of(journal_name: &str, name: &str) -> Option<Tool> {
    let (stem, ext) = match journal_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (journal_name, String::new()),
    };
    let middle = name.strip_prefix(stem)?.strip_suffix(ext.as_str())?;
    if middle.starts_with(".sync-conflict-") {
        return Some(Tool::Syncthing);
    }
    if middle.starts_with("_conflict-") {
        return Some(Tool::Nextcloud);
    }
    let inside = middle.strip_prefix(" (")?;
    if inside.starts_with("conflicted copy") {
        Some(Tool::Nextcloud)
    } else if inside.contains("conflicted copy") {
        Some(Tool::Dropbox)
    } else {
        None
    }
}

/// The conflict copies beside the journal at `path`, oldest name first.
/// A folder that cannot be read has none that can be merged.
pub fn copies_of(path: &Path) -> Vec<Copy> {
    let Some(journal_name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Ok(dir) = fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    let mut found: Vec<Copy> = dir
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name();
            let tool = tool_of(journal_name, name.to_str()?)?;
            Some(Copy { path: e.path(), tool })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// `backups/merged/` beside the journal: where merged copies are kept.
pub fn merged_folder(journal: &Path) -> PathBuf {
    backup_folder(journal).join("merged")
}

/// Moves a merged copy into `backups/merged/` (a name already there gets a
/// number), making the folders private if they are new. Returns where.
pub fn put_away(journal: &Path, copy: &Path) -> io::Result<PathBuf> {
    let folder = merged_folder(journal);
    for f in [backup_folder(journal), folder.clone()] {
        if !f.is_dir() {
            atomic::create_private_folder(&f)?;
        }
    }
    let name = copy.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "copy.ron".into());
    let mut target = folder.join(&name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = folder.join(format!("{n}-{name}"));
    }
    fs::rename(copy, &target)?;
    atomic::sync_folder(folder_of(journal))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tools_names_are_known() {
        let cases = [
            ("journal.sync-conflict-20261201-213000-ABCDEFG.ron", Some(Tool::Syncthing)),
            ("journal (Sam's conflicted copy 2026-12-01).ron", Some(Tool::Dropbox)),
            ("journal (Sam's conflicted copy 2026-12-01) (1).ron", Some(Tool::Dropbox)),
            ("journal (conflicted copy 2026-12-01 213000).ron", Some(Tool::Nextcloud)),
            ("journal_conflict-20261201-213000.ron", Some(Tool::Nextcloud)),
            ("journal.ron", None),
            ("journal.draft.ron", None),
            ("journal (1).ron", None),
            ("other.sync-conflict-20261201-213000-ABCDEFG.ron", None),
            ("journal.sync-conflict-20261201-213000-ABCDEFG.txt", None),
            (".journal.ron.lock", None),
        ];
        for (name, tool) in cases {
            assert_eq!(tool_of("journal.ron", name), tool, "{name}");
        }
        assert_eq!(tool_of("us.ron", "us.sync-conflict-20261201-213000-ABCDEFG.ron"), Some(Tool::Syncthing));
    }

    #[test]
    fn copies_are_found_beside_the_journal_and_put_away_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.ron");
        fs::write(&journal, "x").unwrap();
        let a = dir.path().join("journal.sync-conflict-20261201-213000-ABCDEFG.ron");
        let b = dir.path().join("journal (Sam's conflicted copy 2026-12-01).ron");
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        fs::create_dir(dir.path().join("journal (conflicted copy 2026-12-01 213000).ron")).unwrap();
        let found = copies_of(&journal);
        assert_eq!(found.iter().map(|c| c.tool).collect::<Vec<_>>(), [Tool::Dropbox, Tool::Syncthing]);
        let first = put_away(&journal, &a).unwrap();
        assert_eq!(first, merged_folder(&journal).join(a.file_name().unwrap()));
        fs::write(&a, "a again").unwrap();
        let second = put_away(&journal, &a).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read_to_string(first).unwrap(), "a");
        assert_eq!(fs::read_to_string(second).unwrap(), "a again");
        assert_eq!(copies_of(&journal).len(), 1);
    }
}
