//! The draft file: the text of a form open when the app was ended from
//! outside (a signal, a closed terminal), kept on this computer (where
//! `device::draft_path` says: never in the synced folder) as small pretty
//! RON a person can read, `0600`, until the next start takes it back or
//! discards it. One draft at a time.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::atomic::{self, Faults};
use crate::app::draft::Draft;

/// A draft file bigger than this is no draft of ours: every text of a form
/// is at most 64 KiB, and the largest form has nine.
const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

/// Writes `draft` to `path` (replacing an older one), atomically like
/// every write, making the folder if there is none yet. Returns where, or
/// why it could not.
pub fn write(path: &Path, draft: &Draft, faults: &dyn Faults) -> Result<PathBuf, String> {
    let config = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n");
    let mut text = ron::ser::to_string_pretty(draft, config).map_err(|e| format!("cannot write the draft: {e}"))?;
    text.push('\n');
    let folder = atomic::folder_of(path);
    if !folder.is_dir() {
        faults.create_folder(folder).map_err(|e| format!("cannot make {}: {e}", folder.display()))?;
    }
    atomic::write_atomic(path, text.as_bytes(), faults).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// The draft at `path`, if there is one. A file that is not a draft is
/// left alone and said so.
pub fn read(path: &Path) -> Result<Option<Draft>, String> {
    let meta = match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read the draft {}: {e}", path.display())),
        Ok(meta) => meta,
    };
    if !meta.is_file() || meta.len() > MAX_DRAFT_BYTES {
        return Err(format!("{} is not a draft trustbank wrote; it is left as it is", path.display()));
    }
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read the draft {}: {e}", path.display()))?;
    ron::from_str(&text).map(Some).map_err(|e| {
        format!("the draft {} does not read as one (line {}); it is left as it is", path.display(), e.span.start.line)
    })
}

/// Removes the draft at `path`; none is fine.
pub fn remove(path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(format!("cannot remove the draft {}: {e}", path.display())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draft::FormDraft;
    use crate::domain::Person;
    use crate::storage::atomic::NoFaults;

    fn draft() -> Draft {
        Draft {
            kept_at: chrono::DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a time"),
            form: FormDraft::Entry {
                editing: None,
                withdrawal: false,
                note: "held the door \"open\"\nand waited".into(),
                amount: "25c".into(),
                category: "kindness".into(),
                who: Person::B,
                date: "2026-11-26".into(),
                time: "9pm".into(),
                focus: 1,
            },
        }
    }

    #[test]
    fn a_draft_is_written_private_read_back_whole_and_removed() {
        let dir = tempfile::tempdir().expect("a folder");
        let at = dir.path().join("j.draft.ron");
        assert_eq!(write(&at, &draft(), &NoFaults).expect("written"), at);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&at).expect("stat").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let text = fs::read_to_string(&at).expect("read");
        assert!(text.contains("note: \"held the door \\\"open\\\"\\nand waited\""), "{text}");
        assert_eq!(read(&at).expect("a draft"), Some(draft()));
        remove(&at).expect("removed");
        assert!(!at.exists());
        assert_eq!(read(&at).expect("none"), None);
        remove(&at).expect("removing none is fine");
    }

    #[test]
    fn a_draft_goes_into_a_folder_not_made_yet() {
        let dir = tempfile::tempdir().expect("a folder");
        let at = dir.path().join("device").join(".drafts").join("j.draft.ron");
        write(&at, &draft(), &NoFaults).expect("written");
        assert_eq!(read(&at).expect("a draft"), Some(draft()));
    }

    #[test]
    fn a_file_that_is_no_draft_is_left_alone_and_said_so() {
        let dir = tempfile::tempdir().expect("a folder");
        let at = dir.path().join("j.draft.ron");
        fs::write(&at, "(not: a draft").expect("write");
        let err = read(&at).expect_err("not a draft");
        assert!(err.contains("does not read as one (line 1)"), "{err}");
        assert!(at.exists());
    }
}
