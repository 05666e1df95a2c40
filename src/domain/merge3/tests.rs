//! The three-way merge's cases, one by one (the properties on random
//! copies are in `tests/merge3.rs`).

use super::*;
use crate::domain::merge::merge;
use crate::domain::test_support::entry;
use crate::domain::{EntryKind, Person, validate};

/// A base of two entries written at 1000 and 1001, its copies as they
/// left it.
fn base() -> Journal {
    let mut j = Journal { id: Id("J-three".into()), ..Journal::default() };
    for (i, note) in ["walked", "made tea"].into_iter().enumerate() {
        let mut e = entry("2026-11-20", EntryKind::Deposit, 10);
        (e.note, e.updated) = (note.into(), 1000 + i as u64);
        j.insert_entry(e);
    }
    j.normalize();
    j
}

fn edit(j: &mut Journal, i: usize, note: &str, updated: u64) {
    (j.entries[i].note, j.entries[i].updated) = (note.into(), updated);
}

fn merged(base: &Journal, ours: &Journal, theirs: &Journal) -> (Journal, MergeReport) {
    let one = merge3(base, ours, theirs).expect("copies of one journal");
    let other = merge3(base, theirs, ours).expect("copies of one journal");
    // The report counts what came into ours, so only the journal and
    // the conflicts are the same both ways.
    assert_eq!((&one.0, one.1.conflicts), (&other.0, other.1.conflicts), "ours and theirs may be swapped");
    assert!(validate::problems(&one.0).is_empty(), "{:?}", validate::problems(&one.0));
    one
}

#[test]
fn a_change_on_one_side_wins_whatever_its_clock_and_is_no_conflict() {
    let base = base();
    let mut ours = base.clone();
    // Written by a clock half a second behind the base's.
    edit(&mut ours, 0, "walked the dog", 500);
    let (m, report) = merged(&base, &ours, &base);
    assert_eq!(m.entries[0].note, "walked the dog");
    assert!(m.entries[0].updated > 1000, "stamped to win later merges too: {}", m.entries[0].updated);
    assert_eq!(report.conflicts, 0, "{report}");
    let two_way = merge(&ours, &base).expect("one journal").0;
    assert_eq!(two_way.entries[0].note, "walked", "the two-way merge cannot tell: the later stamp wins");
    assert_eq!(merge(&m, &base).expect("one journal").0.entries[0].note, "walked the dog");
}

#[test]
fn changes_on_both_sides_are_conflicts_the_later_wins_and_the_other_is_kept() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    edit(&mut ours, 0, "ours", 3000);
    edit(&mut theirs, 0, "theirs", 2000);
    edit(&mut theirs, 1, "made tea twice", 2500);
    let (m, report) = merged(&base, &ours, &theirs);
    assert_eq!((m.entries[0].note.as_str(), m.entries[1].note.as_str()), ("ours", "made tea twice"));
    assert!(m.versions.iter().any(|v| matches!(v, Version::Entry(e) if e.note == "theirs")), "{:?}", m.versions);
    assert_eq!(report.conflicts, 1, "{report}");
}

#[test]
fn a_removal_on_one_side_stays_removed_though_its_tombstone_is_early() {
    let base = base();
    let mut theirs = base.clone();
    let gone = theirs.entries.remove(1);
    let early = Removed { id: gone.id.clone(), at: 900, by: Person::B };
    theirs.removed.push(early.clone());
    let (m, _) = merged(&base, &base, &theirs);
    assert!(m.entry(&gone.id).is_none(), "removed");
    assert!(m.removed.contains(&early), "every tombstone is kept: {:?}", m.removed);
    assert!(m.versions.contains(&Version::Entry(gone)), "the removed entry is kept in the history");
    assert_eq!(m.entries.len(), 1);
}

#[test]
fn a_record_added_on_one_side_is_kept() {
    let base = base();
    let mut ours = base.clone();
    ours.insert_entry(entry("2026-11-21", EntryKind::Withdrawal, 100));
    let (m, report) = merged(&base, &ours, &base);
    assert_eq!(m.entries.len(), 3);
    assert_eq!(report.conflicts, 0);
}

#[test]
fn a_setting_or_a_name_edited_by_hand_wins_though_its_stamp_did_not_move() {
    let mut base = base();
    base.settings.currency = "€".into();
    base.settings.updated.insert("currency".into(), Stamp::new(1000, Person::A));
    base.people.get_mut(Person::B).updated = 1000;
    let mut ours = base.clone();
    ours.settings.currency = "$".into();
    ours.people.get_mut(Person::B).name = "Al".into();
    let two_way = merge(&ours, &base).expect("one journal").0;
    assert_eq!((two_way.settings.currency.as_str(), two_way.people.name(Person::B)), ("€", "Partner"));
    let (m, report) = merged(&base, &ours, &base);
    assert_eq!(m.settings.currency, "$", "ours is the change, though € sorts after $");
    assert_eq!(m.people.name(Person::B), "Al", "ours is the change, though Partner sorts after Al");
    assert_eq!(report.conflicts, 0);
}

#[test]
fn a_repair_step_and_an_agreement_changed_on_one_side_win() {
    let mut base = base();
    let mut r = Repair::new(Id("R1".into()), "the card".into(), "2026-11-01".parse().expect("a date"), None);
    r.reveal.updated = 1000;
    r.make_it_right.agreements.push(Agreement {
        id: Id("G1".into()),
        text: "weekly money talk".into(),
        commitment: None,
        by: Person::A,
        updated: 1000,
    });
    base.repairs.push(r);
    let mut theirs = base.clone();
    let r = &mut theirs.repairs[0];
    r.reveal.how_i_felt = "alone".into();
    r.make_it_right.agreements[0].text = "a money talk each Sunday".into();
    let (m, report) = merged(&base, &base, &theirs);
    let r = &m.repairs[0];
    assert_eq!(r.reveal.how_i_felt, "alone");
    assert_eq!(r.make_it_right.agreements[0].text, "a money talk each Sunday");
    assert!(r.reveal.updated > 1000 && r.make_it_right.agreements[0].updated > 1000, "{r:?}");
    assert_eq!(r.acknowledge, base.repairs[0].acknowledge, "a part left alone is not restamped");
    assert_eq!(report.conflicts, 0);
}

#[test]
fn copies_of_another_journal_are_refused_and_an_empty_base_fits_any() {
    let base = base();
    let stranger = Journal { id: Id("J-other".into()), ..Journal::default() };
    assert!(matches!(merge3(&base, &base, &stranger), Err(MergeError::OtherJournal(..))));
    assert!(matches!(merge3(&stranger, &base, &base), Err(MergeError::OtherJournal(..))));
    let (m, report) = merged(&Journal::default(), &base, &base);
    assert_eq!((m.entries.len(), report.conflicts), (2, 0));
}
