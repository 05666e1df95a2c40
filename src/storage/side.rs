//! Side files: where a session's journal goes when the journal itself may
//! not be written (the file changed outside and no longer parses, a save
//! still failing when the app is ended from outside), so nothing of it is
//! lost. One whole journal a file, `journal.unsaved-YYYYMMDD-HHMMSS.ron`
//! beside the journal, `0600`; a person can open it with `--file`.

use std::path::{Path, PathBuf};

use super::atomic::{self, Faults};
use super::format;
use crate::domain::Journal;

/// Writes `journal` to a new side file beside the journal at `path` and
/// says where, or why even that failed. An existing side file is never
/// written over: the name gets a number.
pub fn keep_aside(path: &Path, journal: &Journal, faults: &dyn Faults) -> Result<PathBuf, String> {
    let text = format::to_ron(journal).map_err(|e| e.to_string())?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "journal".into());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let folder = atomic::folder_of(path);
    let mut last = String::from("no free name for it");
    for n in 1..100 {
        let name = match n {
            1 => format!("{stem}.unsaved-{stamp}.ron"),
            n => format!("{stem}.unsaved-{stamp}-{n}.ron"),
        };
        let side = folder.join(name);
        if side.exists() {
            continue;
        }
        match atomic::write_atomic(&side, text.as_bytes(), faults) {
            Ok(()) => return Ok(side),
            Err(e) => last = format!("cannot write {}: {e}", side.display()),
        }
    }
    Err(last)
}
