//! Everything that can go wrong with the journal file, each naming the path.

use std::path::PathBuf;

/// Why the journal cannot be written (but can still be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another trustbank holds the lock.
    InUse { pid: Option<u32> },
    /// The file was written by a newer trustbank.
    NewerVersion { found: u32 },
    /// The lock file cannot be made: the folder is read-only (for this user,
    /// or the whole file system).
    FolderNotWritable { error: String },
    /// Another trustbank wrote the file after this one read it without the
    /// lock (its folder did not exist yet); saving would replace that.
    ChangedElsewhere,
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::InUse { pid: Some(pid) } => {
                write!(f, "in use by another trustbank (process {pid})")
            }
            ReadOnly::InUse { pid: None } => f.write_str("in use by another trustbank"),
            ReadOnly::NewerVersion { found } => write!(
                f,
                "written by a newer trustbank (format {found}; this one writes format {})",
                crate::domain::FORMAT_VERSION
            ),
            ReadOnly::FolderNotWritable { error } => write!(f, "its folder cannot be written ({error})"),
            ReadOnly::ChangedElsewhere => f.write_str(
                "another trustbank wrote it after this one read it; start trustbank again to see both changes",
            ),
        }
    }
}

/// A storage failure. Every message is one plain sentence naming the path.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot find a home folder for the journal; choose a file with --file PATH")]
    NoHome,
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is a folder, not a journal file")]
    IsADirectory { path: PathBuf },
    #[error("{path} is not valid UTF-8 text (line {line}, column {column}){}", backup_hint(.backup))]
    NotUtf8 { path: PathBuf, line: usize, column: usize, backup: Option<PathBuf> },
    #[error("{path} is empty; a trustbank journal starts with \"(version: 1\"; move the file away to start a new journal{}", backup_hint(.backup))]
    Empty { path: PathBuf, backup: Option<PathBuf> },
    #[error("{path}:{line}:{column}: {message}; the file was left untouched{}", backup_hint(.backup))]
    Parse { path: PathBuf, line: usize, column: usize, message: String, backup: Option<PathBuf> },
    #[error(
        "{path} was written by a newer trustbank (format {found}; this one reads format {supported}); please update trustbank"
    )]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{path}:{line}:{column}: version {found} is not a format any trustbank wrote (this one writes format {}); the file was left untouched{}", crate::domain::FORMAT_VERSION, backup_hint(.backup))]
    UnknownVersion { path: PathBuf, line: usize, column: usize, found: u32, backup: Option<PathBuf> },
    #[error("{path} {}; fix {} by hand or restore a backup{}", counted(.problems), if .problems.len() == 1 { "it" } else { "them" }, backup_hint(.backup))]
    Invalid { path: PathBuf, problems: Vec<String>, backup: Option<PathBuf> },
    /// What the loader's checks found, each problem with the line and column
    /// of the record it is about (when the file shows where).
    #[error("{}; fix {} by hand or restore a backup{}", located(.path, .problems), if .problems.len() == 1 { "it" } else { "them" }, backup_hint(.backup))]
    Unsound { path: PathBuf, problems: Vec<Located>, backup: Option<PathBuf> },
    #[error("{path} is read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: ReadOnly },
    #[error("cannot save {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot write the backup {path}: {source}")]
    Backup { path: PathBuf, source: std::io::Error },
    #[error("cannot lock {path}: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
    #[error("cannot turn the journal into RON: {0}")]
    Serialize(String),
}

/// One problem of [`StorageError::Unsound`] and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: Option<(usize, usize)>,
    pub problem: String,
}

/// `has a problem: …` or `has 3 problems: …; …`.
fn counted(problems: &[String]) -> String {
    match problems {
        [one] => format!("has a problem: {one}"),
        _ => format!("has {} problems: {}", problems.len(), problems.join("; ")),
    }
}

/// `journal.ron:12:17: …`, then the next few as `line 40:13: …`. A file
/// with thousands of problems is not a journal worth listing in full.
fn located(path: &std::path::Path, problems: &[Located]) -> String {
    const SHOWN: usize = 5;
    let mut out = String::new();
    for (i, p) in problems.iter().take(SHOWN).enumerate() {
        let at = match (i, p.line) {
            (0, Some((line, column))) => format!("{}:{line}:{column}: ", path.display()),
            (0, None) => format!("{}: ", path.display()),
            (_, Some((line, column))) => format!("; also line {line}:{column}: "),
            (_, None) => "; also ".to_string(),
        };
        out.push_str(&at);
        out.push_str(&p.problem);
    }
    if problems.len() > SHOWN {
        out.push_str(&format!("; and {} more problems", problems.len() - SHOWN));
    }
    out
}

fn backup_hint(backup: &Option<PathBuf>) -> String {
    match backup {
        Some(b) => format!(" (the newest backup is {})", b.display()),
        None => " (no backup exists yet)".to_string(),
    }
}
