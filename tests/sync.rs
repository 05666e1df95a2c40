//! Two computers, one journal, a sync tool between them: conflict copies
//! are folded in and put away, a save the sync tool dropped comes back
//! from the computer's own log, and a simulated sync with apps running on
//! both sides ends with both folders holding the same journal, nothing
//! lost and every deletion standing.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use support::journal::entry;
use trustbank::domain::stamp::stamp;
use trustbank::domain::{Change, Entry, EntryKind, Id, Journal, Person, Stamp};
use trustbank::storage::conflict::{copies_of, merged_folder};
use trustbank::storage::{Store, format, load};

#[path = "sync/sync_sim.rs"]
mod sync_sim;

fn day() -> NaiveDate {
    "2026-12-01".parse().expect("date")
}

/// A journal with an id and one entry, saved at `path`; returns it.
fn saved_journal(path: &Path) -> Journal {
    let mut journal = Journal { id: Id::from("01JJOURNAL0000000000000000"), ..Journal::default() };
    journal.insert_entry(entry(
        "01JE00000000000000000000A1",
        "2026-12-01",
        "20:00",
        EntryKind::Deposit,
        10,
        "appreciation",
        Person::A,
        "first",
    ));
    let (mut store, _) = Store::open(path.to_path_buf()).expect("open");
    store.save(&journal, day()).expect("save");
    load(path).expect("load").journal
}

/// `change` stamped by `by` at `at` ms, applied to `journal`.
fn made(journal: &mut Journal, change: Change, at: u64, by: Person) -> Change {
    let change = stamp(change, journal, Stamp::new(at, by));
    change.clone().apply(journal).expect("applies");
    change
}

/// A deposit of `cents` about and by `person` on 1 Dec at `time`, added
/// to `journal` at `at` ms; returns the change as stamped.
fn deposited(journal: &mut Journal, id: &str, time: &str, cents: u64, person: Person, note: &str, at: u64) -> Change {
    let e = entry(id, "2026-12-01", time, EntryKind::Deposit, cents, "appreciation", person, note);
    made(journal, Change::AddEntry(Entry { by: person, ..e }), at, person)
}

fn notes(journal: &Journal) -> Vec<String> {
    let mut notes: Vec<String> = journal.entries.iter().map(|e| e.note.clone()).collect();
    notes.sort();
    notes
}

fn write_copy(path: &Path, journal: &Journal) {
    fs::write(path, format::to_ron(journal).expect("ron")).expect("write copy");
}

#[test]
fn a_conflict_copy_is_merged_at_open_and_put_away_once_a_save_holds_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let mut theirs = saved_journal(&path);
    deposited(&mut theirs, "01JE00000000000000000000B1", "21:00", 25, Person::B, "from the other computer", 5_000);
    let copy = dir.path().join("journal.sync-conflict-20261201-213000-ABCDEFG.ron");
    write_copy(&copy, &theirs);

    let (mut store, mut loaded) = Store::open_on_device(path.clone(), Some(dir.path().join("device"))).expect("open");
    let gathered = store.gather(&mut loaded.journal);
    assert_eq!(notes(&loaded.journal), ["first", "from the other computer"]);
    let reports = gathered.reports();
    assert_eq!(reports.len(), 1);
    assert_eq!(format!("merged {} from {}", reports[0].1, reports[0].0), "merged 1 entry from a copy Syncthing made");
    // Not put away before a save holds it.
    assert!(copy.exists());
    assert_eq!(notes(&load(&path).expect("load").journal), ["first"]);

    store.refresh(&mut loaded.journal, &[], day()).expect("refresh");
    assert_eq!(notes(&load(&path).expect("load").journal), ["first", "from the other computer"]);
    assert!(!copy.exists(), "the copy is put away");
    assert!(merged_folder(&path).join(copy.file_name().expect("name")).exists(), "never deleted");
    assert!(copies_of(&path).is_empty());
}

#[test]
fn a_copy_that_does_not_parse_or_is_of_another_journal_stays_where_it_is_and_is_said() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    saved_journal(&path);
    let broken = dir.path().join("journal (Sam's conflicted copy 2026-12-01).ron");
    fs::write(&broken, "(version: 2, entries: [oops").expect("write");
    let other = dir.path().join("journal (conflicted copy 2026-12-01 213000).ron");
    write_copy(&other, &Journal { id: Id::from("01JOTHER000000000000000000"), ..Journal::default() });

    let (mut store, mut loaded) = Store::open_on_device(path.clone(), None).expect("open");
    let gathered = store.gather(&mut loaded.journal);
    assert!(!gathered.said());
    let warning = store.take_warning().expect("said");
    assert!(warning.contains("was not merged and is left where it is"), "{warning}");
    store.refresh(&mut loaded.journal, &[], day()).expect("refresh");
    assert!(broken.exists() && other.exists(), "neither is moved");
    assert_eq!(fs::read_to_string(&broken).expect("read"), "(version: 2, entries: [oops");
    assert_eq!(store.take_warning(), None, "said once");
}

#[test]
fn a_save_the_sync_tool_dropped_comes_back_from_this_computers_log() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let before = saved_journal(&path);
    let older = fs::read(&path).expect("read");
    let device = dir.path().join("device");

    // This computer adds an entry; the save lands.
    let (mut store, loaded) = Store::open_on_device(path.clone(), Some(device.clone())).expect("open");
    let mut journal = loaded.journal;
    let change = deposited(&mut journal, "01JE00000000000000000000A2", "21:00", 5, Person::A, "mine", 9_000);
    store.commit(&mut journal, &[change], day()).expect("commit");
    drop(store);
    // The sync tool puts the other computer's file over it (Syncthing with
    // maxConflicts 0): the entry is on no disk but in this computer's log.
    let mut theirs = before.clone();
    deposited(&mut theirs, "01JE00000000000000000000B2", "21:00", 7, Person::B, "theirs", 9_001);
    write_copy(&path, &theirs);
    assert_ne!(fs::read(&path).expect("read"), older);

    // The next open brings it back and saves it.
    let (mut store, mut loaded) = Store::open_on_device(path.clone(), Some(device.clone())).expect("open");
    let gathered = store.gather(&mut loaded.journal);
    assert_eq!(gathered.restored.map(|r| r.to_string()).as_deref(), Some("1 entry"));
    assert_eq!(notes(&loaded.journal), ["first", "mine", "theirs"]);
    store.refresh(&mut loaded.journal, &[], day()).expect("refresh");
    assert_eq!(notes(&load(&path).expect("load").journal), ["first", "mine", "theirs"]);

    // Dropped again while the app runs: the look that sees it brings it
    // back at once.
    write_copy(&path, &theirs);
    let came_in = store.refresh(&mut loaded.journal, &[], day()).expect("refresh").expect("it came in");
    assert!(came_in.restored.is_some(), "{came_in:?}");
    assert_eq!(notes(&load(&path).expect("load").journal), ["first", "mine", "theirs"]);
}

#[test]
fn nothing_of_one_computer_is_left_in_the_synced_folder_but_its_named_backups() {
    // Issue 12, point 7: the lock and the draft live in the device folders,
    // and the daily backup carries the computer's name, so two computers
    // never write the same file and a sync tool never carries a lock.
    let dir = tempfile::tempdir().expect("dir");
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).expect("mkdir");
    let path = synced.join("journal.ron");
    saved_journal(&path);
    // What an older trustbank left beside the journal.
    let old_lock = synced.join(".journal.ron.lock");
    fs::write(&old_lock, "").expect("write");
    let device = dir.path().join("device");
    let (mut store, loaded) = Store::open_on_device(path.clone(), Some(device.clone())).expect("open");
    let mut journal = loaded.journal;
    let change = deposited(&mut journal, "01JE00000000000000000000A2", "21:00", 5, Person::A, "mine", 9_000);
    store.commit(&mut journal, &[change], "2026-12-02".parse().expect("date")).expect("commit");

    let lock = trustbank::storage::device::lock_path(Some(&device), &path);
    assert!(lock.is_file(), "the lock is on this computer: {}", lock.display());
    assert!(!old_lock.exists(), "the old lock beside the journal is gone");
    let name = trustbank::storage::device::name(&device).expect("this computer's name");
    let backup = trustbank::storage::backup::backup_path(&path, "2026-12-02".parse().expect("date"), Some(&name));
    assert_eq!(trustbank::storage::backup::newest(&path), Some(backup));
    let mut beside: Vec<String> =
        fs::read_dir(&synced).expect("ls").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    beside.sort();
    assert_eq!(beside, ["backups", "journal.ron"]);
    // The first save had no file to back up; today's backup has this
    // computer's name.
    let mut backups: Vec<String> = fs::read_dir(synced.join("backups"))
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    backups.sort();
    assert_eq!(backups, [format!("journal-2026-12-02.{name}.ron")]);
}

#[test]
fn the_log_lets_go_once_a_file_another_computer_wrote_holds_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    saved_journal(&path);
    let device = dir.path().join("device");
    let (mut store, loaded) = Store::open_on_device(path.clone(), Some(device.clone())).expect("open");
    let mut journal = loaded.journal;
    let change = deposited(&mut journal, "01JE00000000000000000000A3", "21:00", 5, Person::A, "mine", 9_000);
    store.commit(&mut journal, &[change], day()).expect("commit");
    let logs = |dir: &Path| -> Vec<PathBuf> {
        fs::read_dir(dir.join("01JJOURNAL0000000000000000"))
            .map_or(Vec::new(), |d| d.flatten().map(|e| e.path()).collect())
    };
    let log = logs(&device).into_iter().find(|p| p.to_string_lossy().contains("unconfirmed-")).expect("a log");
    assert!(fs::read_to_string(&log).expect("log").contains("mine"));
    // The other computer took it in and wrote the file with a change of
    // its own: this file holds the entry and was not written here.
    let mut theirs = load(&path).expect("load").journal;
    deposited(&mut theirs, "01JE00000000000000000000B3", "21:30", 7, Person::B, "theirs", 9_500);
    write_copy(&path, &theirs);
    store.refresh(&mut journal, &[], day()).expect("refresh");
    assert!(!fs::read_to_string(&log).expect("log").contains("mine"), "confirmed, so let go");
}

#[test]
fn two_computers_synced_like_syncthing_keep_every_record_and_every_deletion() {
    for keep_conflicts in [true, false] {
        sync_sim::run(keep_conflicts, 10, 0x5eed + u64::from(keep_conflicts));
    }
}

#[test]
fn a_deletion_made_while_the_sync_tool_put_the_other_file_over_the_record_stands() {
    // What the simulation below caught: this computer saved an entry, the
    // sync tool then put the other computer's file over it (the save lost
    // the conflict: kept as a conflict copy, or dropped with maxConflicts
    // 0), and the entry was deleted here before the app saw that. The
    // deletion meets a file without the entry, yet the copy and this
    // computer's log bring the entry back in the same save: its tombstone
    // must be there to keep it deleted.
    for keep_copy in [true, false] {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("journal.ron");
        let before = saved_journal(&path);
        let (mut store, loaded) = Store::open_on_device(path.clone(), Some(dir.path().join("device"))).expect("open");
        let mut journal = loaded.journal;
        let add = deposited(&mut journal, "01JE00000000000000000000A2", "21:00", 5, Person::A, "deleted", 9_000);
        store.commit(&mut journal, &[add], day()).expect("commit");
        let lost = fs::read(&path).expect("read");
        let mut theirs = before.clone();
        deposited(&mut theirs, "01JE00000000000000000000B2", "21:00", 7, Person::B, "theirs", 9_001);
        if keep_copy {
            fs::write(dir.path().join("journal.sync-conflict-20261201-213000-ABCDEFG.ron"), &lost).expect("copy");
        }
        write_copy(&path, &theirs);

        let removal = made(&mut journal, Change::RemoveEntry(Id::from("01JE00000000000000000000A2")), 9_500, Person::A);
        let came_in = store.commit(&mut journal, &[removal], day()).expect("commit").expect("it came in");
        assert_eq!(came_in.dropped, Vec::<String>::new(), "the deletion is done (keep copy: {keep_copy})");
        for (what, journal) in [("the session", journal), ("the file", load(&path).expect("load").journal)] {
            assert_eq!(notes(&journal), ["first", "theirs"], "{what} (keep copy: {keep_copy})");
            assert!(
                journal.removed.iter().any(|r| r.id.as_str() == "01JE00000000000000000000A2"),
                "{what} keeps the tombstone (keep copy: {keep_copy})"
            );
        }
    }
}
