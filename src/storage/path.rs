//! Where the journal lives: `--file`, then `TRUSTBANK_FILE`, then the
//! platform's data folder.

use std::ffi::OsString;
use std::path::PathBuf;

use super::StorageError;

/// The environment variable that chooses the journal file.
pub const FILE_ENV: &str = "TRUSTBANK_FILE";

/// The journal's path: the `--file` flag wins, then `TRUSTBANK_FILE` (when
/// not empty), then `journal.ron` in the platform data folder (e.g.
/// `~/.local/share/trustbank/journal.ron`).
pub fn resolve(flag: Option<PathBuf>, env: Option<OsString>) -> Result<PathBuf, StorageError> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = env.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "trustbank")
        .map(|dirs| dirs.data_dir().join("journal.ron"))
        .ok_or(StorageError::NoHome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_environment() {
        let flag = Some(PathBuf::from("/a/flag.ron"));
        let env = Some(OsString::from("/b/env.ron"));
        assert_eq!(resolve(flag, env.clone()).unwrap(), PathBuf::from("/a/flag.ron"));
        assert_eq!(resolve(None, env).unwrap(), PathBuf::from("/b/env.ron"));
    }

    #[test]
    fn otherwise_the_data_folder() {
        // Only where the platform has a home folder, as on every CI machine.
        if let Ok(path) = resolve(None, Some(OsString::new())) {
            assert!(path.ends_with("trustbank/journal.ron"), "{}", path.display());
        }
    }
}
