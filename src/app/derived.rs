//! Figures derived from the journal that cost too much to compute on every
//! frame (a journal of years holds tens of thousands of entries), kept
//! until a change can move them. The journal stays the only source of
//! truth: everything here is recomputed from it on demand.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{NaiveDate, Weekday};

use crate::domain::{Change, CommitmentFigures, Id, LongGameFigures, RepairReview, Week, WeekPart, WeekReview};

/// What the app remembers between frames. Keyed by the app's revision
/// (which every change moves) or, for the commitments' figures, forgotten
/// change by change.
#[derive(Debug, Default)]
pub struct Derived {
    pub figures: FiguresCache,
    /// The Balance tab's review: (revision, week, today).
    pub review: Memo<(u64, Week, NaiveDate), WeekReview>,
    /// The two weeks of the last review, each (revision, week, today): a
    /// step to the next or the previous week computes one week, not two.
    pub week_parts: Kept<(u64, Week, NaiveDate), WeekPart>,
    /// The review's open repair, which no step of the week moves:
    /// (revision, today).
    pub open_repair: Memo<(u64, NaiveDate), Option<RepairReview>>,
    /// The Repair tab's long game: (revision, repair, today).
    pub long_game: Memo<(u64, Id, NaiveDate), LongGameFigures>,
    /// The indexes of the commitments due on a day: (revision, day).
    pub due: Memo<(u64, NaiveDate), Vec<usize>>,
    /// The Balance tab's "noticed only" line: (revision).
    pub noticed_daily: Memo<u64, Vec<crate::domain::chart::DaySummary>>,
    /// What Today shows beside each entry of a day: (revision, day).
    pub marks: Memo<(u64, NaiveDate), Vec<crate::app::notice::Marks>>,
}

/// The last value computed and the inputs it was computed from.
#[derive(Debug)]
pub struct Memo<K, V> {
    last: RefCell<Option<(K, Rc<V>)>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { last: RefCell::new(None) }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`: the remembered one if `key` is the same, else
    /// `compute()`'s, remembered.
    pub fn get(&self, key: K, compute: impl FnOnce() -> V) -> Rc<V> {
        if let Some((last, value)) = self.last.borrow().as_ref()
            && *last == key
        {
            return Rc::clone(value);
        }
        let value = Rc::new(compute());
        *self.last.borrow_mut() = Some((key, Rc::clone(&value)));
        value
    }
}

/// The values of the last call, by key: each call names all the values it
/// needs, and exactly those are kept for the next, so what the last call
/// used is reused and nothing older is kept.
#[derive(Debug)]
pub struct Kept<K, V> {
    last: RefCell<Vec<(K, Rc<V>)>>,
}

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept { last: RefCell::new(Vec::new()) }
    }
}

impl<K: PartialEq + Clone, V> Kept<K, V> {
    /// The values for `keys`: those the last call had, the others from
    /// `compute`.
    pub fn get<const N: usize>(&self, keys: [K; N], mut compute: impl FnMut(&K) -> V) -> [Rc<V>; N] {
        let mut last = self.last.borrow_mut();
        let values = keys.clone().map(|key| match last.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => Rc::clone(value),
            None => Rc::new(compute(&key)),
        });
        *last = keys.into_iter().zip(values.iter().map(Rc::clone)).collect();
        values
    }
}

/// Each commitment's figures (streaks walk its whole history), valid for
/// one `today` and first day of the week, and kept until a change touches
/// that commitment.
#[derive(Debug, Default)]
pub struct FiguresCache {
    figures: RefCell<HashMap<Id, Rc<CommitmentFigures>>>,
    at: RefCell<Option<(NaiveDate, Weekday)>>,
}

impl FiguresCache {
    pub fn get(
        &self,
        id: &Id,
        today: NaiveDate,
        week_starts_on: Weekday,
        compute: impl FnOnce() -> CommitmentFigures,
    ) -> Rc<CommitmentFigures> {
        if *self.at.borrow() != Some((today, week_starts_on)) {
            self.figures.borrow_mut().clear();
            *self.at.borrow_mut() = Some((today, week_starts_on));
        }
        if let Some(figures) = self.figures.borrow().get(id) {
            return Rc::clone(figures);
        }
        let figures = Rc::new(compute());
        self.figures.borrow_mut().insert(id.clone(), Rc::clone(&figures));
        figures
    }

    /// Forgets the figures `change` can move: those of the commitments it
    /// adds, replaces or removes or whose outcomes it sets, or all of them
    /// when it replaces the settings.
    pub fn forget(&self, change: &Change) {
        let mut figures = self.figures.borrow_mut();
        let mut forget = |id: &Id| drop(figures.remove(id));
        forget_touched(change, &mut forget, &mut || *self.at.borrow_mut() = None);
    }
}

fn forget_touched(change: &Change, one: &mut dyn FnMut(&Id), all: &mut dyn FnMut()) {
    match change {
        Change::AddOutcome(o) => one(&o.commitment),
        Change::RemoveOutcome { commitment, .. } | Change::RemoveCommitment(commitment) => one(commitment),
        Change::AddCommitment(c) | Change::ReplaceCommitment(c) => one(&c.id),
        Change::SetSettings(_) => all(),
        Change::Batch(changes) => changes.iter().for_each(|c| forget_touched(c, one, all)),
        Change::AddEntry(_)
        | Change::RemoveEntry(_)
        | Change::ReplaceEntry(_)
        | Change::SetCheckIn(_)
        | Change::RemoveCheckIn(..)
        | Change::AddRepair(_)
        | Change::ReplaceRepair(_)
        | Change::RemoveRepair(_)
        | Change::SetPeople(_)
        | Change::Bury(_)
        | Change::Unbury(_)
        | Change::Keep(_)
        | Change::Forget(_)
        | Change::Notice(_)
        | Change::Unnotice(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_memo_computes_once_per_key() {
        let memo = Memo::default();
        let runs = Cell::new(0);
        let compute = |v: u32| {
            runs.set(runs.get() + 1);
            v
        };
        assert_eq!(*memo.get(1, || compute(10)), 10);
        assert_eq!(*memo.get(1, || compute(99)), 10);
        assert_eq!(*memo.get(2, || compute(20)), 20);
        assert_eq!(runs.get(), 2);
    }

    #[test]
    fn kept_values_are_those_of_the_last_call() {
        let kept = Kept::default();
        let runs = Cell::new(0);
        let compute = |k: &u32| {
            runs.set(runs.get() + 1);
            *k * 10
        };
        assert_eq!(kept.get([3, 2], compute).map(|v| *v), [30, 20]);
        assert_eq!(runs.get(), 2);
        // A step back: 2 is kept, only 1 is computed.
        assert_eq!(kept.get([2, 1], compute).map(|v| *v), [20, 10]);
        assert_eq!(runs.get(), 3);
        // A step forward: 2 is kept again; 3, not in the last call, is
        // computed again.
        assert_eq!(kept.get([3, 2], compute).map(|v| *v), [30, 20]);
        assert_eq!(runs.get(), 4);
        // Nothing older than the last call is kept.
        assert_eq!(kept.get([1, 0], compute).map(|v| *v), [10, 0]);
        assert_eq!(runs.get(), 6);
    }

    fn figures(streak: u32) -> CommitmentFigures {
        CommitmentFigures { current_streak: streak, best_streak: streak, kept_rate: None, grid: Vec::new() }
    }

    #[test]
    fn figures_are_forgotten_for_the_commitment_a_change_touches_and_on_a_new_day() {
        let cache = FiguresCache::default();
        let (a, b) = (Id::from("A"), Id::from("B"));
        let day = d("2026-11-26");
        cache.get(&a, day, Weekday::Mon, || figures(1));
        cache.get(&b, day, Weekday::Mon, || figures(1));
        let marked = Change::Batch(vec![Change::RemoveOutcome { commitment: a.clone(), date: day }]);
        cache.forget(&marked);
        assert_eq!(cache.get(&a, day, Weekday::Mon, || figures(2)).current_streak, 2);
        assert_eq!(cache.get(&b, day, Weekday::Mon, || figures(2)).current_streak, 1);
        // A new day, or another first day of the week, moves them all.
        assert_eq!(cache.get(&b, d("2026-11-27"), Weekday::Mon, || figures(3)).current_streak, 3);
        assert_eq!(cache.get(&b, d("2026-11-27"), Weekday::Sun, || figures(4)).current_streak, 4);
        cache.forget(&Change::SetSettings(Box::default()));
        assert_eq!(cache.get(&b, d("2026-11-27"), Weekday::Sun, || figures(5)).current_streak, 5);
    }
}
