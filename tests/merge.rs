//! The merge rules are laws: on random copies of one journal that went
//! apart on two or three devices (each with its own clock, sometimes the
//! same millisecond on both), merging is commutative, associative and
//! idempotent, the result is a sound journal, no version of any record is
//! lost, a removal stays removed unless the record was written again
//! after it, and the later of two edits wins.

mod support;

use proptest::prelude::*;
use support::devices::{Device, Op, START, base, day, diverge, live, normalized, op, same, versions};
use trustbank::domain::merge::merge;
use trustbank::domain::{Id, Journal, Person, Version, validate};

fn merged(a: &Journal, b: &Journal) -> Journal {
    merge(a, b).expect("two copies of one journal").0
}

fn assert_laws(copies: &[&Journal]) -> Result<(), TestCaseError> {
    for &a in copies {
        same(&merged(a, a), &normalized(a), "a copy merged with itself is the copy")?;
        for &b in copies {
            let ab = merged(a, b);
            same(&ab, &merged(b, a), "commutative")?;
            same(&merged(&ab, &ab), &ab, "idempotent")?;
            same(&merged(&ab, b), &ab, "merging a copy in again changes nothing")?;
            let problems = validate::problems(&ab);
            prop_assert!(problems.is_empty(), "the merge is sound: {:?}", problems);

            let have = versions(&ab);
            for v in versions(a).union(&versions(b)) {
                prop_assert!(have.contains(v), "a version was lost: {}", v);
            }
            for tomb in a.removed.iter().chain(&b.removed) {
                for (id, updated) in live(&ab) {
                    prop_assert!(id != tomb.id || updated > tomb.at, "{:?} came back after its removal", id);
                }
            }
            // The later of two edits of an entry wins.
            for e in &a.entries {
                if let Some(theirs) = b.entry(&e.id)
                    && e.updated > theirs.updated
                    && !ab.removed.iter().any(|r| r.id == e.id)
                    && e.commitment.is_none()
                {
                    prop_assert_eq!(ab.entry(&e.id), Some(e), "the later edit wins");
                }
            }
            for &c in copies {
                same(&merged(&ab, c), &merged(a, &merged(b, c)), "associative")?;
            }
        }
    }
    Ok(())
}

/// `default` cases, or as many as `PROPTEST_CASES` asks for (a longer run
/// by hand).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn two_copies_merge_by_laws(
        shared in prop::collection::vec(op(), 0..12),
        (skew_a, mine) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
        (skew_b, theirs) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
    ) {
        let base = base(&shared);
        let a = diverge("a", &base, skew_a, &mine);
        let b = diverge("b", &base, skew_b, &theirs);
        assert_laws(&[&base, &a, &b])?;
    }

    #[test]
    fn three_copies_merge_by_laws(
        shared in prop::collection::vec(op(), 0..8),
        (skew_a, ops_a) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
        (skew_b, ops_b) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
        (skew_c, ops_c) in (any::<u16>(), prop::collection::vec(op(), 0..12)),
    ) {
        let base = base(&shared);
        let a = diverge("a", &base, skew_a, &ops_a);
        let b = diverge("b", &base, skew_b, &ops_b);
        let c = diverge("c", &base, skew_c, &ops_c);
        assert_laws(&[&a, &b, &c])?;
    }
}

#[test]
fn two_journals_are_not_merged() {
    let a = Journal { id: Id("J-one".into()), ..Journal::default() };
    let b = Journal { id: Id("J-two".into()), ..Journal::default() };
    let err = merge(&a, &b).expect_err("two journals");
    assert!(err.to_string().contains("two different journals"), "{err}");
}

/// The base and two devices, `a`'s clock `lead` ms ahead of `b`'s.
fn pair(lead: u64) -> (Device, Device) {
    let base = base(&[]);
    let a = Device::new("a", base.clone(), START + 10_000 + lead);
    let b = Device::new("b", base, START + 10_000);
    (a, b)
}

#[test]
fn the_later_of_two_edits_wins_and_the_other_is_kept_in_the_history() {
    let (mut a, mut b) = pair(5);
    let id = a.journal.entries[0].id.clone();
    a.run(&Op::Edit { pick: 0, note: 1 });
    b.run(&Op::Edit { pick: 0, note: 3 });
    let (m, report) = merge(&b.journal, &a.journal).expect("one journal");
    assert_eq!(m.entry(&id).map(|e| e.note.as_str()), Some("made tea (a)"), "a's edit is later");
    assert!(
        m.versions.iter().any(|v| matches!(v, Version::Entry(e) if e.note == "called at lunch (b)")),
        "b's edit is in the history: {:?}",
        m.versions
    );
    assert_eq!(report.conflicts, 1, "{report}");
    assert!(report.to_string().contains("1 conflict settled (both versions kept)"), "{report}");
}

#[test]
fn a_removal_wins_over_an_older_edit_and_loses_to_a_newer_one() {
    for (lead, stays_removed) in [(5, true), (0, false)] {
        let (mut a, mut b) = pair(lead);
        let id = a.journal.entries[0].id.clone();
        b.run(&Op::Wait { millis: 2 });
        a.run(&Op::Remove { pick: 0 });
        b.run(&Op::Edit { pick: 0, note: 1 });
        let m = merged(&a.journal, &b.journal);
        assert_eq!(m.entry(&id).is_none(), stays_removed, "lead {lead}");
        assert!(m.versions.iter().any(|v| v.of() == &id) || !stays_removed, "the edit is kept in the history");
    }
}

#[test]
fn the_reveal_written_on_one_computer_and_the_acknowledge_on_the_other_both_stand() {
    let (mut a, mut b) = pair(0);
    a.run(&Op::Reveal { pick: 0, text: 1 });
    b.run(&Op::Acknowledge { pick: 0, text: 2 });
    let m = merged(&a.journal, &b.journal);
    let r = &m.repairs[0];
    assert_eq!(r.reveal.how_i_felt, "felt 1 on a");
    assert_eq!(r.acknowledge.apology, "sorry 2 on b");
    assert_eq!((r.reveal.by, r.acknowledge.by), (r.hurt, r.hurt.other()));
}

#[test]
fn two_marks_of_one_day_and_two_check_ins_of_one_person_settle_on_one_each() {
    let (mut a, mut b) = pair(3);
    for d in [&mut a, &mut b] {
        d.run(&Op::Mark { pick: 0, day: 2, outcome: 1, by: Person::A });
        d.run(&Op::CheckIn { day: 2, by: Person::B, rating: 4 });
    }
    let m = merged(&a.journal, &b.journal);
    assert!(validate::problems(&m).is_empty(), "{:?}", validate::problems(&m));
    assert_eq!(m.outcomes.len(), 1);
    assert_eq!(m.entries.iter().filter(|e| e.commitment.is_some()).count(), 1, "one deposit posted");
    assert_eq!(m.check_ins_on(day(2)).len(), 1);
    assert_eq!(m.check_ins_on(day(2))[0].reflection, "rated on a", "the later one");
    assert!(m.versions.iter().any(|v| matches!(v, Version::CheckIn(c) if c.reflection == "rated on b")));
}
