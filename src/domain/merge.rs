//! Bringing two copies of one journal together (a conflict copy a sync tool
//! made, `trustbank merge`, a git merge), by rules that are laws: the
//! result does not depend on the order copies are merged in, nor on how
//! they are grouped, and merging a copy with itself changes nothing.
//!
//! How: a journal is read as a set of record versions (the records it
//! holds and the earlier versions in its history) and of tombstones. A
//! merge takes the union of the two sets and makes the journal of it:
//! for each record the latest version wins (by `updated`, then person,
//! then content, so that two clocks agreeing to the millisecond still give
//! one answer); a tombstone removes a record whose latest version is not
//! later than it; every other version goes into the history. Because the
//! journal made keeps every version it was given, and is made from the
//! set alone, the laws hold by construction: union is commutative,
//! associative and idempotent. The property tests hold them on random
//! diverged copies.

use std::cmp::Ordering;

use foldhash::{HashMap, HashMapExt};

use super::words::counted;
use super::{
    Acknowledge, Agreement, CheckIn, Commitment, Entry, Id, Journal, LongGame, MakeItRight, Noticed, OutcomeRecord,
    People, Person, Removed, Repair, Reveal, Settings, Stamp, Version,
};

/// Why two files cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("they are two different journals (ids {0} and {1}), not two copies of one")]
    OtherJournal(Id, Id),
}

/// What a merge brought in, for a line on screen or the `merge` command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records of each kind in the result that the first journal did not
    /// hold as they are now: (kind, count), kinds in a fixed order.
    pub came_in: Vec<(&'static str, usize)>,
    /// Records both copies changed, settled by the rule (the other version
    /// is kept in the history).
    pub conflicts: usize,
    /// Records the other copy removed.
    pub removed: usize,
}

impl MergeReport {
    pub fn is_empty(&self) -> bool {
        self.came_in.is_empty() && self.conflicts == 0 && self.removed == 0
    }
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_empty() {
            return f.write_str("nothing new");
        }
        let mut parts: Vec<String> = self.came_in.iter().map(|(kind, n)| counted(*n, kind)).collect();
        if self.removed > 0 {
            parts.push(format!("{} removed", counted(self.removed, "record")));
        }
        if self.conflicts > 0 {
            parts.push(format!("{} settled (both versions kept)", counted(self.conflicts, "conflict")));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Merges `other` into `mine`. Refuses two different journals (a journal
/// without an id yet, never saved by version 2, is a copy of any).
pub fn merge(mine: &Journal, other: &Journal) -> Result<(Journal, MergeReport), MergeError> {
    if !mine.id.0.is_empty() && !other.id.0.is_empty() && mine.id != other.id {
        return Err(MergeError::OtherJournal(mine.id.clone(), other.id.clone()));
    }
    let merged = make(&[mine, other]);
    let report = report(mine, other, &merged);
    Ok((merged, report))
}

/// The journal made of every version and tombstone of `copies`.
pub(super) fn make(copies: &[&Journal]) -> Journal {
    let mut versions = Vec::new();
    let removed = tombstones(copies);
    let gone = |id: &Id, updated: u64| removed.get(id).is_some_and(|r| updated <= r.at);

    let entries = pick_all(copies, |j| &j.entries, |v| as_entry(v), &gone, &mut versions, Version::Entry);
    let check_ins = pick_all(copies, |j| &j.check_ins, |v| as_check_in(v), &gone, &mut versions, Version::CheckIn);
    let commitments =
        pick_all(copies, |j| &j.commitments, |v| as_commitment(v), &gone, &mut versions, Version::Commitment);
    let outcomes = pick_all(copies, |j| &j.outcomes, |v| as_outcome(v), &gone, &mut versions, Version::Outcome);
    let noticed = pick_all(copies, |j| &j.noticed, |v| as_noticed(v), &gone, &mut versions, Version::Noticed);
    let repairs = repairs(copies, &gone, &mut versions);

    let mut journal = Journal {
        version: copies.iter().map(|j| j.version).max().unwrap_or(super::FORMAT_VERSION),
        id: copies.iter().map(|j| &j.id).max().cloned().unwrap_or_default(),
        people: people(copies),
        settings: settings(copies),
        entries,
        commitments,
        outcomes,
        check_ins,
        repairs,
        noticed,
        removed: every_tombstone(copies),
        versions,
    };
    settle(&mut journal);
    journal.normalize();
    journal
}

/// Every tombstone of `copies`, once each (a record removed, written
/// again and removed again has two).
fn every_tombstone(copies: &[&Journal]) -> Vec<Removed> {
    let mut all: Vec<Removed> = copies.iter().flat_map(|j| j.removed.iter().cloned()).collect();
    all.sort();
    all.dedup();
    all
}

/// The latest tombstone of each id.
fn tombstones(copies: &[&Journal]) -> HashMap<Id, Removed> {
    let mut out: HashMap<Id, Removed> = HashMap::new();
    for r in copies.iter().flat_map(|j| &j.removed) {
        match out.get(&r.id) {
            Some(have) if (have.at, have.by) >= (r.at, r.by) => {}
            _ => {
                out.insert(r.id.clone(), r.clone());
            }
        }
    }
    out
}

/// What a merge compares of a record.
pub(super) trait Stamped: Clone + PartialEq + serde::Serialize {
    fn id(&self) -> &Id;
    fn stamp(&self) -> Stamp;
    /// Restamps the record (the three-way merge, see [`super::merge3`]).
    fn set_updated(&mut self, at: u64);
}

macro_rules! stamped {
    ($($t:ty),*) => {$(
        impl Stamped for $t {
            fn id(&self) -> &Id {
                &self.id
            }
            fn stamp(&self) -> Stamp {
                Stamp::new(self.updated, self.by)
            }
            fn set_updated(&mut self, at: u64) {
                self.updated = at;
            }
        }
    )*};
}
stamped!(Entry, CheckIn, Commitment, OutcomeRecord, Noticed, Agreement);

/// The order in which versions win: later stamp, then (for two versions of
/// one moment and person, as when two devices' clocks agree) content.
fn order<T: Stamped>(a: &T, b: &T) -> Ordering {
    a.stamp().cmp(&b.stamp()).then_with(|| if a == b { Ordering::Equal } else { text(a).cmp(&text(b)) })
}

/// A record's content as canonical text, to order two versions that
/// nothing else tells apart. Serializing a record of the domain's own types
/// cannot fail; an empty text would still give a fixed order.
fn text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Every version of each record of one kind, from the records and the
/// histories of `copies`; the winner of each id is kept unless a tombstone
/// removes it, and every other version (once) goes into `versions`.
fn pick_all<'a, T: Stamped + 'a>(
    copies: &[&'a Journal],
    list: impl Fn(&'a Journal) -> &'a Vec<T>,
    from_history: impl Fn(&'a Version) -> Option<&'a T>,
    gone: &impl Fn(&Id, u64) -> bool,
    versions: &mut Vec<Version>,
    wrap: impl Fn(T) -> Version,
) -> Vec<T> {
    let mut by_id: HashMap<&Id, Vec<&T>> = HashMap::with_capacity(copies.first().map_or(0, |j| list(j).len()));
    for j in copies {
        for record in list(j).iter().chain(j.versions.iter().filter_map(&from_history)) {
            let all = by_id.entry(record.id()).or_default();
            if !all.contains(&record) {
                all.push(record);
            }
        }
    }
    let mut live = Vec::with_capacity(by_id.len());
    for (_, mut all) in by_id {
        all.sort_by(|a, b| order(*a, *b));
        let winner = all.pop().map(|w| (*w).clone());
        versions.extend(all.into_iter().map(|v| wrap(v.clone())));
        match winner {
            Some(w) if gone(w.id(), w.stamp().at) => versions.push(wrap(w)),
            Some(w) => live.push(w),
            None => {}
        }
    }
    live
}

fn as_entry(v: &Version) -> Option<&Entry> {
    if let Version::Entry(x) = v { Some(x) } else { None }
}
fn as_check_in(v: &Version) -> Option<&CheckIn> {
    if let Version::CheckIn(x) = v { Some(x) } else { None }
}
fn as_commitment(v: &Version) -> Option<&Commitment> {
    if let Version::Commitment(x) = v { Some(x) } else { None }
}
fn as_outcome(v: &Version) -> Option<&OutcomeRecord> {
    if let Version::Outcome(x) = v { Some(x) } else { None }
}
fn as_noticed(v: &Version) -> Option<&Noticed> {
    if let Version::Noticed(x) = v { Some(x) } else { None }
}

/// One part of a repair, as a merge sees it: its own stamp and content.
#[derive(Clone, PartialEq, serde::Serialize)]
pub(super) enum Part {
    Head(Box<Repair>),
    Reveal(Reveal),
    Acknowledge(Acknowledge),
    MakeItRight(MakeItRight),
    LongGame(LongGame),
}

impl Part {
    pub(super) fn stamp(&self) -> Stamp {
        match self {
            Part::Head(r) => Stamp::new(r.updated, r.by),
            Part::Reveal(s) => Stamp::new(s.updated, s.by),
            Part::Acknowledge(s) => Stamp::new(s.updated, s.by),
            Part::MakeItRight(s) => Stamp::new(s.updated, s.by),
            Part::LongGame(s) => Stamp::new(s.updated, s.by),
        }
    }

    pub(super) fn slot(&self) -> usize {
        match self {
            Part::Head(_) => 0,
            Part::Reveal(_) => 1,
            Part::Acknowledge(_) => 2,
            Part::MakeItRight(_) => 3,
            Part::LongGame(_) => 4,
        }
    }

    pub(super) fn version(self, repair: &Id) -> Version {
        match self {
            Part::Head(r) => Version::Repair(r),
            Part::Reveal(s) => Version::Reveal(repair.clone(), s),
            Part::Acknowledge(s) => Version::Acknowledge(repair.clone(), s),
            Part::MakeItRight(s) => Version::MakeItRight(repair.clone(), s),
            Part::LongGame(s) => Version::LongGame(repair.clone(), s),
        }
    }
}

/// A repair's own fields alone, its steps at their defaults.
fn head(r: &Repair) -> Repair {
    Repair {
        reveal: Reveal::default(),
        acknowledge: Acknowledge::default(),
        make_it_right: MakeItRight::default(),
        long_game: LongGame::default(),
        ..r.clone()
    }
}

/// A repair as the parts a merge settles one by one, in slot order.
pub(super) fn parts(r: &Repair) -> [Part; 5] {
    let step3 = MakeItRight { agreements: Vec::new(), ..r.make_it_right.clone() };
    [
        Part::Head(Box::new(head(r))),
        Part::Reveal(r.reveal.clone()),
        Part::Acknowledge(r.acknowledge.clone()),
        Part::MakeItRight(step3),
        Part::LongGame(r.long_game.clone()),
    ]
}

/// Every part of a repair and each of its agreements, as the versions a
/// history would hold of them (what a device's log keeps of a repair it
/// wrote).
pub(crate) fn repair_versions(r: &Repair) -> Vec<Version> {
    let agreements = r.make_it_right.agreements.iter().map(|a| Version::Agreement(r.id.clone(), a.clone()));
    parts(r).into_iter().map(|p| p.version(&r.id)).chain(agreements).collect()
}

fn part_of(v: &Version) -> Option<(&Id, Part)> {
    Some(match v {
        Version::Repair(r) => (&r.id, Part::Head(r.clone())),
        Version::Reveal(id, s) => (id, Part::Reveal(s.clone())),
        Version::Acknowledge(id, s) => (id, Part::Acknowledge(s.clone())),
        Version::MakeItRight(id, s) => (id, Part::MakeItRight(s.clone())),
        Version::LongGame(id, s) => (id, Part::LongGame(s.clone())),
        _ => return None,
    })
}

/// Repairs merge part by part: the partner who was hurt may write the
/// Reveal on one computer while the other writes the Acknowledge on
/// another, and both stand. Agreements merge by their own ids.
fn repairs(copies: &[&Journal], gone: &impl Fn(&Id, u64) -> bool, versions: &mut Vec<Version>) -> Vec<Repair> {
    let mut by_repair: HashMap<Id, [Vec<Part>; 5]> = HashMap::new();
    let mut agreements: HashMap<&Id, (Id, Vec<&Agreement>)> = HashMap::new();
    for j in copies {
        let own = j.repairs.iter().flat_map(|r| parts(r).map(|p| (r.id.clone(), p)));
        let old = j.versions.iter().filter_map(part_of).map(|(id, p)| (id.clone(), p));
        for (id, part) in own.chain(old) {
            let slots = by_repair.entry(id).or_default();
            let slot = &mut slots[part.slot()];
            if !slot.contains(&part) {
                slot.push(part);
            }
        }
        let own = j.repairs.iter().flat_map(|r| r.make_it_right.agreements.iter().map(move |a| (&r.id, a)));
        let old = j.versions.iter().filter_map(|v| match v {
            Version::Agreement(repair, a) => Some((repair, a)),
            _ => None,
        });
        for (repair, a) in own.chain(old) {
            let (_, all) = agreements.entry(&a.id).or_insert_with(|| (repair.clone(), Vec::new()));
            if !all.contains(&a) {
                all.push(a);
            }
        }
    }
    // Agreements: the latest of each, under the repair it was made in.
    let mut live_agreements: HashMap<Id, Vec<Agreement>> = HashMap::new();
    for (_, (repair, mut all)) in agreements {
        all.sort_by(|a, b| order(*a, *b));
        let winner = all.pop().cloned();
        versions.extend(all.into_iter().map(|a| Version::Agreement(repair.clone(), a.clone())));
        match winner {
            Some(w) if gone(&w.id, w.updated) => versions.push(Version::Agreement(repair, w)),
            Some(w) => live_agreements.entry(repair).or_default().push(w),
            None => {}
        }
    }
    let mut out = Vec::with_capacity(by_repair.len());
    for (id, slots) in by_repair {
        let winners = slots.map(|mut all| {
            all.sort_by(|a, b| a.stamp().cmp(&b.stamp()).then_with(|| text(a).cmp(&text(b))));
            let winner = all.pop();
            versions.extend(all.into_iter().map(|p| p.version(&id)));
            winner
        });
        let latest = winners.iter().flatten().map(|p| p.stamp().at).max().unwrap_or(0);
        let [
            Some(Part::Head(head)),
            Some(Part::Reveal(reveal)),
            Some(Part::Acknowledge(ack)),
            Some(Part::MakeItRight(mut step3)),
            Some(Part::LongGame(long_game)),
        ] = winners
        else {
            // Some parts only, in a history (a file edited by hand): they
            // stay in the history.
            versions.extend(winners.into_iter().flatten().map(|p| p.version(&id)));
            continue;
        };
        let agreements = live_agreements.remove(&id).unwrap_or_default();
        let latest = agreements.iter().map(|a| a.updated).fold(latest, u64::max);
        if gone(&id, latest) {
            let parts = [
                Part::Head(head),
                Part::Reveal(reveal),
                Part::Acknowledge(ack),
                Part::MakeItRight(step3),
                Part::LongGame(long_game),
            ];
            versions.extend(parts.into_iter().map(|p| p.version(&id)));
            versions.extend(agreements.into_iter().map(|a| Version::Agreement(id.clone(), a)));
            continue;
        }
        step3.agreements = agreements;
        step3.agreements.sort_by(|a, b| a.id.cmp(&b.id));
        out.push(Repair { reveal, acknowledge: ack, make_it_right: step3, long_game, ..*head });
    }
    // Agreements whose repair is gone stay in the history.
    for (repair, list) in live_agreements {
        versions.extend(list.into_iter().map(|a| Version::Agreement(repair.clone(), a)));
    }
    out
}

/// Each person's name: the one set last.
fn people(copies: &[&Journal]) -> People {
    let mut people = copies.first().map(|j| j.people.clone()).unwrap_or_default();
    for j in copies.iter().skip(1) {
        for p in Person::BOTH {
            let (have, theirs) = (people.get(p), j.people.get(p));
            if (theirs.updated, &theirs.name) > (have.updated, &have.name) {
                *people.get_mut(p) = theirs.clone();
            }
        }
    }
    people
}

/// The settings, field by field: each field as it was set last. A field
/// two copies set at one moment, or that no copy ever stamped (two copies
/// migrated from version 1 apart), goes to the value whose text is
/// greatest, so that the order of the copies never decides.
fn settings(copies: &[&Journal]) -> Settings {
    let Some(first) = copies.first() else { return Settings::default() };
    let mut fields = serde_json::Map::new();
    let mut best: HashMap<String, (Option<Stamp>, String)> = HashMap::new();
    let mut stamps = std::collections::BTreeMap::new();
    for j in copies {
        for (name, field) in j.settings.fields() {
            let rank = (j.settings.updated.get(&name).copied(), field.to_string());
            if best.get(&name).is_none_or(|have| rank > *have) {
                if let Some(stamp) = rank.0 {
                    stamps.insert(name.clone(), stamp);
                }
                best.insert(name.clone(), rank);
                fields.insert(name, field);
            }
        }
    }
    let mut merged: Settings =
        serde_json::from_value(serde_json::Value::Object(fields)).unwrap_or_else(|_| first.settings.clone());
    merged.updated = stamps;
    merged
}

/// What no single copy broke but two together can: two outcomes for one
/// occurrence (each device marked it), two check-ins of one person on one
/// day, an outcome of a commitment removed on the other side, an entry an
/// outcome no longer posts. The losing one of each goes into the history,
/// with what hangs on it, so the journal made is sound and nothing is gone.
fn settle(j: &mut Journal) {
    let mut versions = std::mem::take(&mut j.versions);
    let commitments: foldhash::HashSet<&Id> = j.commitments.iter().map(|c| &c.id).collect();

    // One outcome per occurrence, of a commitment that exists.
    j.outcomes.sort_by(|a, b| (&a.commitment, a.date).cmp(&(&b.commitment, b.date)).then_with(|| order(b, a)));
    let kept = first_of_each(
        std::mem::take(&mut j.outcomes),
        |k, o| k.commitment == o.commitment && k.date == o.date,
        |o| commitments.contains(&o.commitment),
        Version::Outcome,
        &mut versions,
    );

    // An entry posted by a commitment stays only while an outcome posts it;
    // an outcome whose entry is gone goes too.
    let posted: foldhash::HashSet<&Id> = kept.iter().filter_map(|o| o.entry.as_ref()).collect();
    let (stay, go): (Vec<Entry>, Vec<Entry>) =
        std::mem::take(&mut j.entries).into_iter().partition(|e| e.commitment.is_none() || posted.contains(&e.id));
    versions.extend(go.into_iter().map(Version::Entry));
    let live: foldhash::HashSet<&Id> = stay.iter().map(|e| &e.id).collect();
    let (ok, dangling): (Vec<OutcomeRecord>, Vec<OutcomeRecord>) =
        kept.into_iter().partition(|o| o.entry.as_ref().is_none_or(|e| live.contains(e)));
    versions.extend(dangling.into_iter().map(Version::Outcome));
    // Those outcomes' entries were already gone, so no entry hangs on them.
    drop(live);
    j.entries = stay;
    j.outcomes = ok;

    // One check-in per person and day.
    j.check_ins.sort_by(|a, b| (a.date, a.by).cmp(&(b.date, b.by)).then_with(|| order(b, a)));
    j.check_ins = first_of_each(
        std::mem::take(&mut j.check_ins),
        |k, c| k.date == c.date && k.by == c.by,
        |_| true,
        Version::CheckIn,
        &mut versions,
    );

    // One "noticed" per person and entry, of an entry that is there.
    let entries: foldhash::HashSet<&Id> = j.entries.iter().map(|e| &e.id).collect();
    j.noticed.sort_by(|a, b| (&a.entry, a.by).cmp(&(&b.entry, b.by)).then_with(|| order(b, a)));
    j.noticed = first_of_each(
        std::mem::take(&mut j.noticed),
        |k, n| k.entry == n.entry && k.by == n.by,
        |n| entries.contains(&n.entry),
        Version::Noticed,
        &mut versions,
    );
    j.versions = versions;
}

/// Of `sorted` (records sorted so that twins sit together, the winner
/// first), the first of each run of `twins` that `belongs`; every other
/// one goes into the history.
fn first_of_each<T>(
    sorted: Vec<T>,
    twins: impl Fn(&T, &T) -> bool,
    belongs: impl Fn(&T) -> bool,
    wrap: impl Fn(T) -> Version,
    versions: &mut Vec<Version>,
) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(sorted.len());
    for record in sorted {
        if kept.last().is_some_and(|k| twins(k, &record)) || !belongs(&record) {
            versions.push(wrap(record));
        } else {
            kept.push(record);
        }
    }
    kept
}

/// Counts what `merged` holds that `mine` did not, what both changed and
/// what `other` removed.
pub(super) fn report(mine: &Journal, other: &Journal, merged: &Journal) -> MergeReport {
    let mut report = MergeReport::default();
    let mut kinds = Vec::new();
    let mut count = |kind: &'static str, n: usize| {
        if n > 0 {
            kinds.push((kind, n));
        }
    };
    count("entry", new_or_changed(&mine.entries, &merged.entries));
    count("check-in", new_or_changed(&mine.check_ins, &merged.check_ins));
    count("commitment", new_or_changed(&mine.commitments, &merged.commitments));
    count("outcome", new_or_changed(&mine.outcomes, &merged.outcomes));
    count("noticed", new_or_changed(&mine.noticed, &merged.noticed));
    let repairs: HashMap<&Id, &Repair> = mine.repairs.iter().map(|r| (&r.id, r)).collect();
    count("repair", merged.repairs.iter().filter(|r| repairs.get(&r.id) != Some(r)).count());
    report.came_in = kinds;
    let mine_removed: foldhash::HashSet<&Removed> = mine.removed.iter().collect();
    report.removed = other.removed.iter().filter(|r| !mine_removed.contains(r)).count();
    // A conflict: a record both copies hold whose result has a version in
    // its history that neither copy had there.
    let had: foldhash::HashSet<(&Id, u64)> =
        mine.versions.iter().chain(&other.versions).map(|v| (v.of(), v.updated())).collect();
    let (ours, theirs): (foldhash::HashSet<&Id>, foldhash::HashSet<&Id>) =
        (mine.ids().collect(), other.ids().collect());
    let settled: foldhash::HashSet<&Id> = merged
        .versions
        .iter()
        .filter(|v| !had.contains(&(v.of(), v.updated())))
        .map(Version::of)
        .filter(|id| ours.contains(id) && theirs.contains(id))
        .collect();
    report.conflicts = settled.len();
    report
}

fn new_or_changed<T: Stamped>(before: &[T], after: &[T]) -> usize {
    let old: HashMap<&Id, &T> = before.iter().map(|r| (r.id(), r)).collect();
    after.iter().filter(|r| old.get(r.id()) != Some(r)).count()
}
