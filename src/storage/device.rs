//! The device folder: what belongs to this computer and must never travel
//! with the journal through a sync tool (SPEC §6, issue 12): who is at the
//! keyboard, and this device's log of changes the shared file may not hold
//! yet. It lives in the platform's local data folder
//! (`~/.local/share/trustbank/journals/<journal id>/` on Linux), or under
//! `$TRUSTBANK_DEVICE_DIR` when that is set (two "computers" on one machine,
//! tests), one folder per journal id, `0700`.

use std::ffi::OsString;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{self, NoFaults};
use crate::domain::{Id, Person};

/// The environment variable that moves every device folder elsewhere.
pub const DEVICE_ENV: &str = "TRUSTBANK_DEVICE_DIR";

/// Where the device folders of every journal are: `$TRUSTBANK_DEVICE_DIR`
/// (when not empty), else `journals` in the platform's local data folder.
/// `None` without a home folder.
pub fn base(env: Option<OsString>) -> Option<PathBuf> {
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "trustbank").map(|dirs| dirs.data_local_dir().join("journals"))
}

/// The base folder as this process's environment chooses it.
pub fn base_from_env() -> Option<PathBuf> {
    base(std::env::var_os(DEVICE_ENV))
}

/// This device's folder for one journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    folder: PathBuf,
}

/// What the device remembers of one journal, kept in `device.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Remembered {
    /// Who uses this computer, as chosen at the first open.
    #[serde(default)]
    person: Option<Person>,
}

impl Device {
    /// The folder of journal `id` under `base`. An id is letters and
    /// digits; anything else (a hand-edited id) is kept out of the path.
    pub fn new(base: &Path, id: &Id) -> Device {
        let safe: String = id.0.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let name = if safe.is_empty() { "unnamed".to_string() } else { safe };
        Device { folder: base.join(name) }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// `device.ron`: who is at the keyboard.
    fn remembered_path(&self) -> PathBuf {
        self.folder.join("device.ron")
    }

    /// The device's log of its own changes to the journal file at
    /// `journal` (see `storage::log`). One per file, not per journal id:
    /// a backup or a copy of the journal opened on its own must not take
    /// in what this computer wrote to the journal itself.
    pub fn log_path(&self, journal: &Path) -> PathBuf {
        self.folder.join(format!("unconfirmed-{:016x}.ron", file_key(journal)))
    }

    /// Makes the folder (and its parents), private to this user.
    pub fn make(&self) -> std::io::Result<()> {
        if self.folder.is_dir() {
            return Ok(());
        }
        if let Some(parent) = self.folder.parent() {
            fs::create_dir_all(parent)?;
        }
        atomic::create_private_folder(&self.folder)
    }

    /// Who this computer said is at the keyboard, if it said. A file that
    /// does not read is as if nobody had said (the question comes again).
    pub fn person(&self) -> Result<Option<Person>, String> {
        let path = self.remembered_path();
        match fs::read_to_string(&path) {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
            Ok(text) => Ok(ron::from_str::<Remembered>(&text).ok().and_then(|r| r.person)),
        }
    }

    /// Remembers who uses this computer.
    pub fn set_person(&self, person: Person) -> Result<(), String> {
        let path = self.remembered_path();
        let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        self.make().map_err(fail)?;
        let remembered = Remembered { person: Some(person) };
        let config = ron::ser::PrettyConfig::new().struct_names(false).new_line("\n");
        let mut text = ron::ser::to_string_pretty(&remembered, config).map_err(|e| e.to_string())?;
        text.push('\n');
        atomic::write_atomic(&path, text.as_bytes(), &NoFaults).map_err(fail)
    }
}

/// A number for the journal file at `journal`, the same from run to run
/// and from process to process: the hash of its folder's canonical path and
/// its name (the file itself need not exist yet).
fn file_key(journal: &Path) -> u64 {
    let name = journal.file_name().map(PathBuf::from).unwrap_or_default();
    let folder = fs::canonicalize(atomic::folder_of(journal)).unwrap_or_else(|_| atomic::folder_of(journal).into());
    fnv1a(folder.join(name).as_os_str().as_encoded_bytes())
}

/// The lock file of the journal at `journal`: in `<base>/.locks/`, on this
/// computer only, so no sync tool carries it; every trustbank on this
/// computer finds the same one. Without a base (no home folder, the demo)
/// it is `.journal.ron.lock` beside the journal.
pub fn lock_path(base: Option<&Path>, journal: &Path) -> PathBuf {
    match base {
        Some(base) => base.join(".locks").join(format!("{:016x}.lock", file_key(journal))),
        None => {
            let name = journal.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            atomic::folder_of(journal).join(format!(".{name}.lock"))
        }
    }
}

/// Where the text of a form open when the app was ended from outside is
/// kept for the journal at `journal`: in `<base>/.drafts/`, named after the
/// journal so a person can tell it (`journal-<key>.draft.ron`), never in
/// the synced folder. Without a base, `journal.draft.ron` beside it.
pub fn draft_path(base: Option<&Path>, journal: &Path) -> PathBuf {
    let stem = journal.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "journal".into());
    match base {
        Some(base) => base.join(".drafts").join(format!("{stem}-{:016x}.draft.ron", file_key(journal))),
        None => atomic::folder_of(journal).join(format!("{stem}.draft.ron")),
    }
}

/// Marks that this computer offered the welcome for the journal at
/// `journal` (one whose people still have the default names, as one begun
/// with `trustbank add` has): it is offered once, not at every start.
/// Returns whether it had been offered before; without a base it cannot
/// remember, and says it was (the welcome is not offered at every start).
pub fn welcome_offered(base: Option<&Path>, journal: &Path) -> bool {
    let Some(base) = base else { return true };
    let mark = base.join(".welcomed").join(format!("{:016x}", file_key(journal)));
    if mark.exists() {
        return true;
    }
    // Best effort: unwritable, it is offered again next time.
    let _ = atomic::create_private_folder(&base.join(".welcomed")).and_then(|()| fs::write(&mark, b""));
    false
}

/// This computer's name in what it leaves in the shared folder (its daily
/// backups), so two computers never write the same file: the host's name
/// made safe for a file name, and four hex digits that tell apart two
/// computers of the same name. Chosen once and kept in
/// `<base>/.device-name`; `None` when it cannot be kept (it would change
/// from run to run).
pub fn name(base: &Path) -> Option<String> {
    let path = base.join(".device-name");
    if let Ok(text) = fs::read_to_string(&path) {
        let kept = safe_name(text.trim());
        if !kept.is_empty() {
            return Some(kept);
        }
    }
    let host = safe_name(&host_name().unwrap_or_default());
    let host = if host.is_empty() { "computer".to_string() } else { host };
    let chosen = format!("{host}-{:04x}", ulid::Ulid::new().random() & 0xffff);
    atomic::create_private_folder(base).ok()?;
    atomic::write_atomic(&path, format!("{chosen}\n").as_bytes(), &NoFaults).ok()?;
    Some(chosen)
}

/// Lower-case letters, digits and `-`, at most 24 of them.
fn safe_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(24)
        .collect();
    safe.trim_matches('-').to_string()
}

#[cfg(unix)]
fn host_name() -> Option<String> {
    Some(rustix::system::uname().nodename().to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}

/// FNV-1a: a hash that stays the same from build to build, so a log is
/// found again by its name after an upgrade.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_moves_the_folders() {
        assert_eq!(base(Some(OsString::from("/tmp/dev"))), Some(PathBuf::from("/tmp/dev")));
        // Empty means unset.
        if let Some(path) = base(Some(OsString::new())) {
            assert!(path.ends_with("trustbank/journals"), "{}", path.display());
        }
    }

    #[test]
    fn a_hand_edited_id_stays_inside_the_base() {
        let device = Device::new(Path::new("/base"), &Id("../../etc".into()));
        assert_eq!(device.folder(), Path::new("/base/etc"));
        assert_eq!(Device::new(Path::new("/base"), &Id("//".into())).folder(), Path::new("/base/unnamed"));
    }

    #[test]
    fn the_person_is_remembered_per_journal() {
        let dir = tempfile::tempdir().unwrap();
        let one = Device::new(dir.path(), &Id("one".into()));
        let two = Device::new(dir.path(), &Id("two".into()));
        assert_eq!(one.person(), Ok(None));
        one.set_person(Person::B).unwrap();
        assert_eq!(one.person(), Ok(Some(Person::B)));
        assert_eq!(two.person(), Ok(None));
        // One log per journal file, the same each time it is asked for.
        let journal = dir.path().join("journal.ron");
        assert_eq!(one.log_path(&journal), one.log_path(&journal));
        assert_ne!(one.log_path(&journal), one.log_path(&dir.path().join("copy.ron")));
        fs::write(one.remembered_path(), "not ron").unwrap();
        assert_eq!(one.person(), Ok(None));
    }

    #[test]
    fn the_lock_and_the_draft_stay_on_this_computer() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("device");
        let journal = dir.path().join("synced").join("journal.ron");
        let lock = lock_path(Some(&base), &journal);
        let draft = draft_path(Some(&base), &journal);
        assert!(lock.starts_with(base.join(".locks")), "{}", lock.display());
        assert!(draft.starts_with(base.join(".drafts")), "{}", draft.display());
        assert!(draft.file_name().unwrap().to_string_lossy().starts_with("journal-"));
        // Another file has its own; the same file the same, however named.
        let other = dir.path().join("synced").join("other.ron");
        assert_ne!(lock_path(Some(&base), &other), lock);
        assert_ne!(draft_path(Some(&base), &other), draft);
        fs::create_dir_all(journal.parent().unwrap()).unwrap();
        let roundabout = dir.path().join("synced").join("..").join("synced").join("journal.ron");
        assert_eq!(lock_path(Some(&base), &roundabout), lock);
        // With no device folder, beside the journal as before.
        assert_eq!(lock_path(None, &journal), dir.path().join("synced").join(".journal.ron.lock"));
        assert_eq!(draft_path(None, &journal), dir.path().join("synced").join("journal.draft.ron"));
    }

    #[test]
    fn the_device_name_is_chosen_once_and_safe_in_a_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let name = name(dir.path()).expect("a name");
        assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{name}");
        assert!(name.len() >= 5 && name.len() <= 29, "{name}");
        assert_eq!(super::name(dir.path()).as_deref(), Some(name.as_str()), "the same name next time");
        // A name put there by hand is made safe, not trusted.
        fs::write(dir.path().join(".device-name"), "Sam's Laptop/../x\n").unwrap();
        assert_eq!(super::name(dir.path()).as_deref(), Some("sam-s-laptop----x"));
        assert_eq!(safe_name("---"), "");
    }
}
