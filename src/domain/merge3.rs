//! The three-way merge of `trustbank merge-driver` (git): the copy both
//! sides started from, the base, tells a change from a version left as it
//! was.
//!
//! The two-way merge ([`super::merge`]) sees only the two copies, so the
//! later version of each record wins. With the base, a record changed on
//! one side only (the other side's version is the base's) wins whatever
//! its stamp says, and is no conflict; a record removed on one side with a
//! tombstone and left as it was on the other stays removed; a record
//! changed on both sides is a conflict, settled by the two-way rule (the
//! later stamp wins, the other version goes into the history).
//!
//! How: each one-sided change is stamped so that the two-way merge picks
//! it, the way the app stamps an edit (later than the version it replaced,
//! see [`super::stamp`]), and the two copies are then merged two-way. A
//! changed record (an entry, check-in, commitment, outcome, "noticed", each
//! part of a repair, an agreement, a person's name, a settings field) whose
//! stamp is not later than every other version of it in either copy and
//! every tombstone of it gets the moment after the latest of those; a
//! record removed on one side that the two-way merge would still bring
//! back (its tombstone is not later than every version of it) gets a
//! second tombstone that is. A copy that removed a record since the base
//! changed it, even if it holds it again as the base had it. Nothing else
//! is touched, so the result keeps what the two-way merge promises: every
//! version and every tombstone of both copies (a restamped record keeps
//! its content), a sound journal, and the same result whichever copy is
//! ours. Being stamped, the one-sided change also wins the two-way merges
//! that come later (a sync tool's conflict copy still holding the old
//! version).
//!
//! On copies the app wrote, every change is already stamped later than
//! what it replaced, so the journal is the two-way merge's and only the
//! count of conflicts differs. The base decides where a copy was edited by
//! hand (a setting changed in the text, its stamp left as it was) or
//! written by a tool whose clock was behind. A record missing from one copy
//! without a tombstone (a line deleted by hand) is not taken as removed: it
//! comes back, as in the two-way merge, since nothing written is lost.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashSet};

use super::merge::{MergeError, MergeReport, Part, Stamped, make, parts, report};
use super::{Agreement, Id, Journal, Person, Removed, Repair, Settings, Stamp, Version};

/// Merges `ours` and `theirs`, both changed from `base`. Refuses copies of
/// two different journals (a journal without an id, such as the empty base
/// of two files added on two branches, is a copy of any).
pub fn merge3(base: &Journal, ours: &Journal, theirs: &Journal) -> Result<(Journal, MergeReport), MergeError> {
    for (a, b) in [(ours, theirs), (base, ours), (base, theirs)] {
        if !a.id.0.is_empty() && !b.id.0.is_empty() && a.id != b.id {
            return Err(MergeError::OtherJournal(a.id.clone(), b.id.clone()));
        }
    }
    let past = Past::of(base, [ours, theirs]);
    let mut out = Out { copies: [ours.clone(), theirs.clone()], conflicts: 0, burials: Vec::new() };
    let copies = [ours, theirs];
    records(&base.entries, copies.map(|j| &j.entries[..]), &past, Version::Entry, |j| &mut j.entries, &mut out);
    records(&base.check_ins, copies.map(|j| &j.check_ins[..]), &past, Version::CheckIn, |j| &mut j.check_ins, &mut out);
    let (commitments, outcomes) = (copies.map(|j| &j.commitments[..]), copies.map(|j| &j.outcomes[..]));
    records(&base.commitments, commitments, &past, Version::Commitment, |j| &mut j.commitments, &mut out);
    records(&base.outcomes, outcomes, &past, Version::Outcome, |j| &mut j.outcomes, &mut out);
    records(&base.noticed, copies.map(|j| &j.noticed[..]), &past, Version::Noticed, |j| &mut j.noticed, &mut out);
    repairs(base, copies, &past, &mut out);
    people(base, copies, &mut out);
    settings(&base.settings, copies.map(|j| &j.settings), &mut out);

    let mut merged = make(&[&out.copies[0], &out.copies[1]]);
    // A second tombstone goes in only where the two-way merge still brings
    // a removed record back (its own tombstone was early); most removals
    // carry themselves, and a tombstone not needed would be noise.
    let live: HashSet<&Id> = merged.ids().collect();
    let burials: Vec<(usize, Removed)> = out.burials.drain(..).filter(|(_, r)| live.contains(&r.id)).collect();
    if !burials.is_empty() {
        for (side, tomb) in burials {
            out.copies[side].removed.push(tomb);
        }
        merged = make(&[&out.copies[0], &out.copies[1]]);
    }
    let [ours, theirs] = &out.copies;
    let mut report = report(ours, theirs, &merged);
    report.conflicts = out.conflicts;
    Ok((merged, report))
}

/// The two copies as they are being stamped (ours, then theirs), and the
/// count of records both changed.
struct Out {
    copies: [Journal; 2],
    conflicts: usize,
    /// Tombstones a copy may need (see [`Past::to_bury`]).
    burials: Vec<(usize, Removed)>,
}

/// How one record went from the base to the two copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Went {
    /// Both copies hold the same version (the base's, or one change made twice).
    Alike,
    /// Only this copy (0: ours, 1: theirs) changed it.
    One(usize),
    /// Both changed it, differently.
    Both,
}

fn went<T: PartialEq>(base: Option<T>, [ours, theirs]: [Option<T>; 2]) -> Went {
    if ours == theirs {
        Went::Alike
    } else if theirs == base {
        Went::One(0)
    } else if ours == base {
        Went::One(1)
    } else {
        Went::Both
    }
}

/// What the two copies hold of the past: every version in their histories
/// and every tombstone, by the id they are of.
struct Past<'a> {
    versions: HashMap<&'a Id, Vec<&'a Version>>,
    /// The latest moment of an agreement in the histories, by its repair.
    agreements: HashMap<&'a Id, u64>,
    tombs: [HashMap<&'a Id, Vec<&'a Removed>>; 2],
    base_tombs: HashSet<&'a Removed>,
}

impl<'a> Past<'a> {
    fn of(base: &'a Journal, copies: [&'a Journal; 2]) -> Past<'a> {
        let mut versions: HashMap<&Id, Vec<&Version>> = HashMap::default();
        let mut agreements: HashMap<&Id, u64> = HashMap::default();
        for v in copies.iter().flat_map(|j| &j.versions) {
            versions.entry(v.of()).or_default().push(v);
            if let Version::Agreement(repair, a) = v {
                let at = agreements.entry(repair).or_default();
                *at = (*at).max(a.updated);
            }
        }
        let tombs = copies.map(|j| {
            let mut by_id: HashMap<&Id, Vec<&Removed>> = HashMap::default();
            for r in &j.removed {
                by_id.entry(&r.id).or_default().push(r);
            }
            by_id
        });
        Past { versions, agreements, tombs, base_tombs: base.removed.iter().collect() }
    }

    /// The latest tombstone of `id` that copy `side` holds and the base
    /// does not: that copy removed the record since.
    fn new_tombstone(&self, side: usize, id: &Id) -> Option<&'a Removed> {
        let own = self.tombs[side].get(id)?.iter().filter(|r| !self.base_tombs.contains(*r));
        own.max_by_key(|r| (r.at, r.by)).copied()
    }

    /// How the record `id` went: as [`went`] says from its versions, but a
    /// copy that removed it since the base (and maybe wrote it again, as
    /// the base had it) changed it too.
    fn went<T: PartialEq>(&self, id: &Id, base: Option<T>, copies: [Option<T>; 2]) -> Went {
        match went(base, copies) {
            Went::One(side) if self.new_tombstone(1 - side, id).is_some() => Went::Both,
            other => other,
        }
    }

    fn tombstones(&self, id: &Id) -> impl Iterator<Item = &'a Removed> {
        self.tombs.iter().filter_map(|by_id| by_id.get(id)).flatten().copied()
    }

    /// The stamp `changed` needs to win the two-way merge, or `None` when
    /// its own does: later than `kept` (the base's version, which the other
    /// copy holds), than its other versions in either history and than
    /// every tombstone of its id.
    fn to_win(&self, changed: &Version, kept: Option<u64>) -> Option<u64> {
        let id = changed.of();
        let others = self.versions.get(id).into_iter().flatten();
        let others = others.filter(|v| slot(v) == slot(changed) && **v != changed).map(|v| v.updated());
        let top = others.chain(kept).chain(self.tombstones(id).map(|r| r.at)).max()?;
        (changed.updated() <= top).then_some(top + 1)
    }

    /// A tombstone that outlives every version of `id` (`kept` being the
    /// latest moment of the version the other copy holds), when copy `side`
    /// removed it with a tombstone of its own that does not. Added only if
    /// the two-way merge brings the record back (see [`merge3`]).
    fn to_bury(&self, side: usize, id: &Id, kept: u64) -> Option<Removed> {
        let by = self.new_tombstone(side, id)?.by;
        let versions = self.versions.get(id).into_iter().flatten().map(|v| v.updated());
        let need = versions.chain(self.agreements.get(id).copied()).fold(kept, u64::max);
        let latest = self.tombstones(id).map(|r| r.at).max().unwrap_or(0);
        (latest < need).then(|| Removed { id: id.clone(), at: need, by })
    }
}

/// Which part of a repair a version is of (`None`: a record of its own).
fn slot(v: &Version) -> Option<usize> {
    match v {
        Version::Repair(_) => Some(0),
        Version::Reveal(..) => Some(1),
        Version::Acknowledge(..) => Some(2),
        Version::MakeItRight(..) => Some(3),
        Version::LongGame(..) => Some(4),
        _ => None,
    }
}

/// What the two-way merge must be told of one record.
enum Fix {
    Nothing,
    Conflict,
    /// Copy `.0`'s version takes stamp `.1`.
    Restamp(usize, u64),
    /// Copy `.0` takes this tombstone too.
    Bury(usize, Removed),
}

fn fix<T: Stamped>(
    id: &Id,
    base: Option<&T>,
    copies: [Option<&T>; 2],
    past: &Past,
    wrap: impl Fn(T) -> Version,
) -> Fix {
    let kept = base.map(|b| b.stamp().at);
    match past.went(id, base, copies) {
        Went::Alike => Fix::Nothing,
        Went::Both => Fix::Conflict,
        Went::One(side) => match (copies[side], base) {
            (Some(changed), _) => {
                past.to_win(&wrap(changed.clone()), kept).map_or(Fix::Nothing, |at| Fix::Restamp(side, at))
            }
            (None, Some(b)) => past.to_bury(side, b.id(), b.stamp().at).map_or(Fix::Nothing, |r| Fix::Bury(side, r)),
            (None, None) => Fix::Nothing,
        },
    }
}

fn by_id<T: Stamped>(list: &[T]) -> HashMap<&Id, &T> {
    list.iter().map(|r| (r.id(), r)).collect()
}

/// The records of one kind.
fn records<T: Stamped>(
    base: &[T],
    copies: [&[T]; 2],
    past: &Past,
    wrap: fn(T) -> Version,
    list: fn(&mut Journal) -> &mut Vec<T>,
    out: &mut Out,
) {
    let (base, copies) = (by_id(base), copies.map(by_id));
    let ids: HashSet<&Id> = base.keys().chain(copies.iter().flat_map(|c| c.keys())).copied().collect();
    for id in ids {
        match fix(id, base.get(id).copied(), copies.each_ref().map(|c| c.get(id).copied()), past, wrap) {
            Fix::Nothing => {}
            Fix::Conflict => out.conflicts += 1,
            Fix::Restamp(side, at) => {
                list(&mut out.copies[side]).iter_mut().filter(|r| r.id() == id).for_each(|r| r.set_updated(at))
            }
            Fix::Bury(side, tomb) => out.burials.push((side, tomb)),
        }
    }
}

/// The latest stamp of any part of a repair, as a tombstone must outlive.
fn latest(r: &Repair) -> u64 {
    let parts = parts(r).map(|p| p.stamp().at);
    r.make_it_right.agreements.iter().map(|a| a.updated).chain(parts).max().unwrap_or(0)
}

/// Repairs as a whole when one side removed one, else part by part and
/// agreement by agreement, as the two-way merge settles them.
fn repairs(base: &Journal, copies: [&Journal; 2], past: &Past, out: &mut Out) {
    let (base, copies) = (repairs_by_id(base), copies.map(repairs_by_id));
    let ids: HashSet<&Id> = base.keys().chain(copies.iter().flat_map(|c| c.keys())).copied().collect();
    for id in ids {
        let (b, x) = (base.get(id).copied(), copies.each_ref().map(|c| c.get(id).copied()));
        match past.went(id, b, x) {
            Went::Alike => {}
            Went::One(side) if x[side].is_none() => {
                if let Some(tomb) = past.to_bury(side, id, b.map_or(0, latest)) {
                    out.burials.push((side, tomb));
                }
            }
            // Changed on one side, removed on the other.
            Went::Both if x.iter().any(Option::is_none) => out.conflicts += 1,
            Went::One(_) | Went::Both => repair_parts(id, b, x, past, out),
        }
    }
}

fn repair_parts(id: &Id, base: Option<&Repair>, copies: [Option<&Repair>; 2], past: &Past, out: &mut Out) {
    let (base_parts, parts) = (base.map(parts), copies.map(|r| r.map(parts)));
    for slot in 0..5 {
        let get = |p: &Option<[Part; 5]>| p.as_ref().map(|p| p[slot].clone());
        let kept = get(&base_parts);
        match past.went(id, kept.as_ref(), parts.each_ref().map(|p| p.as_ref().map(|p| &p[slot]))) {
            Went::Alike => {}
            Went::Both => out.conflicts += 1,
            Went::One(side) => {
                let Some(changed) = get(&parts[side]) else { continue };
                if let Some(at) = past.to_win(&changed.version(id), kept.map(|p| p.stamp().at)) {
                    out.copies[side].repairs.iter_mut().filter(|r| &r.id == id).for_each(|r| restamp_part(r, slot, at));
                }
            }
        }
    }
    let (base, copies) = (agreements(base), copies.map(agreements));
    let ids: HashSet<&Id> = base.keys().chain(copies.iter().flat_map(|c| c.keys())).copied().collect();
    for a in ids {
        let x = copies.each_ref().map(|c| c.get(a).copied());
        match fix(a, base.get(a).copied(), x, past, |agreement| Version::Agreement(id.clone(), agreement)) {
            Fix::Nothing => {}
            Fix::Conflict => out.conflicts += 1,
            Fix::Restamp(side, at) => {
                let repairs = out.copies[side].repairs.iter_mut().filter(|r| &r.id == id);
                let agreements = repairs.flat_map(|r| r.make_it_right.agreements.iter_mut());
                agreements.filter(|x| &x.id == a).for_each(|x| x.updated = at);
            }
            Fix::Bury(side, tomb) => out.burials.push((side, tomb)),
        }
    }
}

fn repairs_by_id(j: &Journal) -> HashMap<&Id, &Repair> {
    j.repairs.iter().map(|r| (&r.id, r)).collect()
}

fn agreements(r: Option<&Repair>) -> HashMap<&Id, &Agreement> {
    r.map_or_else(HashMap::default, |r| by_id(&r.make_it_right.agreements))
}

fn restamp_part(r: &mut Repair, slot: usize, at: u64) {
    match slot {
        0 => r.updated = at,
        1 => r.reveal.updated = at,
        2 => r.acknowledge.updated = at,
        3 => r.make_it_right.updated = at,
        _ => r.long_game.updated = at,
    }
}

/// Each person's name.
fn people(base: &Journal, copies: [&Journal; 2], out: &mut Out) {
    for p in Person::BOTH {
        let named = copies.map(|j| j.people.get(p));
        match went(Some(base.people.get(p)), named.map(Some)) {
            Went::Alike => {}
            Went::Both => out.conflicts += 1,
            Went::One(side) => {
                let (changed, kept) = (named[side], named[1 - side]);
                if (changed.updated, &changed.name) <= (kept.updated, &kept.name) {
                    out.copies[side].people.get_mut(p).updated = kept.updated + 1;
                }
            }
        }
    }
}

/// The settings, field by field.
fn settings(base: &Settings, copies: [&Settings; 2], out: &mut Out) {
    let fields = (base.fields(), copies.map(Settings::fields));
    let names: BTreeSet<&String> = fields.0.keys().chain(fields.1.iter().flat_map(|f| f.keys())).collect();
    for name in names {
        let x = [field(copies[0], &fields.1[0], name), field(copies[1], &fields.1[1], name)];
        match went(Some(field(base, &fields.0, name)), x.map(Some)) {
            Went::Alike => {}
            Went::Both => out.conflicts += 1,
            Went::One(side) => {
                let ((value, stamp), (kept_value, kept)) = (x[side], x[1 - side]);
                // The two-way merge's order: stamp, then the value's text.
                let rank = |v: Option<&serde_json::Value>, s: Option<Stamp>| (s, v.map(|v| v.to_string()));
                if rank(value, stamp) <= rank(kept_value, kept) {
                    let at = kept.map_or(0, |s| s.at) + 1;
                    let by = stamp.or(kept).map_or(Person::A, |s| s.by);
                    out.copies[side].settings.updated.insert(name.clone(), Stamp::new(at, by));
                }
            }
        }
    }
}

/// One settings field's value and stamp.
fn field<'a>(
    settings: &Settings,
    fields: &'a serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> (Option<&'a serde_json::Value>, Option<Stamp>) {
    (fields.get(name), settings.updated.get(name).copied())
}

#[cfg(test)]
mod tests;
