//! What the journal file was when this process last read or wrote it, so a
//! save can tell whether anything else wrote it since (a hand edit, a
//! second window, `trustbank add`, a sync tool replacing it by rename).

use std::fs::{self, Metadata};
use std::hash::BuildHasher;
use std::io::ErrorKind;
use std::path::Path;
use std::time::SystemTime;

/// The file system's view of a file: any write or replace changes one of
/// these (a rename brings a new inode, an edit a new time or size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    device: u64,
}

impl Stat {
    pub fn of(meta: &Metadata) -> Stat {
        #[cfg(unix)]
        let (inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.dev())
        };
        #[cfg(not(unix))]
        let (inode, device) = (0, 0);
        Stat { len: meta.len(), modified: meta.modified().ok(), inode, device }
    }

    /// A stat no file has: the next look reads the file.
    pub fn unknown() -> Stat {
        Stat { len: u64::MAX, modified: None, inode: 0, device: 0 }
    }
}

/// The file as last read or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// There was no file.
    Missing,
    /// A file with this stat and this content hash.
    File { stat: Stat, hash: u64 },
}

/// A content hash: equal bytes, equal hash. Not for security, only to tell
/// a file rewritten with the same text (a sync tool, `touch`) from a change.
pub fn hash(bytes: &[u8]) -> u64 {
    foldhash::quality::FixedState::with_seed(0x7275_7374_6261_6e6b).hash_one(bytes)
}

/// What a look at the file found, against what was seen.
#[derive(Debug)]
pub enum Look {
    /// The file is as seen (or has the same content again).
    Same,
    /// It was there and is gone.
    Gone,
    /// Something else wrote it: its bytes, stat and content hash now.
    Changed { bytes: Vec<u8>, stat: Stat, hash: u64 },
}

/// Compares the file at `path` with `seen`. Reads it only when its stat
/// moved; a file whose content hash is unchanged counts as the same (and
/// `seen` is brought up to date), and so does one holding `also`: the text
/// of a save that failed after its rename may or may not be there.
pub fn look(path: &Path, seen: &mut Seen, also: Option<u64>) -> std::io::Result<Look> {
    let meta = match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Ok(match seen {
                Seen::Missing => Look::Same,
                Seen::File { .. } => Look::Gone,
            });
        }
        Err(e) => return Err(e),
        Ok(meta) if meta.is_dir() => return Err(std::io::Error::other("a folder is where the journal was")),
        Ok(meta) if !meta.is_file() => return Err(std::io::Error::other("it is not a regular file")),
        Ok(meta) => meta,
    };
    let stat = Stat::of(&meta);
    if let Seen::File { stat: old, .. } = seen
        && *old == stat
    {
        return Ok(Look::Same);
    }
    let bytes = fs::read(path)?;
    // Read again: the stat of what was read, not of what was there before.
    let stat = fs::metadata(path).map(|m| Stat::of(&m)).unwrap_or(stat);
    let now = hash(&bytes);
    let same = match seen {
        Seen::File { hash: old, .. } => *old == now,
        Seen::Missing => false,
    };
    if same || also == Some(now) {
        *seen = Seen::File { stat, hash: now };
        return Ok(Look::Same);
    }
    Ok(Look::Changed { bytes, stat, hash: now })
}
