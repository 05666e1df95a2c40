//! The balance over time, summarised per day once and per chart column on
//! demand, so a chart costs the same for 100 entries or 50,000: no more
//! points than the chart has columns, and each column keeps its lowest and
//! highest balance so a wipe is never smoothed away.

use chrono::NaiveDate;

use super::{Balances, Cents, Entry, EntryKind};

/// One journal day that has entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySummary {
    pub date: NaiveDate,
    /// The balance at the start of the day.
    pub open: Cents,
    pub low: Cents,
    pub high: Cents,
    /// The balance at the end of the day.
    pub close: Cents,
    pub wipe: bool,
}

/// Every day with entries, in date order: one pass over the ledger.
pub fn daily(entries: &[Entry], balances: &Balances) -> Vec<DaySummary> {
    let mut days = Vec::new();
    daily_from(&mut days, entries, balances, 0);
    days
}

/// Brings `days` in step after the ledger changed from entry `index` on
/// (as [`Balances::recompute_from`] does for balances): the days before the
/// change are kept, the rest rebuilt. An entry removed at `index` lay on or
/// after the day of the entry before it, so rebuilding from that day covers
/// inserts, removals and moves alike.
pub fn daily_from(days: &mut Vec<DaySummary>, entries: &[Entry], balances: &Balances, index: usize) {
    let from_day = index.checked_sub(1).and_then(|i| entries.get(i)).map(|e| e.date);
    let (keep, first) = match from_day {
        Some(day) => (days.partition_point(|d| d.date < day), entries.partition_point(|e| e.date < day)),
        None => (0, 0),
    };
    days.truncate(keep);
    for (i, e) in entries.iter().enumerate().skip(first) {
        let (before, after) = (balances.before(i), balances.after(i));
        match days.last_mut() {
            Some(day) if day.date == e.date => {
                day.low = day.low.min(after);
                day.high = day.high.max(after);
                day.close = after;
                day.wipe |= e.kind == EntryKind::Wipe;
            }
            _ => days.push(DaySummary {
                date: e.date,
                open: before,
                low: before.min(after),
                high: before.max(after),
                close: after,
                wipe: e.kind == EntryKind::Wipe,
            }),
        }
    }
}

/// The days of the balance as it would be counting only the deposits the
/// partner noticed (withdrawals and wipes as they are): the Balance tab's
/// second line. Information, never a score.
pub fn noticed_only(journal: &super::Journal) -> Vec<DaySummary> {
    let noticed: std::collections::HashSet<&super::Id> = journal.noticed.iter().map(|n| &n.entry).collect();
    let entries: Vec<Entry> =
        journal.entries.iter().filter(|e| e.kind != EntryKind::Deposit || noticed.contains(&e.id)).cloned().collect();
    daily(&entries, &Balances::compute(&entries))
}

/// One column of the chart: a span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub low: Cents,
    pub high: Cents,
    pub close: Cents,
    pub wipe: bool,
}

/// The days `from..=to` folded into at most `width` columns.
pub fn columns(days: &[DaySummary], from: NaiveDate, to: NaiveDate, width: usize) -> Vec<Column> {
    if width == 0 || to < from {
        return Vec::new();
    }
    let span = (to - from).num_days() as usize + 1;
    let count = width.min(span);
    // The balance carried into the range: the close of the last day before it.
    let start = days.partition_point(|d| d.date < from);
    let mut balance = start.checked_sub(1).map_or(Cents::ZERO, |i| days[i].close);
    let mut next = start;
    let mut out = Vec::with_capacity(count);
    for c in 0..count {
        // Column c covers days [c*span/count, (c+1)*span/count).
        let first = from + chrono::Duration::days((c * span / count) as i64);
        let last = from + chrono::Duration::days(((c + 1) * span / count) as i64 - 1);
        let mut col = Column { first, last, low: balance, high: balance, close: balance, wipe: false };
        while next < days.len() && days[next].date <= last {
            let d = &days[next];
            col.low = col.low.min(d.low);
            col.high = col.high.max(d.high);
            col.close = d.close;
            col.wipe |= d.wipe;
            balance = d.close;
            next += 1;
        }
        out.push(col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::{Deposit, Wipe, Withdrawal};
    use crate::domain::test_support::entry;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_day_keeps_its_open_low_high_and_close() {
        let entries =
            [entry("2026-01-01", Deposit, 500), entry("2026-01-02", Wipe, 0), entry("2026-01-02", Deposit, 30)];
        let days = daily(&entries, &Balances::compute(&entries));
        assert_eq!(days.len(), 2);
        assert_eq!(
            days[1],
            DaySummary {
                date: d("2026-01-02"),
                open: Cents(500),
                low: Cents(0),
                high: Cents(500),
                close: Cents(30),
                wipe: true
            }
        );
    }

    #[test]
    fn a_wipe_survives_folding_a_year_into_ten_columns() {
        let mut entries: Vec<Entry> =
            d("2026-01-01").iter_days().take(365).map(|day| entry(&day.to_string(), Deposit, 100)).collect();
        entries.insert(200, entry("2026-07-19", Wipe, 0));
        let days = daily(&entries, &Balances::compute(&entries));
        let cols = columns(&days, d("2026-01-01"), d("2026-12-31"), 10);
        assert_eq!(cols.len(), 10);
        let wiped: Vec<&Column> = cols.iter().filter(|c| c.wipe).collect();
        assert_eq!(wiped.len(), 1);
        assert_eq!(wiped[0].low, Cents(0), "the drop to $0 is kept");
        assert!(wiped[0].high >= Cents(19_900));
        assert_eq!(cols[0].first, d("2026-01-01"));
        assert_eq!(cols[9].last, d("2026-12-31"));
    }

    #[test]
    fn days_without_entries_carry_the_balance() {
        let entries = [entry("2025-12-01", Deposit, 40), entry("2026-01-05", Withdrawal, 100)];
        let days = daily(&entries, &Balances::compute(&entries));
        let cols = columns(&days, d("2026-01-01"), d("2026-01-07"), 7);
        assert_eq!(cols[0].close, Cents(40));
        assert_eq!(
            cols[4],
            Column {
                first: d("2026-01-05"),
                last: d("2026-01-05"),
                low: Cents(-60),
                high: Cents(40),
                close: Cents(-60),
                wipe: false
            }
        );
        assert_eq!(cols[6].close, Cents(-60));
    }

    #[test]
    fn the_noticed_line_counts_only_noticed_deposits_and_every_withdrawal() {
        let mut j = crate::domain::Journal::default();
        let seen = entry("2026-01-01", Deposit, 500);
        j.noticed.push(crate::domain::Noticed {
            id: crate::domain::Id::from("N1"),
            entry: seen.id.clone(),
            at: seen.at,
            word: String::new(),
            by: crate::domain::Person::B,
            updated: 1,
        });
        for e in [seen, entry("2026-01-01", Deposit, 300), entry("2026-01-02", Withdrawal, 100)] {
            j.insert_entry(e);
        }
        let days = noticed_only(&j);
        let closes: Vec<(NaiveDate, Cents)> = days.iter().map(|d| (d.date, d.close)).collect();
        assert_eq!(closes, [(d("2026-01-01"), Cents(500)), (d("2026-01-02"), Cents(400))]);
        // Nothing noticed: the withdrawals alone.
        j.noticed.clear();
        assert_eq!(noticed_only(&j).last().map(|d| d.close), Some(Cents(-100)));
    }

    proptest! {
        #[test]
        fn rebuilding_from_a_change_equals_a_full_pass(
            days in prop::collection::vec(0i64..30, 1..60),
            change in 0i64..30,
            remove in any::<bool>(),
        ) {
            let mut entries: Vec<Entry> = days
                .iter()
                .map(|day| entry(&(d("2026-01-01") + chrono::Duration::days(*day)).to_string(), Deposit, 10))
                .collect();
            entries.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let mut balances = Balances::compute(&entries);
            let mut summary = daily(&entries, &balances);
            let index = if remove {
                let i = (change as usize) % entries.len();
                entries.remove(i);
                i
            } else {
                let new = entry(&(d("2026-01-01") + chrono::Duration::days(change)).to_string(), Withdrawal, 7);
                let i = entries.partition_point(|e| e.sort_key() <= new.sort_key());
                entries.insert(i, new);
                i
            };
            balances.recompute_from(&entries, index);
            daily_from(&mut summary, &entries, &balances, index);
            prop_assert_eq!(summary, daily(&entries, &balances));
        }

        #[test]
        fn never_more_points_than_columns_and_extremes_kept(
            amounts in prop::collection::vec((0u8..3, 1u64..1000, 0i64..400), 1..300),
            width in 1usize..120,
        ) {
            let mut entries: Vec<Entry> = amounts
                .iter()
                .map(|(k, c, day)| {
                    let date = (d("2026-01-01") + chrono::Duration::days(*day)).to_string();
                    match k { 0 => entry(&date, Deposit, *c), 1 => entry(&date, Withdrawal, *c), _ => entry(&date, Wipe, 0) }
                })
                .collect();
            entries.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let balances = Balances::compute(&entries);
            let days = daily(&entries, &balances);
            let cols = columns(&days, d("2026-01-01"), d("2027-02-04"), width);
            prop_assert!(cols.len() <= width);
            let all_low = (0..entries.len()).map(|i| balances.after(i)).min().unwrap();
            let all_high = (0..entries.len()).map(|i| balances.after(i)).max().unwrap();
            prop_assert_eq!(cols.iter().map(|c| c.low).min().unwrap(), all_low.min(Cents::ZERO));
            prop_assert_eq!(cols.iter().map(|c| c.high).max().unwrap(), all_high.max(Cents::ZERO));
            prop_assert_eq!(cols.iter().filter(|c| c.wipe).count() > 0, entries.iter().any(|e| e.kind == Wipe));
            prop_assert_eq!(cols.last().unwrap().close, balances.current());
        }
    }
}
