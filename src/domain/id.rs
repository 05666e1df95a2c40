//! Stable unique ids, so two copies of a journal can be merged later.

use std::fmt;
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use ulid::Ulid;

/// A ULID string (26 characters, sortable by creation time). Ids are made by
/// the caller (see [`Id::generate`]) so the domain itself stays free of clocks.
///
/// Ids also carry the order records were made in: a new id is always greater
/// than every id made or seen before it in this process (see [`Id::observe`]),
/// so entries of the same moment keep the order they were added in, even
/// when each was added by another process in the same second.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

/// The greatest id made or observed in this process: the floor of the next.
static FLOOR: Mutex<Option<Ulid>> = Mutex::new(None);

fn floor() -> MutexGuard<'static, Option<Ulid>> {
    FLOOR.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Id {
    /// A fresh ULID for a record made at `millis` since the Unix epoch,
    /// greater than every id made or observed before.
    ///
    /// When `millis` is not past the floor's time (same millisecond, a
    /// pinned or slow clock, a file written on a device whose clock runs
    /// ahead), the floor is stepped up by a random amount rather than by
    /// one: two devices that both step up from the same synced file must
    /// not make the same id.
    pub fn generate(millis: u64) -> Id {
        let mut floor = floor();
        let fresh = || Ulid::from_datetime(std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis));
        let ulid = match *floor {
            Some(last) if last.timestamp_ms() >= millis => {
                let step = (Ulid::new().random() as u64 | 1) as u128;
                // Past the last millisecond a ULID can hold (year 10889): random.
                last.0.checked_add(step).map_or_else(fresh, Ulid)
            }
            _ => fresh(),
        };
        *floor = Some(ulid);
        Id(ulid.to_string())
    }

    /// Raises the floor of [`Id::generate`] to the greatest of `ids`, so
    /// records made after a journal was read sort after the journal's own.
    /// Ids that are not canonical ULIDs (hand-written ones) are passed over:
    /// no ULID is made to sort after them.
    pub fn observe<'a>(ids: impl IntoIterator<Item = &'a Id>) {
        let mut greatest: Option<&str> = None;
        for id in ids {
            if greatest.is_none_or(|g| id.0.as_str() > g) && is_canonical_ulid(&id.0) {
                greatest = Some(&id.0);
            }
        }
        if let Some(ulid) = greatest.and_then(|g| Ulid::from_string(g).ok()) {
            let mut floor = floor();
            if floor.is_none_or(|f| f < ulid) {
                *floor = Some(ulid);
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` is a ULID as [`Ulid::to_string`] writes it (upper case,
/// 26 characters), the only spelling whose text order is its time order.
fn is_canonical_ulid(text: &str) -> bool {
    text.len() == 26
        && text.starts_with(|c: char| ('0'..='7').contains(&c))
        && text.bytes().all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"ILOU".contains(&b)))
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

    #[test]
    fn ids_made_after_a_journal_is_seen_sort_after_its_ids() {
        // Written by another process in a millisecond this one has not
        // reached (a pinned clock, a second truncated, a clock behind).
        let theirs = Id(Ulid::from_parts(1_900_000_000_000, 0xFFFF_FFFF_FFFF_FFFF_FFFF).to_string());
        let older = Id(Ulid::from_parts(1_700_000_000_000, 7).to_string());
        Id::observe([&older, &theirs]);
        let mine: Vec<Id> = (0..50).map(|_| Id::generate(1_850_000_000_000)).collect();
        assert!(mine[0] > theirs, "{} after {theirs}", mine[0]);
        assert!(mine.windows(2).all(|w| w[0] < w[1]));
        assert!(mine.iter().all(|id| is_canonical_ulid(id.as_str())));
        // Seeing an older id never lowers the floor.
        Id::observe([&older]);
        assert!(Id::generate(1_700_000_000_000) > mine[49]);
    }

    #[test]
    fn hand_written_ids_are_passed_over() {
        // Lower case or not a ULID at all: text order is not time order.
        let lower = Id("7zzzzzzzzzzzzzzzzzzzzzzzzz".into());
        let short = Id("E1".into());
        let before = Id::generate(1_800_000_000_000);
        Id::observe([&lower, &short]);
        let after = Id::generate(1_800_000_000_000);
        assert!(after > before);
        assert!(after.as_str() < "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "{after}: the floor did not jump to the end of time");
        assert!(!is_canonical_ulid("E1") && !is_canonical_ulid(lower.as_str()));
        assert!(!is_canonical_ulid("01JBADFILE0000000000000001"), "I is not Crockford base 32");
        assert!(is_canonical_ulid(after.as_str()));
    }
}
