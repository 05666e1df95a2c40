//! What the fuzz targets in `fuzz/` found, kept as plain tests.
//!
//! "Now" is Thursday 26 November 2026, 21:00 at +01:00.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use trustbank::app::{Action, App, Tab, update};
use trustbank::domain::outcome::new_commitment;
use trustbank::domain::{Amount, Id, Journal, MAX_CENTS, Outcome, Schedule, validate};
use trustbank::storage::{StorageError, format, load};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a valid RFC 3339 time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid YYYY-MM-DD date")
}

/// A journal with one daily commitment worth `kept` and `missed`.
fn with_commitment(kept: u64, missed: u64) -> Journal {
    let mut journal = Journal::default();
    journal.commitments.push(new_commitment(
        Id::from("01JFUZZ0000000000000000001"),
        "Walk after dinner".into(),
        Schedule::Daily,
        date("2026-11-20"),
        Amount(kept),
        Amount(missed),
    ));
    journal
}

/// Writes `journal` as a file and loads it the way the app does.
fn load_back(journal: &Journal) -> (Result<Journal, StorageError>, Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("journal.ron");
    let bytes = format::to_ron(journal).expect("serializes").into_bytes();
    std::fs::write(&path, &bytes).expect("write the file");
    let loaded = load(&path).map(|l| l.journal);
    let after = std::fs::read(&path).expect("read the file back");
    (loaded, bytes, after)
}

/// Marks the commitment kept, then missed, on the Commitments tab, and
/// returns each journal the app would have saved.
fn mark_kept_then_missed(journal: Journal) -> Vec<Journal> {
    let mut app = App::new(journal, now(), None);
    update(&mut app, Action::SelectTab(Tab::Commitments));
    let mut saved = Vec::new();
    for outcome in [Outcome::Kept, Outcome::Missed] {
        let revision = app.revision;
        update(&mut app, Action::Mark(outcome));
        assert_eq!(app.revision, revision + 1, "marking {outcome:?} changed nothing: {:?}", app.message);
        saved.push(app.journal.clone());
    }
    saved
}

/// Found by `fuzz/fuzz_targets/load.rs` (the file's `commitment_kept: 10`
/// mutated to `00`), then by hand for a commitment's own amounts: the
/// loader took a commitment amount of $0.00 or over $1,000,000.00, and the
/// first mark wrote an entry of that amount, which the loader refuses, so
/// the next start could not open the journal. (An amount over `i64::MAX`
/// cents also turned into a negative deposit.) Such files are now refused
/// at load, named and untouched, like an entry of such an amount.
#[test]
fn commitment_amounts_an_entry_could_not_hold_are_refused_at_load() {
    let mut zero_setting = Journal::default();
    zero_setting.settings.commitment_kept = Amount(0);
    let mut huge_setting = Journal::default();
    huge_setting.settings.commitment_missed = Amount(MAX_CENTS + 1);
    let cases = [
        ("settings.commitment_kept 0", zero_setting, "commitment_kept"),
        ("settings.commitment_missed over the maximum", huge_setting, "commitment_missed"),
        ("kept 0", with_commitment(0, 100), "01JFUZZ0000000000000000001"),
        ("missed 0", with_commitment(10, 0), "01JFUZZ0000000000000000001"),
        ("kept over the maximum", with_commitment(MAX_CENTS + 1, 100), "01JFUZZ0000000000000000001"),
        ("missed u64::MAX", with_commitment(10, u64::MAX), "01JFUZZ0000000000000000001"),
    ];
    for (name, journal, names) in cases {
        let (loaded, before, after) = load_back(&journal);
        match loaded {
            Err(e @ StorageError::Unsound { .. }) => {
                let message = e.to_string();
                assert!(message.contains(names), "{name}: {message}");
                assert!(message.contains("journal.ron"), "{name}: {message}");
            }
            other => panic!("{name}: expected the file to be refused, got {other:?}"),
        }
        assert_eq!(before, after, "{name}: the file was changed");
    }
}

/// The largest and smallest amounts still load, and marking with them
/// saves only journals that load again.
#[test]
fn commitment_amounts_at_the_limits_load_and_mark_into_sound_journals() {
    for (kept, missed) in [(MAX_CENTS, MAX_CENTS), (1, 1)] {
        let journal = with_commitment(kept, missed);
        let (loaded, _, _) = load_back(&journal);
        let loaded = loaded.unwrap_or_else(|e| panic!("kept {kept}, missed {missed}: {e}"));
        for saved in mark_kept_then_missed(loaded) {
            let problems = validate::problems(&saved);
            assert!(problems.is_empty(), "kept {kept}, missed {missed}: {problems:?}");
            let text = format::to_ron(&saved).expect("serializes");
            let again = format::from_ron(text.as_bytes(), Path::new("journal.ron"), None).expect("loads");
            assert_eq!(again.journal, saved);
        }
    }
}
