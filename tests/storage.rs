//! The storage layer against a real file system: round trips, permissions,
//! bad files left untouched, the lock, read-only folders, backups.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Weekday};
use trustbank::domain::*;
use trustbank::storage::{ReadOnly, StorageError, Store, backup, format, load};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

const TRICKY: &str = "emoji 💛🫶, CJK 信頼, quotes \" and ', backslash \\ \\n, newline\nsecond line, ) ] } ( [ {, r#\"raw\"#, combining é";

/// A journal that uses every field of the format.
fn full_journal() -> Journal {
    let at = DateTime::parse_from_rfc3339("2026-11-26T21:15:00+01:00").expect("time");
    let mut j = Journal::default();
    j.people.get_mut(trustbank::domain::Person::A).name = "Ana".into();
    j.people.get_mut(trustbank::domain::Person::B).name = "Bo 🌱".into();
    j.settings.week_starts_on = Weekday::Sun;
    j.insert_entry(Entry {
        id: Id::from("01JDEPOSIT0000000000000000"),
        date: d("2026-11-26"),
        at,
        kind: EntryKind::Deposit,
        amount: Amount(25),
        category: "appreciation".into(),
        who: Person::B,
        note: TRICKY.into(),
        commitment: Some(Id::from("01JCOMMIT00000000000000000")),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.insert_entry(Entry {
        id: Id::from("01JWIPE0000000000000000000"),
        date: d("2026-11-25"),
        at,
        kind: EntryKind::Wipe,
        amount: Amount(0),
        category: "betrayal".into(),
        who: Person::A,
        note: String::new(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.commitments.push(Commitment {
        id: Id::from("01JCOMMIT00000000000000000"),
        title: "Pick up Mia — 学校".into(),
        note: TRICKY.into(),
        schedule: Schedule::Weekdays(vec![Weekday::Mon, Weekday::Fri]),
        kept: Amount(10),
        missed: Amount(100),
        start: d("2026-11-01"),
        end: Some(d("2027-06-30")),
        archived: false,
        archived_on: None,
        pauses: Vec::new(),
        earlier_schedules: Vec::new(),
        agreement: Some(Id::from("01JAGREE000000000000000000")),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    for (i, schedule) in [
        Schedule::Daily,
        Schedule::TimesPerWeek(3),
        Schedule::EveryNWeeks { every: 2, weekday: Weekday::Wed },
        Schedule::Monthly(31),
        Schedule::Once(d("2026-12-24")),
    ]
    .into_iter()
    .enumerate()
    {
        j.commitments.push(Commitment {
            id: Id(format!("01JCOMMIT{:017}", i + 1)),
            title: format!("commitment {i}"),
            note: String::new(),
            schedule,
            kept: Amount(5),
            missed: Amount(500),
            start: d("2026-01-01"),
            end: None,
            archived: i == 2,
            // A schedule changed once, and an archive after an unarchive.
            archived_on: (i == 2).then(|| d("2026-10-01")),
            pauses: if i == 2 {
                vec![Pause { archived_on: d("2026-03-01"), unarchived_on: d("2026-04-01"), from_start: true }]
            } else {
                Vec::new()
            },
            earlier_schedules: if i == 1 {
                vec![EarlierSchedule { schedule: Schedule::Daily, changed_on: d("2026-06-01") }]
            } else {
                Vec::new()
            },
            agreement: None,
            by: trustbank::domain::Person::A,
            updated: 0,
        });
    }
    j.outcomes.push(OutcomeRecord {
        id: Id::from("01JCOMMIT00000000000000000@2026-11-26"),
        commitment: Id::from("01JCOMMIT00000000000000000"),
        date: d("2026-11-26"),
        outcome: Outcome::Kept,
        entry: Some(Id::from("01JDEPOSIT0000000000000000")),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.check_ins.push(CheckIn {
        id: Id::from("01JCHECKIN0000000000000000"),
        date: d("2026-11-26"),
        at,
        rating: 4,
        reflection: TRICKY.into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.repairs.push(Repair {
        id: Id::from("01JREPAIR00000000000000000"),
        title: "The hidden card".into(),
        injury_date: d("2026-11-25"),
        withdrawal: Some(Id::from("01JWIPE0000000000000000000")),
        reveal: Reveal {
            state: StepState::Done,
            how_i_felt: TRICKY.into(),
            what_i_thought: "a".into(),
            what_i_did: "b".into(),
            why_never_again: "c".into(),
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        acknowledge: Acknowledge {
            state: StepState::InProgress,
            apology: "I am sorry".into(),
            mirror: "I hear that you feel…".into(),
            felt_seen_and_heard: true,
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        make_it_right: MakeItRight {
            state: StepState::InProgress,
            agreements: vec![Agreement {
                id: Id::from("01JAGREE000000000000000000"),
                text: "Weekly therapy".into(),
                commitment: Some(Id::from("01JCOMMIT00000000000000000")),
                by: trustbank::domain::Person::A,
                updated: 0,
            }],
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        long_game: LongGame { state: StepState::NotStarted, by: trustbank::domain::Person::A, updated: 0 },
        closed: false,
        by: trustbank::domain::Person::A,
        hurt: trustbank::domain::Person::B,
        updated: 0,
    });
    j
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn journal_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("journal.ron")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn a_journal_with_every_field_round_trips() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let journal = full_journal();
    let (mut store, loaded) = Store::open(path.clone()).expect("open");
    assert!(!loaded.existed);
    store.save(&journal, d("2026-11-26")).expect("save");
    drop(store);
    let back = load(&path).expect("load").journal;
    assert_eq!(back, journal);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("(\n    version: 2,"), "{}", &text[..40]);
    // Human-readable: Unicode is written as itself, not escaped.
    assert!(text.contains("💛🫶") && text.contains("信頼"));
}

#[test]
fn a_missing_file_is_created_only_on_the_first_change() {
    let dir = temp_dir();
    let path = dir.path().join("new/sub/journal.ron");
    let (mut store, loaded) = Store::open(path.clone()).expect("open");
    assert!(!loaded.existed);
    assert!(!loaded.journal.id.as_str().is_empty(), "a new journal gets its id at once");
    assert_eq!(Journal { id: Id::default(), ..loaded.journal.clone() }, Journal::default());
    assert!(!dir.path().join("new").exists(), "nothing is created before a change");
    store.save(&Journal::default(), d("2026-11-26")).expect("save");
    assert!(path.exists());
    #[cfg(unix)]
    assert_eq!(mode(path.parent().expect("folder")), 0o700);
}

#[cfg(unix)]
#[test]
fn the_file_is_private_whatever_the_umask() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    // umask is process-wide; 0o000 is the most permissive there is.
    let old = unsafe_umask(0o000);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&full_journal(), d("2026-11-26")).expect("save");
    store.save(&full_journal(), d("2026-11-27")).expect("save with backup");
    unsafe_umask(old);
    assert_eq!(mode(&path), 0o600);
    for b in backup::list(&path) {
        assert_eq!(mode(&b), 0o600, "{}", b.display());
    }
}

#[cfg(unix)]
fn unsafe_umask(mask: u32) -> u32 {
    // No libc dependency for one call: ask the shell? umask is per process,
    // so it must be set here. Use the raw syscall through std's FFI.
    unsafe extern "C" {
        fn umask(mask: u32) -> u32;
    }
    // SAFETY: umask has no preconditions and cannot fail.
    unsafe { umask(mask) }
}

fn assert_untouched(path: &Path, bytes: &[u8], err: &StorageError) -> String {
    assert_eq!(fs::read(path).expect("still there"), bytes, "file changed");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "names the path: {message}");
    message
}

#[test]
fn a_corrupt_file_is_reported_with_line_and_column_and_left_unchanged() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let bytes = b"(\n    version: 1,\n    entries: [ oops ],\n)\n".to_vec();
    fs::write(&path, &bytes).expect("write");
    let err = Store::open(path.clone()).expect_err("corrupt");
    let message = assert_untouched(&path, &bytes, &err);
    assert!(matches!(err, StorageError::Parse { line: 3, .. }), "{err:?}");
    assert!(message.contains(":3:"), "{message}");
    assert!(message.contains("no backup"), "{message}");
}

#[test]
fn a_truncated_file_is_reported_and_names_the_newest_backup() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&full_journal(), d("2026-11-25")).expect("first save");
    store.save(&full_journal(), d("2026-11-26")).expect("second save makes a backup");
    drop(store);
    let full = fs::read(&path).expect("read");
    let cut = full[..full.len() / 2].to_vec();
    fs::write(&path, &cut).expect("truncate");
    let err = Store::open(path.clone()).expect_err("truncated");
    let message = assert_untouched(&path, &cut, &err);
    assert!(message.contains("journal-2026-11-26.ron"), "{message}");
}

#[test]
fn a_newer_version_opens_read_only_and_refuses_to_write() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let bytes = b"(version: 99, entries: [])\n".to_vec();
    fs::write(&path, &bytes).expect("write");
    let (mut store, loaded) = Store::open(path.clone()).expect("readable");
    assert_eq!(loaded.newer_version, Some(99));
    assert_eq!(store.read_only(), Some(&ReadOnly::NewerVersion { found: 99 }));
    let err = store.save(&Journal::default(), d("2026-11-26")).expect_err("refused");
    let message = assert_untouched(&path, &bytes, &err);
    assert!(message.contains("newer trustbank"), "{message}");
}

#[test]
fn a_newer_version_with_unknown_shapes_says_update() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let bytes = b"(version: 3, entries: [ Something(new: true) ])\n".to_vec();
    fs::write(&path, &bytes).expect("write");
    let err = Store::open(path.clone()).expect_err("too new");
    assert!(matches!(err, StorageError::TooNew { found: 3, .. }), "{err:?}");
    assert_untouched(&path, &bytes, &err);
}

/// An entry with a fresh id and the note `note`, for the tests of writers.
fn noted(note: &str) -> Entry {
    let mut e = full_journal().entries[0].clone();
    e.id = Id::generate(1_800_000_000_000);
    e.commitment = None;
    e.note = note.into();
    e
}

fn notes_of(journal: &Journal) -> Vec<String> {
    let mut notes: Vec<String> = journal.entries.iter().map(|e| e.note.clone()).collect();
    notes.sort();
    notes
}

/// Applies `change` to `journal` and commits it through `store`.
fn commit(store: &mut Store, journal: &mut Journal, change: Change) -> Option<trustbank::storage::CameIn> {
    change.clone().apply(journal).expect("applies");
    store.commit(journal, &[change], d("2026-11-26")).expect("commit")
}

#[test]
fn two_writers_on_one_file_both_write_and_neither_loses_a_line() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut first, loaded) = Store::open(path.clone()).expect("open");
    let mut one = loaded.journal;
    let (mut second, loaded) = Store::open(path.clone()).expect("a second opens and may write too");
    assert_eq!(second.read_only(), None);
    let mut two = loaded.journal;

    assert_eq!(commit(&mut first, &mut one, Change::AddEntry(noted("one: a"))), None);
    // The second never read that: its save takes it in and adds its own.
    let came_in = commit(&mut second, &mut two, Change::AddEntry(noted("two: b"))).expect("it came in");
    assert_eq!(came_in.difference.entries.added, 1, "{came_in:?}");
    assert_eq!(came_in.difference.to_string(), "1 entry added");
    assert_eq!(notes_of(&two), ["one: a", "two: b"]);
    let came_in = commit(&mut first, &mut one, Change::AddEntry(noted("one: c"))).expect("it came in");
    assert_eq!(came_in.dropped, Vec::<String>::new());
    assert_eq!(notes_of(&one), ["one: a", "one: c", "two: b"]);
    // Each then holds what is on disk.
    assert_eq!(load(&path).expect("loads").journal, one);
    assert_eq!(commit(&mut first, &mut one, Change::AddEntry(noted("one: d"))), None);
    assert_eq!(notes_of(&load(&path).expect("loads").journal), ["one: a", "one: c", "one: d", "two: b"]);
}

#[test]
fn an_edit_of_a_record_deleted_outside_is_dropped_with_a_sentence() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut first, loaded) = Store::open(path.clone()).expect("open");
    let mut one = loaded.journal;
    let kept = noted("stays");
    let gone = noted("deleted by the other window");
    commit(&mut first, &mut one, Change::AddEntry(kept.clone()));
    commit(&mut first, &mut one, Change::AddEntry(gone.clone()));
    let (mut second, loaded) = Store::open(path.clone()).expect("open");
    let mut two = loaded.journal;
    commit(&mut second, &mut two, Change::RemoveEntry(gone.id.clone()));

    let mut edited = gone.clone();
    edited.note = "edited in the first".into();
    let came_in = commit(&mut first, &mut one, Change::ReplaceEntry(edited)).expect("the deletion came in");
    assert_eq!(came_in.dropped.len(), 1, "{came_in:?}");
    assert!(came_in.dropped[0].contains("that entry no longer exists"), "{:?}", came_in.dropped);
    assert_eq!(notes_of(&one), ["stays"]);
    assert_eq!(notes_of(&load(&path).expect("loads").journal), ["stays"]);
}

#[test]
fn a_whole_journal_is_never_saved_over_a_file_changed_outside() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&full_journal(), d("2026-11-26")).expect("save");
    let edited = fs::read_to_string(&path).expect("read").replace("Ana", "Ana María");
    fs::write(&path, &edited).expect("a hand edit");
    let err = store.save(&Journal::default(), d("2026-11-26")).expect_err("refused");
    assert!(matches!(err, StorageError::ChangedOutside { .. }), "{err:?}");
    assert!(err.to_string().contains("changed since it was read"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), edited);
}

#[test]
fn a_hand_edit_survives_the_next_save_and_a_rename_over_the_file_is_seen() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    let mut journal = full_journal();
    store.save(&journal, d("2026-11-26")).expect("save");
    let edited = fs::read_to_string(&path).expect("read").replace("\"Ana\"", "\"Ana María\"");
    fs::write(&path, &edited).expect("a hand edit");
    let came_in = commit(&mut store, &mut journal, Change::AddEntry(noted("after the edit"))).expect("came in");
    assert!(came_in.difference.people, "{came_in:?}");
    let on_disk = load(&path).expect("loads").journal;
    assert_eq!(on_disk.people.name(trustbank::domain::Person::A), "Ana María");
    assert!(on_disk.entries.iter().any(|e| e.note == "after the edit"));

    // A sync tool writes a new file and renames it over the journal.
    let mut theirs = on_disk.clone();
    theirs.insert_entry(noted("from the sync tool"));
    let other = dir.path().join("incoming.tmp");
    fs::write(&other, format::to_ron(&theirs).expect("ron")).expect("write");
    fs::rename(&other, &path).expect("rename");
    let came_in = store.refresh(&mut journal, &[], d("2026-11-26")).expect("look").expect("came in");
    assert_eq!(came_in.difference.entries.added, 1);
    assert_eq!(journal, theirs);
    // Looking again finds nothing new.
    assert_eq!(store.refresh(&mut journal, &[], d("2026-11-26")).expect("look"), None);
}

#[test]
fn a_file_broken_outside_is_never_written_and_the_session_goes_to_a_side_file() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    let mut journal = full_journal();
    store.save(&journal, d("2026-11-26")).expect("save");
    let broken = "(version: 1, entries: [ oops";
    fs::write(&path, broken).expect("a broken hand edit");

    let change = Change::AddEntry(noted("typed while it was broken"));
    change.clone().apply(&mut journal).expect("applies");
    let err = store.commit(&mut journal, std::slice::from_ref(&change), d("2026-11-26")).expect_err("refused");
    assert_eq!(fs::read_to_string(&path).expect("read"), broken, "never overwritten");
    let reason = store.read_only().expect("read-only now").to_string();
    assert!(err.to_string().contains("does not parse"), "{err}");
    let side: Vec<PathBuf> = fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("journal.unsaved-")))
        .collect();
    assert_eq!(side.len(), 1, "{side:?}");
    let side_name = side[0].file_name().expect("name").to_string_lossy().into_owned();
    assert!(reason.starts_with(&format!("this window's journal is kept in {side_name}")), "{reason}");
    assert_eq!(mode(&side[0]), 0o600);
    // The side file is a whole journal holding the session's change.
    assert!(
        notes_of(&load(&side[0]).expect("the side file loads").journal).contains(&"typed while it was broken".into())
    );
    // Looking again does not write a second side file.
    let err = store.commit(&mut journal, std::slice::from_ref(&change), d("2026-11-26")).expect_err("still refused");
    assert!(err.to_string().contains("read-only"), "{err}");

    // Once the file parses again, the change lands on it.
    let mut fixed = full_journal();
    fixed.people.get_mut(trustbank::domain::Person::A).name = "fixed by hand".into();
    fs::write(&path, format::to_ron(&fixed).expect("ron")).expect("fixed");
    let came_in = store.commit(&mut journal, &[change], d("2026-11-26")).expect("writes again").expect("came in");
    assert!(came_in.readable_again);
    assert_eq!(store.read_only(), None);
    let on_disk = load(&path).expect("loads").journal;
    assert_eq!(on_disk.people.name(trustbank::domain::Person::A), "fixed by hand");
    assert!(notes_of(&on_disk).contains(&"typed while it was broken".into()));
}

/// Makes a folder unwritable even for root (with `chattr +i`), and undoes
/// it when dropped.
struct Unwritable(PathBuf);

impl Unwritable {
    fn new(folder: &Path) -> Unwritable {
        let root = std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n");
        if root.unwrap_or(false) {
            let ok = std::process::Command::new("chattr").arg("+i").arg(folder).status();
            assert!(ok.is_ok_and(|s| s.success()), "chattr +i failed");
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(folder, fs::Permissions::from_mode(0o500)).expect("chmod");
            }
        }
        Unwritable(folder.to_path_buf())
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&self.0).status();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o700));
        }
    }
}

#[test]
fn a_save_into_a_read_only_folder_fails_clearly_and_keeps_the_old_file() {
    let dir = temp_dir();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("journal.ron");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&full_journal(), d("2026-11-26")).expect("first save");
    let before = fs::read(&path).expect("read");
    let guard = Unwritable::new(&folder);
    let err = store.save(&Journal::default(), d("2026-11-26")).expect_err("read-only folder");
    let message = assert_untouched(&path, &before, &err);
    assert!(message.starts_with("cannot save"), "{message}");
    drop(guard);
    store.save(&Journal::default(), d("2026-11-26")).expect("works again once writable");
    assert_eq!(load(&path).expect("load").journal, Journal::default());
}

#[test]
fn backups_are_daily_and_rotate_at_fourteen() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let (mut store, _) = Store::open(path.clone()).expect("open");
    let first = d("2026-11-01");
    let mut journal = Journal::default();
    for day in first.iter_days().take(20) {
        journal.people.get_mut(trustbank::domain::Person::A).name = day.to_string();
        // Two saves a day: only the first makes that day's backup.
        store.save(&journal, day).expect("save");
        store.save(&journal, day).expect("save again");
    }
    let backups = backup::list(&path);
    assert_eq!(backups.len(), backup::KEEP);
    let names: Vec<String> =
        backups.iter().map(|b| b.file_name().expect("name").to_string_lossy().into_owned()).collect();
    // Day 1 had no file to back up; days 2..=20 did; the newest 14 remain.
    assert_eq!(names.first().map(String::as_str), Some("journal-2026-11-07.ron"));
    assert_eq!(names.last().map(String::as_str), Some("journal-2026-11-20.ron"));
    // Each backup holds the file as it was before that day's first save.
    let newest = load(backups.last().expect("one")).expect("parses").journal;
    assert_eq!(newest.people.name(trustbank::domain::Person::A), "2026-11-19");
}

#[test]
fn a_file_replaced_by_a_folder_is_reported() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    fs::create_dir(&path).expect("mkdir");
    let err = Store::open(path.clone()).expect_err("a folder");
    assert!(err.to_string().contains("is a folder"), "{err}");
}

#[test]
fn stale_temp_files_from_a_killed_save_are_cleared_by_the_next_save() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let stale = dir.path().join(".journal.ron.abc123.tmp");
    fs::write(&stale, b"(version: 1, entr").expect("write");
    let (mut store, _) = Store::open(path).expect("open");
    // Opening only reads: another trustbank may be mid-save right now.
    assert!(stale.exists());
    store.save(&full_journal(), d("2026-11-26")).expect("save");
    assert!(!stale.exists());
}

#[test]
fn the_pretty_format_is_stable() {
    let text = format::to_ron(&full_journal()).expect("ron");
    assert_eq!(
        format::to_ron(&format::from_ron(text.as_bytes(), Path::new("x"), None).expect("parse").journal).expect("ron"),
        text
    );
}

#[test]
fn a_fifo_as_the_journal_is_refused_at_once() {
    let dir = temp_dir();
    let path = journal_path(&dir);
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());
    // Reading a FIFO would wait for a writer for ever: this must return.
    let err = Store::open(path.clone()).expect_err("a FIFO");
    assert!(matches!(err, StorageError::NotAFile { .. }), "{err:?}");
    assert!(err.to_string().contains("is not a regular file"), "{err}");
    let err = load(&path).expect_err("a FIFO");
    assert!(err.to_string().contains("is not a regular file"), "{err}");
}

#[test]
fn a_file_name_with_no_room_for_its_temporary_file_is_refused_with_a_sentence() {
    let dir = temp_dir();
    let path = dir.path().join(format!("{}.ron", "j".repeat(240)));
    let err = Store::open(path.clone()).expect_err("too long");
    assert!(matches!(err, StorageError::NameTooLong { len: 244, max: 243, .. }), "{err:?}");
    assert!(err.to_string().starts_with("the journal's file name is 244 bytes long"), "{err}");
    // One byte shorter works, temporary file and all.
    let path = dir.path().join(format!("{}.ron", "j".repeat(239)));
    let (mut store, _) = Store::open(path.clone()).expect("fits");
    store.save(&full_journal(), d("2026-11-26")).expect("saves");
}

#[cfg(unix)]
#[test]
fn a_link_is_judged_by_the_name_of_the_file_it_names() {
    // The lock and temporary files sit beside the file a link names, so
    // that is the name that must leave room for them.
    let dir = temp_dir();
    let long = dir.path().join(format!("{}.ron", "j".repeat(240)));
    fs::write(&long, format::to_ron(&full_journal()).expect("ron")).expect("write");
    let short_link = dir.path().join("journal.ron");
    std::os::unix::fs::symlink(&long, &short_link).expect("symlink");
    let err = Store::open(short_link).expect_err("the file it names is too long");
    assert!(matches!(err, StorageError::NameTooLong { len: 244, max: 243, .. }), "{err:?}");
    assert!(err.to_string().starts_with("the journal's file name is 244 bytes long"), "{err}");

    let real = dir.path().join("real.ron");
    fs::write(&real, format::to_ron(&full_journal()).expect("ron")).expect("write");
    let long_link = dir.path().join("l".repeat(250));
    std::os::unix::fs::symlink(&real, &long_link).expect("symlink");
    let (mut store, _) = Store::open(long_link).expect("a long link to a short name opens");
    store.save(&full_journal(), d("2026-11-27")).expect("and saves");
    assert_eq!(store.path(), real.as_path());
}
