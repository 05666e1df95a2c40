//! The three-way merge (`trustbank merge-driver`) on random copies of one
//! journal that went apart on two devices: a side that changed nothing
//! gives the other side's journal, ours and theirs may be swapped, nothing
//! of either copy is lost, and a change made on one side only wins even
//! when its stamp is older than the base's (a clock behind, a hand edit).

mod support;

use proptest::prelude::*;
use support::devices::{base, diverge, normalized, op, same, versions};
use trustbank::domain::merge::merge;
use trustbank::domain::merge3::merge3;
use trustbank::domain::{Journal, validate};

fn merged3(base: &Journal, ours: &Journal, theirs: &Journal) -> (Journal, usize) {
    let (journal, report) = merge3(base, ours, theirs).expect("copies of one journal");
    (journal, report.conflicts)
}

/// What a journal holds now, without the earlier versions of its records.
fn current(j: &Journal) -> Journal {
    Journal { versions: Vec::new(), ..normalized(j) }
}

/// `x` with every entry it changed from `base` stamped 0: as if its clock
/// had been far behind, or the notes were edited in the file by hand.
fn stamped_early(base: &Journal, x: &Journal) -> Journal {
    let mut early = x.clone();
    for e in &mut early.entries {
        if base.entry(&e.id).is_some_and(|b| b != e) {
            e.updated = 0;
        }
    }
    early
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn a_side_that_changed_nothing_gives_the_other_sides_journal(
        shared in prop::collection::vec(op(), 0..12),
        (skew, ops) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
    ) {
        let base = base(&shared);
        let x = diverge("x", &base, skew, &ops);
        let (theirs_changed, conflicts) = merged3(&base, &base, &x);
        same(&theirs_changed, &merge(&base, &x).expect("one journal").0, "merge3(b, b, x) is merge(b, x)")?;
        prop_assert_eq!(conflicts, 0);
        let (ours_changed, conflicts) = merged3(&base, &x, &base);
        same(&current(&ours_changed), &current(&x), "merge3(b, x, b) holds x's changes")?;
        same(&ours_changed, &theirs_changed, "whichever side changed")?;
        prop_assert_eq!(conflicts, 0);
    }

    #[test]
    fn two_sides_merge_the_same_either_way_and_lose_nothing(
        shared in prop::collection::vec(op(), 0..12),
        (skew_a, ops_a) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
        (skew_b, ops_b) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
    ) {
        let base = base(&shared);
        let a = diverge("a", &base, skew_a, &ops_a);
        let b = diverge("b", &base, skew_b, &ops_b);
        let (ab, conflicts_ab) = merged3(&base, &a, &b);
        let (ba, conflicts_ba) = merged3(&base, &b, &a);
        same(&ab, &ba, "merge3(b, o, t) is merge3(b, t, o)")?;
        prop_assert_eq!(conflicts_ab, conflicts_ba);
        // The app stamps every change later than what it replaced, so on
        // its copies the base changes no record, only the count.
        same(&ab, &merge(&a, &b).expect("one journal").0, "on the app's copies, the two-way merge")?;
        let problems = validate::problems(&ab);
        prop_assert!(problems.is_empty(), "the merge is sound: {:?}", problems);
        let have = versions(&ab);
        for v in versions(&a).union(&versions(&b)) {
            prop_assert!(have.contains(v), "a version was lost: {}", v);
        }
        for tomb in a.removed.iter().chain(&b.removed) {
            prop_assert!(ab.removed.contains(tomb), "a tombstone was lost: {:?}", tomb);
        }
    }

    #[test]
    fn a_change_on_one_side_wins_though_its_clock_was_behind(
        shared in prop::collection::vec(op(), 0..12),
        (skew_a, ops_a) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
        (skew_b, ops_b) in (any::<u16>(), prop::collection::vec(op(), 0..24)),
    ) {
        let base = base(&shared);
        let a = stamped_early(&base, &diverge("a", &base, skew_a, &ops_a));
        let b = diverge("b", &base, skew_b, &ops_b);
        let (m, _) = merged3(&base, &a, &b);
        for e in &a.entries {
            let (Some(before), Some(theirs)) = (base.entry(&e.id), b.entry(&e.id)) else { continue };
            if before != e && theirs == before && e.commitment.is_none() {
                let got = m.entry(&e.id);
                prop_assert!(
                    got.is_some_and(|g| g.note == e.note && g.amount == e.amount && g.updated > before.updated),
                    "a's edit of {:?} wins: {:?}", e.id, got
                );
            }
        }
        let problems = validate::problems(&m);
        prop_assert!(problems.is_empty(), "the merge is sound: {:?}", problems);
    }
}
