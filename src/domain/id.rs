//! Stable unique ids, so two copies of a journal can be merged later.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A ULID string (26 characters, sortable by creation time). Ids are made by
/// the caller (see [`Id::generate`]) so the domain itself stays free of clocks
/// and randomness.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// A fresh ULID for a record made at `millis` since the Unix epoch.
    pub fn generate(millis: u64) -> Id {
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis);
        Id(ulid::Ulid::from_datetime(time).to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(s.to_string())
    }
}
