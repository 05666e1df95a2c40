//! Everything that can go wrong with the journal file, each naming the path.

use std::path::PathBuf;

/// Why the journal cannot be written (but can still be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The file was written by a newer trustbank.
    NewerVersion { found: u32 },
    /// No file can be made beside the journal: the folder is read-only (for
    /// this user, or the whole file system).
    FolderNotWritable { error: String },
    /// The journal file's own permissions allow no writing (its owner made
    /// it read-only, `chmod a-w`): trustbank does not replace it.
    FileNotWritable,
    /// The disk is full: not even a small file can be made beside the
    /// journal. Lifted by the first save or look that can make one.
    DiskFull,
    /// The file changed outside and does not parse; it is left as it is
    /// until it parses again. `side` holds this session's journal.
    BrokenOutside { error: String, side: Option<PathBuf> },
}

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadOnly::NewerVersion { found } => write!(
                f,
                "written by a newer trustbank (format {found}; this one writes format {})",
                crate::domain::FORMAT_VERSION
            ),
            ReadOnly::FolderNotWritable { error } => write!(f, "its folder cannot be written ({error})"),
            ReadOnly::FileNotWritable => {
                f.write_str("the file is marked read-only; make it writable (chmod u+w) for trustbank to change it")
            }
            ReadOnly::DiskFull => f.write_str(
                "the disk is full: not even a small file can be made beside the journal; free some space to save again",
            ),
            // The side file first: it is what a person needs, and the
            // footer may cut the rest.
            ReadOnly::BrokenOutside { error, side } => match side {
                Some(side) => write!(
                    f,
                    "this window's journal is kept in {}; the file changed outside and does not parse ({error})",
                    side.file_name().map_or_else(|| side.display().to_string(), |n| n.to_string_lossy().into()),
                ),
                None => write!(f, "the file changed outside and does not parse ({error})"),
            },
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
    #[error("{} names a folder (it ends in /); give the journal file's name, e.g. {}", .path.display(), .path.join("journal.ron").display())]
    NamesAFolder { path: PathBuf },
    #[error("{path} is not a regular file (a pipe or a device?); a journal is a plain file")]
    NotAFile { path: PathBuf },
    #[error(
        "the journal's file name is {len} bytes long; names of up to {max} leave room for its temporary files: choose a shorter one ({path})"
    )]
    NameTooLong { path: PathBuf, len: usize, max: usize },
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
    // The reason before the path: the footer keeps the start of it.
    #[error("cannot save: {}; the journal is {path}", why(.source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot write the backup {path}: {}", why(.source))]
    Backup { path: PathBuf, source: std::io::Error },
    #[error("cannot lock: {}; the lock file is {path}", why(.source))]
    Lock { path: PathBuf, source: std::io::Error },
    #[error("another trustbank has been saving {path} for {} seconds; try again in a moment", super::lock::WAIT.as_secs())]
    Busy { path: PathBuf },
    #[error("{path} changed since it was read; nothing was written over it")]
    ChangedOutside { path: PathBuf },
    #[error("cannot turn the journal into RON: {0}")]
    Serialize(String),
}

impl StorageError {
    /// The error of a file that does not read, naming `newest` as the
    /// backup to turn to (found only once there is an error to name it in:
    /// a file that reads needs no look into the backups folder).
    pub fn with_backup(mut self, newest: impl FnOnce() -> Option<PathBuf>) -> StorageError {
        use StorageError::*;
        if let NotUtf8 { backup, .. }
        | Empty { backup, .. }
        | Parse { backup, .. }
        | UnknownVersion { backup, .. }
        | Invalid { backup, .. }
        | Unsound { backup, .. } = &mut self
            && backup.is_none()
        {
            *backup = newest();
        }
        self
    }
}

/// The system's reason, said plainly first when the disk is full (its own
/// words, "No space left on device", stay for a search).
fn why(e: &std::io::Error) -> String {
    if super::store::disk_full(e) { format!("the disk is full ({e})") } else { e.to_string() }
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
