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
/// A path that ends in `/` names a folder, even one not made yet, and is
/// refused (else the journal would be a file named like the folder).
pub fn resolve(flag: Option<PathBuf>, env: Option<OsString>) -> Result<PathBuf, StorageError> {
    if let Some(path) = flag.or_else(|| env.filter(|p| !p.is_empty()).map(PathBuf::from)) {
        return match path.as_os_str().as_encoded_bytes().last() {
            Some(&last) if std::path::is_separator(last as char) => Err(StorageError::NamesAFolder { path }),
            _ => Ok(path),
        };
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
    fn a_path_ending_in_a_slash_names_a_folder_and_is_refused() {
        let err = resolve(Some(PathBuf::from("/a/journals/")), None).expect_err("a folder");
        assert_eq!(
            err.to_string(),
            "/a/journals/ names a folder (it ends in /); give the journal file's name, e.g. /a/journals/journal.ron"
        );
        assert!(resolve(None, Some(OsString::from("/b/journals/"))).is_err());
    }

    #[test]
    fn otherwise_the_data_folder() {
        // Only where the platform has a home folder, as on every CI machine.
        if let Ok(path) = resolve(None, Some(OsString::new())) {
            assert!(path.ends_with("trustbank/journal.ron"), "{}", path.display());
        }
    }
}
