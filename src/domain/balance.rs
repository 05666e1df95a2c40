//! The running balance: a sum of all entries in ledger order, where a wipe
//! sets it to exactly $0 and anything else may take it below zero.

use std::ops::Range;

use chrono::NaiveDate;

use super::{Cents, Entry, EntryKind, Tally};

/// The balance after each entry of a ledger, and the deposits up to it,
/// computed once and kept in step with the entries, so any day's balance,
/// and the deposits of any span, are a binary search away.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balances {
    after: Vec<Cents>,
    /// The deposits among entries `..=i`.
    deposited: Vec<Tally>,
}

impl Balances {
    pub fn compute(entries: &[Entry]) -> Balances {
        let mut balances = Balances::default();
        balances.recompute_from(entries, 0);
        balances
    }

    /// Brings the cache in step after a change at `index` (an insert, a
    /// removal or an edit): only the balances from there on can move.
    pub fn recompute_from(&mut self, entries: &[Entry], index: usize) {
        let index = index.min(self.after.len()).min(entries.len());
        self.after.truncate(index);
        self.deposited.truncate(index);
        let mut balance = self.before(index);
        let mut deposited = self.deposited_before(index);
        self.after.reserve(entries.len().saturating_sub(index));
        self.deposited.reserve(entries.len().saturating_sub(index));
        for entry in &entries[index..] {
            balance = entry.apply(balance);
            self.after.push(balance);
            if entry.kind == EntryKind::Deposit {
                deposited.count += 1;
                deposited.sum += entry.amount.signed();
            }
            self.deposited.push(deposited);
        }
    }

    fn deposited_before(&self, index: usize) -> Tally {
        index.checked_sub(1).and_then(|i| self.deposited.get(i)).copied().unwrap_or_default()
    }

    /// The deposits among the entries of `range`.
    pub fn deposits(&self, range: Range<usize>) -> Tally {
        let (from, to) = (self.deposited_before(range.start), self.deposited_before(range.end.max(range.start)));
        Tally { count: to.count - from.count, sum: to.sum - from.sum }
    }

    /// The balance before entry `index` (after all entries before it).
    pub fn before(&self, index: usize) -> Cents {
        match index.checked_sub(1) {
            Some(i) => self.after.get(i).copied().unwrap_or_else(|| self.current()),
            None => Cents::ZERO,
        }
    }

    /// The balance after entry `index`.
    pub fn after(&self, index: usize) -> Cents {
        self.before(index + 1)
    }

    /// The balance after the whole ledger.
    pub fn current(&self) -> Cents {
        self.after.last().copied().unwrap_or(Cents::ZERO)
    }

    /// The balance at the end of journal day `date`.
    pub fn at_end_of(&self, entries: &[Entry], date: NaiveDate) -> Cents {
        self.before(entries.partition_point(|e| e.date <= date))
    }

    /// The balance at the start of journal day `date`.
    pub fn at_start_of(&self, entries: &[Entry], date: NaiveDate) -> Cents {
        self.before(entries.partition_point(|e| e.date < date))
    }

    pub fn len(&self) -> usize {
        self.after.len()
    }

    pub fn is_empty(&self) -> bool {
        self.after.is_empty()
    }
}

/// The balance after a ledger, folded from scratch (the reference the cache
/// is tested against).
pub fn fold_balance(entries: &[Entry]) -> Cents {
    entries.iter().fold(Cents::ZERO, |b, e| e.apply(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Wipe, Withdrawal};
    use crate::domain::test_support::entry;
    use proptest::prelude::*;

    #[test]
    fn deposits_add_withdrawals_subtract_and_may_overdraw() {
        let entries =
            [entry("2026-01-01", Deposit, 25), entry("2026-01-02", Withdrawal, 100), entry("2026-01-03", Deposit, 10)];
        let b = Balances::compute(&entries);
        assert_eq!(b.after(0), Cents(25));
        assert_eq!(b.after(1), Cents(-75));
        assert_eq!(b.current(), Cents(-65));
        assert_eq!(fold_balance(&entries), Cents(-65));
    }

    #[test]
    fn a_wipe_sets_the_balance_to_zero_whatever_it_was() {
        let entries = [
            entry("2026-01-01", Deposit, 500),
            entry("2026-01-02", Wipe, 0),
            entry("2026-01-02", Deposit, 10),
            entry("2026-01-03", Withdrawal, 2000),
            entry("2026-01-04", Wipe, 0),
        ];
        let b = Balances::compute(&entries);
        assert_eq!(b.after(1), Cents(0));
        assert_eq!(b.after(2), Cents(10));
        assert_eq!(b.after(3), Cents(-1990));
        // Even an overdrawn balance is set to exactly $0 (SPEC §2).
        assert_eq!(b.current(), Cents(0));
    }

    #[test]
    fn day_balances() {
        let entries =
            [entry("2026-01-01", Deposit, 25), entry("2026-01-03", Deposit, 10), entry("2026-01-03", Withdrawal, 5)];
        let b = Balances::compute(&entries);
        assert_eq!(b.at_end_of(&entries, "2025-12-31".parse().unwrap()), Cents(0));
        assert_eq!(b.at_end_of(&entries, "2026-01-02".parse().unwrap()), Cents(25));
        assert_eq!(b.at_start_of(&entries, "2026-01-03".parse().unwrap()), Cents(25));
        assert_eq!(b.at_end_of(&entries, "2026-01-03".parse().unwrap()), Cents(30));
        assert_eq!(b.at_end_of(&entries, "2027-01-01".parse().unwrap()), Cents(30));
    }

    fn arb_kind() -> impl Strategy<Value = crate::domain::EntryKind> {
        prop_oneof![4 => Just(Deposit), 3 => Just(Withdrawal), 1 => Just(Wipe)]
    }

    proptest! {
        #[test]
        fn the_cache_matches_a_fresh_fold_after_any_change(
            kinds in prop::collection::vec((arb_kind(), 1u64..5000), 0..40),
            at in 0usize..40,
        ) {
            let mut entries: Vec<Entry> = kinds
                .iter()
                .map(|(k, c)| entry("2026-01-01", *k, if *k == Wipe { 0 } else { *c }))
                .collect();
            let mut b = Balances::compute(&entries);
            prop_assert_eq!(b.current(), fold_balance(&entries));
            let at = at.min(entries.len());
            entries.insert(at, entry("2026-01-01", Deposit, 7));
            b.recompute_from(&entries, at);
            prop_assert_eq!(b.current(), fold_balance(&entries));
            for i in 0..entries.len() {
                prop_assert_eq!(b.after(i), fold_balance(&entries[..=i]));
                let deposits: Vec<&Entry> = entries[i..].iter().filter(|e| e.kind == Deposit).collect();
                let sum = deposits.iter().map(|e| e.amount.signed()).fold(Cents::ZERO, |a, c| a + c);
                prop_assert_eq!(b.deposits(i..entries.len()), Tally { count: deposits.len() as u32, sum });
            }
            if !entries.is_empty() {
                let gone = at.min(entries.len() - 1);
                entries.remove(gone);
                b.recompute_from(&entries, gone);
                prop_assert_eq!(b.current(), fold_balance(&entries));
                prop_assert_eq!(b.len(), entries.len());
            }
        }
    }
}
