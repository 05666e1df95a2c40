//! One dated line of the ledger.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Amount, Cents, Id, Person};

/// Deposit adds, withdrawal subtracts, wipe sets the balance to exactly $0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    Deposit,
    Withdrawal,
    /// A withdrawal that brings the balance to $0 whatever it was.
    Wipe,
}

impl EntryKind {
    /// True for the kinds that count as negative events.
    pub fn is_withdrawal(self) -> bool {
        matches!(self, EntryKind::Withdrawal | EntryKind::Wipe)
    }

    pub fn sign(self) -> char {
        if self.is_withdrawal() { '-' } else { '+' }
    }

    /// "deposit", "withdrawal", "wipe".
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Deposit => "deposit",
            EntryKind::Withdrawal => "withdrawal",
            EntryKind::Wipe => "wipe",
        }
    }
}

/// One deposit, withdrawal or wipe.
///
/// `date` is the journal day it belongs to (see [`super::journal_day`]);
/// `at` the moment it happened, with the offset of the person who wrote it
/// down (files written before there was a time to give hold the moment it
/// was written). The ledger is ordered by (`date`, `at`, `id`), and ids grow
/// in the order entries were added (see [`Id::generate`]), so the ledger
/// order is the order things happened. A wipe's `amount` is 0: its effect
/// depends on the balance before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Id,
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    pub amount: Amount,
    pub category: String,
    /// Whose behaviour it records.
    #[serde(default)]
    pub who: Person,
    #[serde(default)]
    pub note: String,
    /// The commitment whose outcome posted this entry, for the occurrence on
    /// `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Id>,
    /// Who wrote it down (and alone may change it).
    #[serde(default)]
    pub by: Person,
    /// When it was last written, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub updated: u64,
}

impl Entry {
    /// The balance after this entry, given the balance before it.
    pub fn apply(&self, before: Cents) -> Cents {
        match self.kind {
            EntryKind::Deposit => before + self.amount.signed(),
            EntryKind::Withdrawal => before - self.amount.signed(),
            EntryKind::Wipe => Cents::ZERO,
        }
    }

    /// The ledger order: by journal day, then by the moment it happened
    /// (as an instant: offsets do not matter), then by id, so entries of
    /// the same moment keep the order they were added in. Total: every copy
    /// of a journal sorts the same way.
    pub fn sort_key(&self) -> (NaiveDate, DateTime<FixedOffset>, &str) {
        (self.date, self.at, self.id.as_str())
    }
}
