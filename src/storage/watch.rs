//! Watching the journal's folder for changes made outside (a hand edit, a
//! second window, `trustbank add`, a sync tool). The folder, not the file:
//! a rename over the journal replaces its inode, and a watch on the file
//! itself would go blind.

use std::ffi::OsString;
use std::path::Path;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::atomic::folder_of;

/// Whether `name` is a sync tool's conflict copy of the journal `journal`.
fn copy_of_journal(journal: &OsString, name: &std::ffi::OsStr) -> bool {
    matches!((journal.to_str(), name.to_str()), (Some(j), Some(n)) if super::conflict::tool_of(j, n).is_some())
}

/// Calls `changed` whenever something happens to the journal file at
/// `path`, or a conflict copy of it appears (its own saves too: the caller compares what it finds with what
/// it wrote). `None` when the platform cannot watch; the caller then only
/// looks now and then.
pub fn watch(path: &Path, changed: impl Fn() + Send + 'static) -> Option<RecommendedWatcher> {
    let name: OsString = path.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // An error from the watcher (say, too many events) may hide a
        // change: look anyway.
        let ours = event.map_or(true, |e| {
            e.paths.iter().filter_map(|p| p.file_name()).any(|n| n == name || copy_of_journal(&name, n))
        });
        if ours {
            changed();
        }
    })
    .ok()?;
    watcher.watch(folder_of(path), RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
