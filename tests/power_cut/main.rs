//! Issue 14, point 8, "a crash is simulated, not hoped for": the power goes
//! before every operation of a save and right after it, on a simulated disk
//! that loses whatever was not fsynced (see `disk.rs` for the model). The
//! last save reported done survives intact; otherwise the previous file
//! does. Removing the fsync of the temporary file or of the folder from
//! `write_atomic` fails these tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, Person};
use trustbank::storage::atomic::{Faults, write_atomic};
use trustbank::storage::{Store, backup, format};

mod disk;
#[path = "../support/files.rs"]
mod files;

use disk::{Crash, PowerCut};
use files::temp_files;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A journal holding `notes`, one penny deposit each.
fn journal_with(notes: &[&str]) -> Journal {
    let at = DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time");
    let mut j = Journal::default();
    for (i, note) in notes.iter().enumerate() {
        j.insert_entry(Entry {
            id: Id(format!("01JPOWER{i:018}")),
            date: d("2026-11-26"),
            at,
            kind: EntryKind::Deposit,
            amount: Amount(1),
            category: "positive interaction".into(),
            who: Person::A,
            note: (*note).to_string(),
            commitment: None,
            by: trustbank::domain::Person::A,
            updated: 0,
        });
    }
    j
}

/// One kind of save to cut the power in.
struct Case {
    name: &'static str,
    /// Days on which the journal was saved before (for real, fsynced), each
    /// save adding one note: none for a first save creating the file.
    before: &'static [&'static str],
    /// The day of the save the power is cut in.
    today: &'static str,
}

const CASES: [Case; 4] = [
    Case { name: "a first save, creating the file", before: &[], today: "2026-11-26" },
    Case { name: "a save over the journal, backup already made", before: &["2026-11-26"], today: "2026-11-26" },
    Case {
        name: "the day's first save, making the first backup (and its folder)",
        before: &["2026-11-25"],
        today: "2026-11-26",
    },
    Case {
        name: "the day's first save, making a backup beside another",
        before: &["2026-11-24", "2026-11-25"],
        today: "2026-11-26",
    },
];

/// One run of a case: the journal saved on `case.before` (for real), then
/// the case's save with the power going after `budget` operations, then the
/// crash, going `how`. The store is gone when this returns.
struct Run {
    /// The file as the save found it (`None`: there was none).
    previous: Option<Vec<u8>>,
    /// What the save was asked to write.
    new: Journal,
    /// The save returned `Ok`.
    done: bool,
    /// The operations that really ran before the power went.
    ran: Vec<String>,
}

fn run(case: &Case, path: &Path, budget: Option<usize>, how: Crash) -> Run {
    let (mut store, _) = Store::open(path.to_path_buf()).expect("open");
    let mut notes = Vec::new();
    for (i, day) in case.before.iter().enumerate() {
        notes.push(format!("saved before, {i}"));
        let refs: Vec<&str> = notes.iter().map(String::as_str).collect();
        store.save(&journal_with(&refs), d(day)).expect("a save before the power cut");
    }
    let previous = fs::read(path).ok();
    notes.push("the save the power is cut in".into());
    let refs: Vec<&str> = notes.iter().map(String::as_str).collect();
    let new = journal_with(&refs);

    let disk = Arc::new(PowerCut::after(budget));
    let mut store = store.with_faults(Arc::clone(&disk) as Arc<dyn Faults>);
    let result = store.save(&new, d(case.today));
    assert_eq!(result.is_ok(), !disk.cut(), "{}: done exactly when all of it ran: {result:?}", case.name);
    disk.crash(how);
    drop(store);
    Run { previous, new, done: result.is_ok(), ran: disk.ran() }
}

/// A file's bytes as text, for readable failures (NULs show as `\0`).
fn text(bytes: &Option<Vec<u8>>) -> Option<String> {
    bytes.as_deref().map(|b| String::from_utf8_lossy(b).into_owned())
}

#[test]
fn a_power_cut_at_every_step_of_a_save_leaves_the_save_reported_done_or_the_previous_file() {
    for (case, how) in CASES.iter().flat_map(|c| Crash::BOTH.map(|how| (c, how))) {
        let mut cut_before_done = 0;
        for budget in 0.. {
            assert!(budget < 100, "{}: a save of a handful of operations never finished", case.name);
            let dir = tempfile::tempdir().expect("dir");
            let path = dir.path().join("journal.ron");
            let run = run(case, &path, Some(budget), how);
            let what = format!("{}, power cut {how:?} after {budget} operations {:#?}", case.name, run.ran);

            // The power is back: the next start.
            let (mut next, loaded) = Store::open(path.clone()).unwrap_or_else(|e| panic!("{what}: reopens: {e}"));
            let on_disk = fs::read(&path).ok();
            let written = format::to_ron(&run.new).expect("ron");
            if run.done {
                assert_eq!(text(&on_disk), Some(written), "{what}: the save reported done survives");
                assert_eq!(loaded.journal, run.new, "{what}");
            } else if how == Crash::KeepingNames && text(&on_disk).as_ref() == Some(&written) {
                // The rename reached the disk on its own: a save not yet
                // reported done may survive, whole.
                assert_eq!(loaded.journal, run.new, "{what}");
            } else {
                assert_eq!(text(&on_disk), text(&run.previous), "{what}: the previous file survives");
                assert_eq!(on_disk, run.previous, "{what}: byte for byte");
                assert_eq!(loaded.existed, run.previous.is_some(), "{what}");
                if let Some(previous) = &run.previous {
                    assert_eq!(loaded.journal, format::from_ron(previous, &path, None).expect("parses").journal);
                }
            }
            let today = backup::backup_path(&path, d(case.today), None);
            let backup_saved =
                run.ran.iter().any(|op| *op == format!("fsync folder {}", backup::backup_folder(&path).display()));
            match (&run.previous, fs::read(&today)) {
                (Some(previous), Ok(copy)) => assert_eq!(&copy, previous, "{what}: a backup is whole or absent"),
                (_, Err(_)) => assert!(!backup_saved, "{what}: a backup that was saved survives"),
                (None, Ok(_)) => panic!("{what}: a backup of no file"),
            }
            if run.done && case.before.last().is_some_and(|last| *last != case.today) {
                assert!(today.exists(), "{what}: the day's backup was made");
            }
            // Opening only reads (another trustbank may be mid-save); the
            // next save, under the lock, clears what the cut left.
            next.save(&loaded.journal, d(case.today)).unwrap_or_else(|e| panic!("{what}: the next save: {e}"));
            assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "{what}: the next save clears the temporary files");

            if run.done {
                break;
            }
            cut_before_done += 1;
        }
        // Sanity: the power went at least once per step of write_atomic.
        assert!(cut_before_done >= 5, "{}: only {cut_before_done} points", case.name);
    }
}

/// Whether `ran` holds each of `wanted` (by how it starts), in this order.
fn in_order(ran: &[String], wanted: &[String]) -> bool {
    let mut ops = ran.iter();
    wanted.iter().all(|w| ops.any(|op| op.starts_with(w.as_str())))
}

#[test]
fn every_file_operation_of_a_save_goes_through_the_seam() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let case = &CASES[2];
    let run = run(case, &path, None, Crash::UndoingNames);
    assert!(run.done);
    let backups = backup::backup_folder(&path);
    let (folder, backups) = (dir.path().display(), backups.display());
    let today = backup::backup_path(&path, d(case.today), None);
    let wanted = [
        format!("read {}", path.display()),
        format!("create folder {backups}"),
        format!("fsync folder {folder}"),
        format!("create temp in {backups}"),
        format!("write {backups}/"),
        format!("fsync {backups}/"),
        format!("rename {backups}/"),
        format!("fsync folder {backups}"),
        format!("create temp in {folder}"),
        format!("write {folder}/"),
        format!("fsync {folder}/"),
        format!("rename {folder}/"),
        format!("fsync folder {folder}"),
    ];
    assert!(in_order(&run.ran, &wanted), "{:#?}", run.ran);
    assert!(run.ran.iter().any(|op| op.ends_with(&format!(" to {}", today.display()))), "{:#?}", run.ran);
    assert!(run.ran.iter().any(|op| op.ends_with(&format!(" to {}", path.display()))), "{:#?}", run.ran);
}

// ----- the simulated disk itself: it must lose what a real one may lose -----

#[test]
fn bytes_not_fsynced_come_back_as_zeros_after_a_power_cut() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let disk = PowerCut::after(None);
    let mut temp = disk.create_temp(dir.path(), ".journal.ron.").expect("create");
    disk.write(&mut temp, b"never fsynced").expect("write");
    disk.rename(temp, &path).expect("rename");
    disk.sync_folder(dir.path()).expect("fsync folder");
    assert_eq!(fs::read(&path).expect("read"), b"never fsynced", "before the cut the disk is the real one");
    disk.crash(Crash::UndoingNames);
    assert_eq!(fs::read(&path).expect("the name survived"), vec![0; 13], "the bytes did not");
}

#[test]
fn a_rename_not_followed_by_a_folder_fsync_is_undone_by_a_power_cut() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    fs::write(&path, b"old").expect("write");
    let disk = PowerCut::after(None);
    let mut temp = disk.create_temp(dir.path(), ".journal.ron.").expect("create");
    disk.write(&mut temp, b"new").expect("write");
    disk.sync_file(&temp).expect("fsync");
    disk.rename(temp, &path).expect("rename");
    disk.crash(Crash::UndoingNames);
    assert_eq!(fs::read(&path).expect("read"), b"old");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "the temporary file's name was never durable either");
}

#[test]
fn a_new_folder_not_made_durable_vanishes_with_what_it_holds() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("backups");
    let disk = PowerCut::after(None);
    disk.create_folder(&folder).expect("mkdir");
    write_atomic(&folder.join("copy.ron"), b"copy", &disk).expect("a whole atomic save inside it");
    disk.crash(Crash::UndoingNames);
    assert!(!folder.exists());
}

#[test]
fn once_the_power_is_off_nothing_more_runs() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let disk = PowerCut::after(Some(2));
    let err = write_atomic(&path, b"new", &disk).expect_err("the power goes before the fsync");
    assert!(err.to_string().contains("power"), "{err}");
    assert!(disk.cut());
    assert_eq!(disk.ran().len(), 2, "{:?}", disk.ran());
    assert!(!path.exists());
}

#[test]
fn a_rename_the_disk_committed_before_the_bytes_were_fsynced_leaves_zeros() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    fs::write(&path, b"old").expect("write");
    let disk = PowerCut::after(None);
    let mut temp = disk.create_temp(dir.path(), ".journal.ron.").expect("create");
    disk.write(&mut temp, b"new").expect("write");
    disk.rename(temp, &path).expect("rename");
    disk.crash(Crash::KeepingNames);
    assert_eq!(fs::read(&path).expect("read"), [0, 0, 0]);
}
