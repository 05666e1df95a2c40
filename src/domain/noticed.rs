//! "I noticed": the partner who received a deposit says it was seen.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Id, Person};

/// One person's note that they noticed an entry recording their partner's
/// behaviour, with an optional short word ("it meant a lot"). Its own
/// record, so it merges like any other; taking it back removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Noticed {
    pub id: Id,
    pub entry: Id,
    pub at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub word: String,
    #[serde(default)]
    pub by: Person,
    #[serde(default)]
    pub updated: u64,
}

/// Each entry's "noticed" records, found in one walk.
pub fn by_entry(noticed: &[Noticed]) -> std::collections::HashMap<&Id, Vec<&Noticed>> {
    let mut out: std::collections::HashMap<&Id, Vec<&Noticed>> = std::collections::HashMap::new();
    for n in noticed {
        out.entry(&n.entry).or_default().push(n);
    }
    out
}
