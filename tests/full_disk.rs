//! Issue 14, point 6: a full disk, through the storage's `Faults` seam. At
//! open, a lock file that cannot be made opens the journal read-only, and
//! the footer says the disk is full; at a save, the temporary file or the
//! lock file that cannot be made fails the save, which says so and is tried
//! again. Nothing on disk or typed is lost, and once there is room the next
//! save works, without starting again.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::{Action, App, Overlay, update};
use trustbank::domain::{Amount, Change, Entry, EntryKind, Id, Journal, Person};
use trustbank::storage::atomic::{Faults, Step};
use trustbank::storage::lock;
use trustbank::storage::writer::{SaveEvent, Writer};
use trustbank::storage::{ReadOnly, StorageError, Store, backup, format, load};
use trustbank::ui::{Theme, render};

mod support;

use support::writer::events_until;

use support::files::temp_files;

const NOW: &str = "2026-11-26T21:00:00+01:00";
const ENOSPC: i32 = 28;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).expect("time")
}

fn day() -> NaiveDate {
    now().date_naive()
}

fn entry(i: usize, note: &str) -> Entry {
    Entry {
        id: Id(format!("01JDISKFULL{i:015}")),
        date: day(),
        at: now(),
        kind: EntryKind::Deposit,
        amount: Amount(1),
        category: "positive interaction".into(),
        who: Person::A,
        note: note.to_string(),
        commitment: None,
        by: Person::A,
        updated: 0,
    }
}

fn journal_with(notes: &[&str]) -> Journal {
    let mut j = Journal::default();
    for (i, note) in notes.iter().enumerate() {
        j.insert_entry(entry(i, note));
    }
    j
}

fn notes(journal: &Journal) -> Vec<String> {
    journal.entries.iter().map(|e| e.note.clone()).collect()
}

/// A disk that fills up and gets room again. While full, no file can be
/// made: neither a save's temporary file nor the lock file. A file that is
/// already there opens as before (opening takes no room).
#[derive(Default)]
struct Disk {
    full: AtomicBool,
}

impl Disk {
    fn full() -> Arc<Disk> {
        let disk = Arc::new(Disk::default());
        disk.set_full(true);
        disk
    }

    fn set_full(&self, full: bool) {
        self.full.store(full, Ordering::SeqCst);
    }

    fn no_room(&self) -> io::Result<()> {
        match self.full.load(Ordering::SeqCst) {
            true => Err(io::Error::from_raw_os_error(ENOSPC)),
            false => Ok(()),
        }
    }
}

impl Faults for Disk {
    fn before(&self, step: Step) -> io::Result<()> {
        match step {
            Step::CreateTemp => self.no_room(),
            _ => Ok(()),
        }
    }

    fn open_lock(&self, lock: &Path) -> io::Result<fs::File> {
        if !lock.exists() {
            self.no_room()?;
        }
        lock::open_file(lock)
    }

    fn probe(&self, journal: &Path) -> io::Result<()> {
        self.no_room()?;
        self.create_temp(journal.parent().expect("a folder"), ".probe.").map(drop)
    }
}

/// The lock file of a store opened without device folders: beside the
/// journal.
fn lock_path(journal: &Path) -> PathBuf {
    trustbank::storage::device::lock_path(None, journal)
}

/// The screen's last line, drawn at `width` x 24.
fn footer(app: &App, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 24)).expect("a test terminal");
    terminal.draw(|frame| render(frame, app, &Theme::dark())).expect("draws");
    let buffer = terminal.backend().buffer();
    let y = buffer.area.bottom() - 1;
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string()
}

/// `journal.ron` holding "before", written as another copy of trustbank
/// would have left it (no lock file yet: its first run in this folder).
fn journal_file(dir: &tempfile::TempDir) -> (PathBuf, Vec<u8>) {
    let path = dir.path().join("journal.ron");
    let text = format::to_ron(&journal_with(&["before"])).expect("ron");
    fs::write(&path, &text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    (path, text.into_bytes())
}

#[test]
fn a_full_disk_at_open_opens_read_only_says_so_and_saves_once_there_is_room() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, before) = journal_file(&dir);
    let disk = Disk::full();

    let (mut store, loaded) =
        Store::open_with(path.clone(), Arc::clone(&disk) as Arc<dyn Faults>).expect("opens read-only, not an error");
    assert_eq!(notes(&loaded.journal), ["before"], "the whole journal is read");
    assert_eq!(store.read_only(), Some(&ReadOnly::DiskFull));
    let reason = store.read_only().expect("read-only").to_string();
    assert_eq!(
        reason,
        "the disk is full: not even a small file can be made beside the journal; free some space to save again"
    );

    // The app opens on it read-only, and its footer says why.
    let mut app = App::new(loaded.journal, now(), Some(reason));
    assert!(footer(&app, 120).contains("read-only: the disk is full: not even a small file"), "{}", footer(&app, 120));
    assert!(footer(&app, 80).contains("read-only: the disk is full"), "{}", footer(&app, 80));
    // Nothing can be typed, so nothing typed can be lost; the message says
    // why in full.
    update(&mut app, Action::AddDeposit);
    assert_eq!(app.overlay, Overlay::None);
    let message = app.message.clone().expect("a message");
    assert!(message.starts_with("read-only, nothing can be changed: the disk is full: "), "{message}");

    // A save (the command line's `add`) is refused with the same sentence
    // and writes nothing.
    let err = store.save(&journal_with(&["before", "lost?"]), day()).expect_err("read-only");
    assert!(matches!(err, StorageError::ReadOnly { reason: ReadOnly::DiskFull, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is read-only: the disk is full: not even a small file can be made beside the journal; free some space to save again",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).expect("read"), before, "the file is untouched");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
    assert!(!lock_path(&path).exists());

    // The writer keeps looking; once there is room it says the journal may
    // be written again, and the app takes changes again.
    let writer = Writer::spawn(store);
    writer.save(0, journal_with(&["before"]), day());
    let still = events_until(&writer, Duration::from_millis(1500), |_| true);
    assert_eq!(still, [], "still full: nothing to report");
    disk.set_full(false);
    let events = events_until(&writer, Duration::from_secs(5), |e| *e == SaveEvent::Writable);
    assert_eq!(events, [SaveEvent::Writable]);
    update(&mut app, Action::Writable);
    assert_eq!(app.read_only(), None);
    assert!(footer(&app, 80).ends_with("saved"), "{}", footer(&app, 80));
    update(&mut app, Action::AddDeposit);
    assert!(matches!(app.overlay, Overlay::Entry(_)), "the form opens");

    // And the next save works.
    writer.apply(1, vec![Change::AddEntry(entry(1, "after"))], day());
    let saved = events_until(&writer, Duration::from_secs(5), |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(saved.last(), Some(&SaveEvent::Saved { revision: 1 }), "{saved:?}");
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after"]);
    assert!(lock_path(&path).exists());
    assert_eq!(writer.finish(), Vec::new());
}

#[test]
fn a_full_disk_at_open_is_lifted_by_the_next_save_once_there_is_room() {
    // The command line's way: no writer looks in between, the save itself
    // finds the room.
    let dir = tempfile::tempdir().expect("dir");
    let (path, _) = journal_file(&dir);
    let disk = Disk::full();
    let (mut store, _) = Store::open_with(path.clone(), Arc::clone(&disk) as Arc<dyn Faults>).expect("open");
    assert_eq!(store.read_only(), Some(&ReadOnly::DiskFull));
    disk.set_full(false);
    store.save(&journal_with(&["before", "after"]), day()).expect("room again");
    assert_eq!(store.read_only(), None);
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after"]);
}

#[test]
fn a_full_disk_at_a_save_says_so_keeps_what_was_typed_and_saves_once_there_is_room() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, before) = journal_file(&dir);
    let disk = Arc::new(Disk::default());
    let (store, loaded) = Store::open_with(path.clone(), Arc::clone(&disk) as Arc<dyn Faults>).expect("open");
    assert_eq!(store.read_only(), None, "there was room at open");
    let writer = Writer::spawn(store);
    writer.save(0, loaded.journal, day());
    // That first save makes the lock file (a store makes it at its first
    // save, not at open).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !lock_path(&path).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(lock_path(&path).exists(), "the first save took the lock");

    // The disk fills up; a change is typed.
    disk.set_full(true);
    writer.apply(1, vec![Change::AddEntry(entry(1, "typed while full"))], day());
    let failed = events_until(&writer, Duration::from_secs(5), |_| true);
    let [SaveEvent::Failed { revision: 1, error }] = failed.as_slice() else {
        panic!("expected one Failed report, got {failed:?}");
    };
    let path_shown = path.display().to_string();
    assert!(error.starts_with("cannot save: the disk is full (No space left on device"), "{error}");
    assert!(error.ends_with(&format!("; the journal is {path_shown}")), "{error}");
    // The footer keeps the start of it, which says why.
    let mut app = App::new(journal_with(&["before", "typed while full"]), now(), None);
    update(&mut app, Action::SaveFailed { revision: 1, error: error.clone() });
    assert!(footer(&app, 120).contains("save failed: cannot save: the disk is full"), "{}", footer(&app, 120));
    assert_eq!(fs::read(&path).expect("read"), before, "the old file is intact");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());

    // Meanwhile the lock file goes (a cleaner, a sync tool): it cannot be
    // made again either, and the retry says so.
    fs::remove_file(lock_path(&path)).expect("rm the lock file");
    writer.look();
    let failed = events_until(&writer, Duration::from_secs(5), |_| true);
    let [SaveEvent::Failed { revision: 1, error }] = failed.as_slice() else {
        panic!("expected one Failed report, got {failed:?}");
    };
    assert!(error.starts_with("cannot lock: the disk is full (No space left on device"), "{error}");
    assert!(error.ends_with(&format!("; the lock file is {}", lock_path(&path).display())), "{error}");
    assert_eq!(fs::read(&path).expect("read"), before);

    // Room again: the retry saves what was typed, without a new request.
    disk.set_full(false);
    let rest = events_until(&writer, Duration::from_secs(20), |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(rest.last(), Some(&SaveEvent::Saved { revision: 1 }), "{rest:?}");
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "typed while full"]);
    // The day's backup was made by that save too, so the failed tries'
    // "no backup was made today" is not said after it.
    assert_eq!(fs::read(backup::backup_path(&path, day(), None)).expect("the backup"), before);
    assert!(!rest.iter().any(|e| matches!(e, SaveEvent::Warning(_))), "{rest:?}");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
    assert_eq!(writer.finish(), Vec::new());
}
