//! The device's log of its own changes (see [`crate::domain::unconfirmed`])
//! as a file in the device folder: `unconfirmed.ron`, `0600`, one version
//! per line. Written (fsynced) before the journal file each save, so a
//! change is on this computer's disk before the sync tool can lose it.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{Faults, write_atomic};
use super::device::Device;
use crate::domain::unconfirmed::Unconfirmed;

/// The log file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Log {
    /// The hash of the journal file this device last wrote: a file found
    /// with another was written by someone else.
    #[serde(default)]
    pub written: Option<u64>,
    #[serde(default)]
    pub unconfirmed: Unconfirmed,
}

/// Where this computer keeps the log of one journal file: its device
/// folder and the log's path in it, found once (the path is the journal's
/// folder made canonical, which asks the file system).
#[derive(Debug, Clone)]
pub struct LogFile {
    device: Device,
    path: PathBuf,
}

impl LogFile {
    pub fn new(device: Device, journal: &Path) -> LogFile {
        let path = device.log_path(journal);
        LogFile { device, path }
    }

    /// Reads the log. None yet is an empty log. One that does not read is
    /// moved aside (never written over) and said so.
    pub fn read(&self) -> (Log, Option<String>) {
        let path = &self.path;
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return (Log::default(), None),
            Err(e) => {
                return (Log::default(), Some(format!("cannot read this computer's log {}: {e}", path.display())));
            }
        };
        match ron::from_str(&text) {
            Ok(log) => (log, None),
            Err(e) => {
                let aside = aside_path(path);
                let kept = fs::rename(path, &aside).is_ok();
                let said = match kept {
                    true => format!("it is kept as {}", aside.display()),
                    false => "it is left as it is".into(),
                };
                let line = e.span.start.line;
                let warning = format!("this computer's log {} does not read (line {line}); {said}", path.display());
                (Log::default(), Some(warning))
            }
        }
    }

    /// Writes the log (removes the file when the log is empty), making the
    /// device folder if needed.
    pub fn write(&self, log: &Log, faults: &dyn Faults) -> Result<(), String> {
        let path = &self.path;
        let fail = |e: std::io::Error| format!("cannot write this computer's log {}: {e}", path.display());
        if log.unconfirmed.is_empty() && log.written.is_none() {
            return match fs::remove_file(path) {
                Err(e) if e.kind() != ErrorKind::NotFound => Err(fail(e)),
                _ => Ok(()),
            };
        }
        self.device.make().map_err(fail)?;
        let config = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").new_line("\n").depth_limit(3);
        let mut text = ron::ser::to_string_pretty(log, config).map_err(|e| e.to_string())?;
        text.push('\n');
        write_atomic(path, text.as_bytes(), faults).map_err(fail)
    }
}

fn aside_path(path: &Path) -> PathBuf {
    path.with_extension("unreadable.ron")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Person, Removed};
    use crate::storage::atomic::NoFaults;

    #[test]
    fn a_log_round_trips_and_an_unreadable_one_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::new(dir.path(), &Id("j".into()));
        let journal = dir.path().join("journal.ron");
        let file = LogFile::new(device.clone(), &journal);
        assert_eq!(file.read(), (Log::default(), None));
        let mut log = Log { written: Some(7), ..Log::default() };
        log.unconfirmed.removed.push(Removed { id: Id("x".into()), at: 5, by: Person::B });
        file.write(&log, &NoFaults).unwrap();
        assert_eq!(file.read(), (log, None));
        fs::write(device.log_path(&journal), "(written: oops").unwrap();
        let (empty, warning) = file.read();
        assert_eq!(empty, Log::default());
        assert!(warning.unwrap().contains("does not read"));
        assert_eq!(fs::read_to_string(aside_path(&device.log_path(&journal))).unwrap(), "(written: oops");
        file.write(&Log::default(), &NoFaults).unwrap();
        assert!(!device.log_path(&journal).exists());
    }
}
