//! Stable unique ids, so two copies of a journal can be merged later.

use std::fmt;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// A ULID string (26 characters, sortable by creation time). Ids are made by
/// the caller (see [`Id::generate`]) so the domain itself stays free of clocks
/// and randomness.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// A fresh ULID for a record made at `millis` since the Unix epoch.
    /// Ids made in the same millisecond still sort in the order they were
    /// made, so records written at the same moment keep their order.
    pub fn generate(millis: u64) -> Id {
        static GENERATOR: Mutex<Option<ulid::Generator>> = Mutex::new(None);
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis);
        let mut generator = GENERATOR.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let ulid = generator
            .get_or_insert_with(ulid::Generator::new)
            .generate_from_datetime(time)
            // Only 2^80 ids in one millisecond overflow; fall back to random.
            .unwrap_or_else(|_| ulid::Ulid::from_datetime(time));
        Id(ulid.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_in_one_millisecond_keep_their_order() {
        let ids: Vec<Id> = (0..100).map(|_| Id::generate(1_800_000_000_000)).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert!(ids.iter().all(|id| id.as_str().len() == 26));
    }
}
