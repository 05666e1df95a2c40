//! What an edit keeps: the version a change replaces or removes goes into
//! the journal's history (issue 13), so nothing is rewritten in silence.
//! A fix within ten minutes of writing, by the person who wrote it, is not
//! a new version: it is the same person finishing what they just wrote. A
//! removal always keeps the last version, beside its tombstone: what was
//! removed can be read in the history.
//! Undo does not come through here: taking back what one just did leaves
//! no version either. A removed entry takes its "noticed" with it, into the
//! history too (a "noticed" of no entry would not load).

use super::merge::repair_versions;
use super::{Change, Journal, Person, Stamp, Version};

/// How long after writing a record its author may still change it without
/// leaving a version (milliseconds).
pub const FIX_WINDOW_MS: u64 = 10 * 60 * 1000;

/// `change`, as made at `at` on `journal`, with a [`Change::Keep`] of each
/// version it replaces or removes (entries, check-ins, commitments, each
/// part of a repair and each agreement), unless that version is one `at.by`
/// wrote less than [`FIX_WINDOW_MS`] before (an edit; a removal keeps the
/// last version always).
pub fn with_history(change: Change, journal: &Journal, at: Stamp) -> Change {
    let mut kept = Vec::new();
    let change = keep(change, journal, at, &mut kept);
    if kept.is_empty() {
        return change;
    }
    let mut all = match change {
        Change::Batch(changes) => changes,
        one => vec![one],
    };
    all.extend(kept.into_iter().map(|v| Change::Keep(Box::new(v))));
    Change::Batch(all)
}

/// Whether a version `by` wrote at `updated` is still theirs to fix at `at`.
fn is_fix(by: Person, updated: u64, at: Stamp) -> bool {
    by == at.by && updated > 0 && at.at.saturating_sub(updated) < FIX_WINDOW_MS
}

fn keep(change: Change, journal: &Journal, at: Stamp, kept: &mut Vec<Version>) -> Change {
    let mut old = |version: Version, removed: bool| {
        if (removed || !is_fix(version.by(), version.updated(), at)) && !kept.contains(&version) {
            kept.push(version);
        }
    };
    match &change {
        Change::ReplaceEntry(new) => {
            if let Some(was) = journal.entry(&new.id).filter(|was| *was != new) {
                old(Version::Entry(was.clone()), false);
            }
        }
        Change::RemoveEntry(id) => {
            if let Some(was) = journal.entry(id) {
                old(Version::Entry(was.clone()), true);
            }
            let noticed: Vec<_> = journal.noticed.iter().filter(|n| &n.entry == id).collect();
            if !noticed.is_empty() {
                // Kept whoever wrote them and whenever: the partner's words.
                kept.extend(noticed.iter().map(|n| Version::Noticed((*n).clone())));
                let gone = noticed.iter().map(|n| Change::Unnotice(n.id.clone()));
                return Change::Batch(std::iter::once(change.clone()).chain(gone).collect());
            }
        }
        Change::SetCheckIn(new) => {
            if let Some(was) = journal.check_in(new.date, new.by).filter(|was| *was != new) {
                old(Version::CheckIn(was.clone()), false);
            }
        }
        Change::RemoveCheckIn(date, by) => {
            if let Some(was) = journal.check_in(*date, *by) {
                old(Version::CheckIn(was.clone()), true);
            }
        }
        Change::ReplaceCommitment(new) => {
            if let Some(was) = journal.commitments.iter().find(|c| c.id == new.id && *c != new) {
                old(Version::Commitment(was.clone()), false);
            }
        }
        Change::RemoveCommitment(id) => {
            if let Some(was) = journal.commitments.iter().find(|c| &c.id == id) {
                old(Version::Commitment(was.clone()), true);
            }
        }
        Change::ReplaceRepair(new) => {
            if let Some(was) = journal.repairs.iter().find(|r| r.id == new.id) {
                // Each part and agreement on its own: only what changed (or
                // went) leaves a version.
                let now = repair_versions(new);
                repair_versions(was).into_iter().filter(|v| !now.contains(v)).for_each(|v| old(v, false));
            }
        }
        Change::RemoveRepair(id) => {
            if let Some(was) = journal.repairs.iter().find(|r| &r.id == id) {
                repair_versions(was).into_iter().for_each(|v| old(v, true));
            }
        }
        _ => {}
    }
    match change {
        Change::Batch(changes) => Change::Batch(changes.into_iter().map(|c| keep(c, journal, at, kept)).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EntryKind::Deposit;
    use crate::domain::stamp::stamp;
    use crate::domain::test_support::{entry, made};
    use crate::domain::{Entry, Id, Noticed};

    const HOUR: u64 = 60 * 60 * 1000;

    /// A journal holding one entry Sam (A) wrote at `written` ms.
    fn written_at(written: u64) -> (Journal, Entry) {
        let mut j = Journal::default();
        let e = Entry { note: "forgot the card bill".into(), updated: written, ..entry("2026-12-03", Deposit, 100) };
        j.insert_entry(e.clone());
        (j, e)
    }

    fn kept_notes(j: &Journal) -> Vec<&str> {
        j.versions
            .iter()
            .filter_map(|v| match v {
                Version::Entry(e) => Some(e.note.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_edit_keeps_the_version_before_with_its_author_and_time() {
        let (mut j, e) = written_at(HOUR);
        let edited = Entry { note: "paid the card bill".into(), ..e.clone() };
        made(&mut j, Change::ReplaceEntry(edited), 3 * HOUR, Person::A);
        assert_eq!(j.versions, [Version::Entry(e.clone())], "the version before, as it was written");
        assert_eq!(j.entry(&e.id).expect("there").note, "paid the card bill");
        // A second edit keeps the first edit too: two versions.
        let again = Entry { note: "paid it late".into(), ..j.entry(&e.id).expect("there").clone() };
        made(&mut j, Change::ReplaceEntry(again), 5 * HOUR, Person::A);
        assert_eq!(kept_notes(&j), ["forgot the card bill", "paid the card bill"]);
    }

    #[test]
    fn a_fix_within_ten_minutes_by_the_author_is_no_new_version() {
        let (mut j, e) = written_at(HOUR);
        let fixed = Entry { note: "forgot the card bill!".into(), ..e.clone() };
        made(&mut j, Change::ReplaceEntry(fixed), HOUR + FIX_WINDOW_MS - 1, Person::A);
        assert!(j.versions.is_empty(), "{:?}", j.versions);
        // The window is the author's: the partner's change always counts
        // (were it allowed), and so does the author's after ten minutes.
        let (mut j, e) = written_at(HOUR);
        let theirs = Entry { note: "x".into(), ..e.clone() };
        made(&mut j, Change::ReplaceEntry(theirs), HOUR + 1, Person::B);
        assert_eq!(j.versions.len(), 1);
        let (mut j, e) = written_at(HOUR);
        made(&mut j, Change::ReplaceEntry(Entry { note: "y".into(), ..e }), HOUR + FIX_WINDOW_MS, Person::A);
        assert_eq!(j.versions.len(), 1);
        // A record never stamped (from a version 1 file) is never a fix.
        let (mut j, e) = written_at(0);
        made(&mut j, Change::ReplaceEntry(Entry { note: "z".into(), ..e }), 1, Person::A);
        assert_eq!(j.versions.len(), 1);
    }

    #[test]
    fn an_edit_that_changes_nothing_keeps_nothing() {
        let (mut j, e) = written_at(HOUR);
        made(&mut j, Change::ReplaceEntry(e), 3 * HOUR, Person::A);
        assert!(j.versions.is_empty());
    }

    #[test]
    fn a_removal_keeps_the_last_version_and_the_partners_noticed_beside_the_tombstone() {
        let (mut j, e) = written_at(HOUR);
        let noticed = Noticed {
            id: Id::from("N1"),
            entry: e.id.clone(),
            at: e.at,
            word: "it meant a lot".into(),
            by: Person::B,
            updated: 2 * HOUR,
        };
        j.noticed.push(noticed.clone());
        // Even at once after writing it: a removal is no fix.
        made(&mut j, Change::RemoveEntry(e.id.clone()), HOUR + 1, Person::A);
        assert!(j.entry(&e.id).is_none());
        assert!(j.noticed.is_empty(), "no \"noticed\" of a missing entry");
        assert!(j.versions.contains(&Version::Entry(e.clone())));
        assert!(j.versions.contains(&Version::Noticed(noticed)));
        let buried: Vec<&Id> = j.removed.iter().map(|r| &r.id).collect();
        assert_eq!(buried, [&Id::from("N1"), &e.id], "both leave a tombstone");
        assert!(crate::domain::validate::problems(&j).is_empty(), "{:?}", crate::domain::validate::problems(&j));
    }

    #[test]
    fn undoing_an_edit_leaves_no_version() {
        let (mut j, e) = written_at(HOUR);
        let before = j.clone();
        let at = Stamp::new(3 * HOUR, Person::A);
        let change = stamp(with_history(Change::ReplaceEntry(Entry { note: "x".into(), ..e }), &j, at), &j, at);
        let applied = change.apply(&mut j).expect("applies");
        assert_eq!(j.versions.len(), 1);
        // The app's undo applies the inverse, stamped but not through
        // `with_history`.
        let undo = stamp(applied.inverse, &j, Stamp::new(3 * HOUR + 1, Person::A));
        undo.apply(&mut j).expect("undoes");
        assert!(j.versions.is_empty(), "{:?}", j.versions);
        assert_eq!(j.entries[0].note, before.entries[0].note);
    }
}
