//! Watching the journal's folder for changes made outside (a hand edit, a
//! second window, `trustbank add`, a sync tool). The folder, not the file:
//! a rename over the journal replaces its inode, and a watch on the file
//! itself would go blind.

use std::ffi::OsString;
use std::path::Path;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::atomic::folder_of;

/// Calls `changed` whenever something happens to the journal file at
/// `path` (its own saves too: the caller compares what it finds with what
/// it wrote). `None` when the platform cannot watch; the caller then only
/// looks now and then.
pub fn watch(path: &Path, changed: impl Fn() + Send + 'static) -> Option<RecommendedWatcher> {
    let name: OsString = path.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // An error from the watcher (say, too many events) may hide a
        // change: look anyway.
        let ours = event.map_or(true, |e| e.paths.iter().any(|p| p.file_name() == Some(name.as_os_str())));
        if ours {
            changed();
        }
    })
    .ok()?;
    watcher.watch(folder_of(path), RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
