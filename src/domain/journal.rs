//! The whole journal: settings, entries, commitments, outcomes, check-ins,
//! repairs. This is exactly what the RON file holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    CheckIn, Commitment, Entry, Id, Noticed, OutcomeRecord, People, Person, Removed, Repair, Settings, Version,
};

/// The file format this build writes. A file with a higher `version` was
/// written by a newer trustbank and is opened read-only; version 1 (one
/// person's journal) is read and becomes version 2 on the first save.
pub const FORMAT_VERSION: u32 = 2;

/// Everything a couple has written down, in one value.
///
/// `entries` are kept in ledger order (see [`Entry::sort_key`]),
/// `check_ins` and `outcomes` in date order, so a day's lines are one binary
/// search away. `id` names the journal, so two copies of it can be told
/// from two journals; `removed` and `versions` hold what was removed and
/// what was there before (see [`super::merge`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    #[serde(default)]
    pub id: Id,
    #[serde(default)]
    pub people: People,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub outcomes: Vec<OutcomeRecord>,
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    #[serde(default)]
    pub repairs: Vec<Repair>,
    #[serde(default)]
    pub noticed: Vec<Noticed>,
    #[serde(default)]
    pub removed: Vec<Removed>,
    #[serde(default)]
    pub versions: Vec<Version>,
}

impl Default for Journal {
    fn default() -> Journal {
        Journal {
            version: FORMAT_VERSION,
            id: Id::default(),
            people: People::default(),
            settings: Settings::default(),
            entries: Vec::new(),
            commitments: Vec::new(),
            outcomes: Vec::new(),
            check_ins: Vec::new(),
            repairs: Vec::new(),
            noticed: Vec::new(),
            removed: Vec::new(),
            versions: Vec::new(),
        }
    }
}

fn outcome_key(o: &OutcomeRecord) -> (NaiveDate, &str) {
    (o.date, o.commitment.as_str())
}

fn sort_by_id<T>(list: &mut [T], id: impl Fn(&T) -> &Id) {
    if !list.is_sorted_by(|a, b| id(a) <= id(b)) {
        list.sort_by(|a, b| id(a).cmp(id(b)));
    }
}

impl Journal {
    /// Puts entries and check-ins in their canonical order (after a load or
    /// a hand edit). Stable, so equal keys keep their file order.
    /// Commitments, repairs, agreements, "noticed" and tombstones go in id
    /// order (ids grow in the order records were made), the history by
    /// record and time: one order for every copy, so two copies holding
    /// the same records are the same value.
    pub fn normalize(&mut self) {
        if !self.entries.is_sorted_by(|a, b| a.sort_key() <= b.sort_key()) {
            self.entries.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        if !self.check_ins.is_sorted_by_key(|c| (c.date, c.by)) {
            self.check_ins.sort_by_key(|c| (c.date, c.by));
        }
        if !self.outcomes.is_sorted_by(|a, b| outcome_key(a) <= outcome_key(b)) {
            self.outcomes.sort_by(|a, b| outcome_key(a).cmp(&outcome_key(b)));
        }
        sort_by_id(&mut self.commitments, |c| &c.id);
        sort_by_id(&mut self.repairs, |r| &r.id);
        for r in &mut self.repairs {
            sort_by_id(&mut r.make_it_right.agreements, |a| &a.id);
        }
        sort_by_id(&mut self.noticed, |n| &n.id);
        if !self.removed.is_sorted() {
            self.removed.sort();
        }
        let order = |a: &Version, b: &Version| {
            (a.of(), a.updated()).cmp(&(b.of(), b.updated())).then_with(|| {
                let text = |v: &Version| serde_json::to_string(v).unwrap_or_default();
                if a == b { std::cmp::Ordering::Equal } else { text(a).cmp(&text(b)) }
            })
        };
        if !self.versions.is_sorted_by(|a, b| order(a, b).is_le()) {
            self.versions.sort_by(order);
        }
    }

    /// The id of every record: entries, commitments, check-ins, repairs and
    /// their agreements.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        let repairs = self
            .repairs
            .iter()
            .flat_map(|r| std::iter::once(&r.id).chain(r.make_it_right.agreements.iter().map(|a| &a.id)));
        self.entries
            .iter()
            .map(|e| &e.id)
            .chain(self.commitments.iter().map(|c| &c.id))
            .chain(self.check_ins.iter().map(|c| &c.id))
            .chain(self.outcomes.iter().map(|o| &o.id))
            .chain(self.noticed.iter().map(|n| &n.id))
            .chain(repairs)
    }

    /// The outcomes recorded on days `from..=to`.
    pub fn outcomes_between(&self, from: NaiveDate, to: NaiveDate) -> &[OutcomeRecord] {
        let start = self.outcomes.partition_point(|o| o.date < from);
        let end = self.outcomes.partition_point(|o| o.date <= to).max(start);
        &self.outcomes[start..end]
    }

    /// Adds an outcome in (date, commitment) order.
    pub fn insert_outcome(&mut self, record: OutcomeRecord) {
        let index = self.outcomes.partition_point(|o| outcome_key(o) <= outcome_key(&record));
        self.outcomes.insert(index, record);
    }

    /// Adds an entry in ledger order and returns its index.
    pub fn insert_entry(&mut self, entry: Entry) -> usize {
        let index = self.entries.partition_point(|e| e.sort_key() <= entry.sort_key());
        self.entries.insert(index, entry);
        index
    }

    /// Where the entry with `id` is. Searched from the newest: the entries
    /// edited, deleted and undone are nearly always recent ones.
    pub fn entry_index(&self, id: &Id) -> Option<usize> {
        self.entries.iter().rposition(|e| &e.id == id)
    }

    pub fn entry(&self, id: &Id) -> Option<&Entry> {
        self.entry_index(id).map(|i| &self.entries[i])
    }

    /// Removes an entry, returning where it was and what it held.
    pub fn remove_entry(&mut self, id: &Id) -> Option<(usize, Entry)> {
        let index = self.entry_index(id)?;
        Some((index, self.entries.remove(index)))
    }

    /// The index range of the entries on days `from..=to`.
    pub fn entry_range(&self, from: NaiveDate, to: NaiveDate) -> std::ops::Range<usize> {
        let start = self.entries.partition_point(|e| e.date < from);
        let end = self.entries.partition_point(|e| e.date <= to);
        start..end.max(start)
    }

    /// The entries of one journal day, in ledger order.
    pub fn entries_on(&self, date: NaiveDate) -> &[Entry] {
        &self.entries[self.entry_range(date, date)]
    }

    /// `by`'s check-in of `date`.
    pub fn check_in(&self, date: NaiveDate, by: Person) -> Option<&CheckIn> {
        self.check_ins.binary_search_by_key(&(date, by), |c| (c.date, c.by)).ok().map(|i| &self.check_ins[i])
    }

    /// Both people's check-ins of `date`.
    pub fn check_ins_on(&self, date: NaiveDate) -> &[CheckIn] {
        let start = self.check_ins.partition_point(|c| c.date < date);
        let end = self.check_ins.partition_point(|c| c.date <= date).max(start);
        &self.check_ins[start..end]
    }

    /// Records a person's check-in of a day, replacing theirs already
    /// there; returns the replaced one.
    pub fn set_check_in(&mut self, check_in: CheckIn) -> Option<CheckIn> {
        match self.check_ins.binary_search_by_key(&(check_in.date, check_in.by), |c| (c.date, c.by)) {
            Ok(i) => Some(std::mem::replace(&mut self.check_ins[i], check_in)),
            Err(i) => {
                self.check_ins.insert(i, check_in);
                None
            }
        }
    }

    pub fn remove_check_in(&mut self, date: NaiveDate, by: Person) -> Option<CheckIn> {
        let i = self.check_ins.binary_search_by_key(&(date, by), |c| (c.date, c.by)).ok()?;
        Some(self.check_ins.remove(i))
    }
}
