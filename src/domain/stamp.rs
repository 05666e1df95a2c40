//! Stamping a change with when it was made and by whom, before it is
//! applied: every record it writes gets an `updated` time, every record it
//! removes a tombstone. What a merge compares (see [`super::merge`]).

use super::{Change, Id, Journal, OutcomeRecord, Removed, Repair, Settings, Stamp};

/// `change` as made at `at`. Each record written is stamped later than
/// both `at.at` and the version it replaces or the tombstone it outlives
/// (a clock behind the file's must not make an edit lose to what it
/// edited); each removal is followed by a tombstone that outlives the
/// record removed. A record's `by` (its author) is kept: who may write it
/// is the app's rule. A repair's steps carry who wrote them: a changed
/// step is stamped with `at.by`.
pub fn stamp(change: Change, journal: &Journal, at: Stamp) -> Change {
    match change {
        Change::AddEntry(mut e) => {
            e.updated = later(at, journal, &e.id, 0);
            Change::AddEntry(e)
        }
        Change::ReplaceEntry(mut e) => {
            e.updated = later(at, journal, &e.id, journal.entry(&e.id).map_or(0, |old| old.updated));
            Change::ReplaceEntry(e)
        }
        Change::SetCheckIn(mut c) => {
            let old = journal.check_in(c.date, c.by).map_or(0, |old| old.updated);
            c.updated = later(at, journal, &c.id, old);
            Change::SetCheckIn(c)
        }
        Change::AddOutcome(mut o) => {
            o.updated = later(at, journal, &o.id, 0);
            Change::AddOutcome(o)
        }
        Change::AddCommitment(mut c) => {
            c.updated = later(at, journal, &c.id, 0);
            Change::AddCommitment(c)
        }
        Change::ReplaceCommitment(mut c) => {
            let old = journal.commitments.iter().find(|o| o.id == c.id).map_or(0, |o| o.updated);
            c.updated = later(at, journal, &c.id, old);
            Change::ReplaceCommitment(c)
        }
        Change::AddRepair(r) => Change::AddRepair(stamp_repair(r, None, journal, at)),
        Change::ReplaceRepair(r) => {
            let old = journal.repairs.iter().find(|o| o.id == r.id).cloned();
            let tombs = old.as_ref().map(|old| gone_agreements(old, &r, at)).unwrap_or_default();
            let replace = Change::ReplaceRepair(stamp_repair(r, old.as_ref(), journal, at));
            if tombs.is_empty() { replace } else { Change::Batch(std::iter::once(replace).chain(tombs).collect()) }
        }
        Change::SetSettings(s) => Change::SetSettings(Box::new(stamp_settings(*s, &journal.settings, at))),
        Change::SetPeople(mut people) => {
            for named in &mut people.0 {
                let old = journal.people.get(named.id);
                if named.name != old.name {
                    named.updated = at.at.max(old.updated + 1);
                }
            }
            Change::SetPeople(people)
        }
        Change::RemoveEntry(id) => {
            let updated = journal.entry(&id).map_or(0, |e| e.updated);
            buried(Change::RemoveEntry(id.clone()), id, updated, at)
        }
        Change::RemoveCheckIn(date, by) => match journal.check_in(date, by) {
            Some(c) => buried(Change::RemoveCheckIn(date, by), c.id.clone(), c.updated, at),
            None => Change::RemoveCheckIn(date, by),
        },
        Change::RemoveOutcome { commitment, date } => {
            let id = OutcomeRecord::id_for(&commitment, date);
            let updated = journal.outcomes_between(date, date).iter().find(|o| o.commitment == commitment);
            let updated = updated.map_or(0, |o| o.updated);
            buried(Change::RemoveOutcome { commitment, date }, id, updated, at)
        }
        Change::RemoveCommitment(id) => {
            let updated = journal.commitments.iter().find(|c| c.id == id).map_or(0, |c| c.updated);
            buried(Change::RemoveCommitment(id.clone()), id, updated, at)
        }
        Change::RemoveRepair(id) => {
            let updated = journal.repairs.iter().find(|r| r.id == id).map_or(0, latest);
            buried(Change::RemoveRepair(id.clone()), id, updated, at)
        }
        // Flat: a removal and its tombstone sit beside the batch's other
        // changes, not in a batch of their own.
        // A record the batch removes and writes again (an outcome marked
        // anew) is stamped later than the tombstone the batch leaves.
        Change::Batch(changes) => {
            let mut flat: Vec<Change> = changes
                .into_iter()
                .flat_map(|c| match stamp(c, journal, at) {
                    Change::Batch(inner) => inner,
                    one => vec![one],
                })
                .collect();
            let mut buried: Vec<(Id, u64)> = Vec::new();
            for change in &mut flat {
                match change {
                    Change::Bury(r) => buried.push((r.id.clone(), r.at)),
                    written => outlive(written, &buried),
                }
            }
            Change::Batch(flat)
        }
        Change::Notice(mut n) => {
            n.updated = later(at, journal, &n.id, 0);
            Change::Notice(n)
        }
        Change::Unnotice(id) => {
            let updated = journal.noticed.iter().find(|n| n.id == id).map_or(0, |n| n.updated);
            buried(Change::Unnotice(id.clone()), id, updated, at)
        }
        // A version is kept as it was written, with its own stamps.
        other @ (Change::Bury(_) | Change::Unbury(_) | Change::Keep(_) | Change::Forget(_)) => other,
    }
}

/// Stamps what `change` writes later than the tombstones in `buried`.
fn outlive(change: &mut Change, buried: &[(Id, u64)]) {
    let after = |id: &Id, updated: &mut u64| {
        if let Some(at) = buried.iter().filter(|(b, _)| b == id).map(|(_, at)| *at).max() {
            *updated = (*updated).max(at + 1);
        }
    };
    match change {
        Change::AddEntry(e) | Change::ReplaceEntry(e) => after(&e.id, &mut e.updated),
        Change::SetCheckIn(c) => after(&c.id, &mut c.updated),
        Change::Notice(n) => after(&n.id, &mut n.updated),
        Change::AddOutcome(o) => after(&o.id, &mut o.updated),
        Change::AddCommitment(c) | Change::ReplaceCommitment(c) => after(&c.id, &mut c.updated),
        Change::AddRepair(r) | Change::ReplaceRepair(r) => {
            let id = r.id.clone();
            for updated in [
                &mut r.updated,
                &mut r.reveal.updated,
                &mut r.acknowledge.updated,
                &mut r.make_it_right.updated,
                &mut r.long_game.updated,
            ] {
                after(&id, updated);
            }
            for a in &mut r.make_it_right.agreements {
                after(&a.id, &mut a.updated);
            }
        }
        _ => {}
    }
}

/// A time later than `at`, than `old` (the version replaced) and than any
/// tombstone of `id`.
fn later(at: Stamp, journal: &Journal, id: &Id, old: u64) -> u64 {
    let tomb = journal.removed.iter().filter(|r| &r.id == id).map(|r| r.at + 1).max().unwrap_or(0);
    at.at.max(old + 1).max(tomb)
}

fn buried(change: Change, id: Id, updated: u64, at: Stamp) -> Change {
    let removed = Removed { id, at: at.at.max(updated + 1), by: at.by };
    Change::Batch(vec![change, Change::Bury(removed)])
}

/// The latest stamp of any part of a repair.
fn latest(r: &Repair) -> u64 {
    let steps = [r.updated, r.reveal.updated, r.acknowledge.updated, r.make_it_right.updated, r.long_game.updated];
    r.make_it_right.agreements.iter().map(|a| a.updated).chain(steps).max().unwrap_or(0)
}

/// Stamps the parts of `new` that differ from `old` (all of them for a new
/// repair).
fn stamp_repair(mut new: Repair, old: Option<&Repair>, journal: &Journal, at: Stamp) -> Repair {
    let when = |old: u64| later(at, journal, &new.id, old);
    let head_changed = old.is_none_or(|o| {
        (&o.title, o.injury_date, &o.withdrawal, o.closed, o.hurt)
            != (&new.title, new.injury_date, &new.withdrawal, new.closed, new.hurt)
    });
    if head_changed {
        new.updated = when(old.map_or(0, |o| o.updated));
        if old.is_none() {
            new.by = at.by;
        }
    }
    macro_rules! step {
        ($field:ident, $same:expr) => {
            if old.is_none_or(|o| !$same(&o.$field, &new.$field)) {
                new.$field.updated = when(old.map_or(0, |o| o.$field.updated));
                // A step put back to nothing written (an undo of its first
                // words) keeps whose it was: nobody wrote anything in it.
                if !$same(&Default::default(), &new.$field) {
                    new.$field.by = at.by;
                }
            }
        };
    }
    let content =
        |a: &super::Reveal, b: &super::Reveal| super::Reveal { by: b.by, updated: b.updated, ..a.clone() } == *b;
    step!(reveal, content);
    let content = |a: &super::Acknowledge, b: &super::Acknowledge| {
        super::Acknowledge { by: b.by, updated: b.updated, ..a.clone() } == *b
    };
    step!(acknowledge, content);
    step!(make_it_right, |a: &super::MakeItRight, b: &super::MakeItRight| a.state == b.state);
    step!(long_game, |a: &super::LongGame, b: &super::LongGame| a.state == b.state);
    for agreement in &mut new.make_it_right.agreements {
        let before = old.and_then(|o| o.make_it_right.agreements.iter().find(|a| a.id == agreement.id));
        let same = before.is_some_and(|b| (&b.text, &b.commitment) == (&agreement.text, &agreement.commitment));
        if !same {
            agreement.updated = later(at, journal, &agreement.id, before.map_or(0, |b| b.updated));
            if before.is_none() {
                agreement.by = at.by;
            }
        }
    }
    new
}

/// Tombstones for the agreements `new` no longer holds.
fn gone_agreements(old: &Repair, new: &Repair, at: Stamp) -> Vec<Change> {
    old.make_it_right
        .agreements
        .iter()
        .filter(|a| !new.make_it_right.agreements.iter().any(|n| n.id == a.id))
        .map(|a| Change::Bury(Removed { id: a.id.clone(), at: at.at.max(a.updated + 1), by: at.by }))
        .collect()
}

/// Stamps each field of `new` that differs from `old`.
fn stamp_settings(mut new: Settings, old: &Settings, at: Stamp) -> Settings {
    let (before, after) = (old.fields(), new.fields());
    new.updated = old.updated.clone();
    for (name, value) in &after {
        if before.get(name) != Some(value) {
            let last = old.updated.get(name).map_or(0, |s| s.at + 1);
            new.updated.insert(name.clone(), Stamp::new(at.at.max(last), at.by));
        }
    }
    new
}

/// What a journal holds, without when each record was written: an undo
/// gives back what was there, stamped as written now (so that it wins over
/// a copy that synced the undone change), and a record an undo removes
/// leaves a tombstone.
pub fn unstamped(journal: &Journal) -> Journal {
    let mut j = journal.clone();
    j.entries.iter_mut().for_each(|e| e.updated = 0);
    j.check_ins.iter_mut().for_each(|c| c.updated = 0);
    j.commitments.iter_mut().for_each(|c| c.updated = 0);
    j.outcomes.iter_mut().for_each(|o| o.updated = 0);
    for r in &mut j.repairs {
        r.updated = 0;
        r.reveal.updated = 0;
        r.acknowledge.updated = 0;
        r.make_it_right.updated = 0;
        r.long_game.updated = 0;
        r.make_it_right.agreements.iter_mut().for_each(|a| a.updated = 0);
    }
    j.people.0.iter_mut().for_each(|p| p.updated = 0);
    j.settings.updated.clear();
    j.noticed.iter_mut().for_each(|n| n.updated = 0);
    j.removed.clear();
    j
}
