//! Issue 8, "nothing typed is ever lost": saves that fail, for pretend (the
//! `Faults` seam: ENOSPC and EIO at every step of a save, through the store
//! and through the background writer) and for real (a read-only folder, the
//! journal replaced by a folder, an old backup that cannot be removed, a
//! journal that is a symbolic link), and the privacy of every file written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use trustbank::domain::{Amount, Change, Entry, EntryKind, Id, Journal, Person};
use trustbank::storage::atomic::{Faults, Step};
use trustbank::storage::writer::{SaveEvent, Writer};
use trustbank::storage::{StorageError, Store, backup, load};

mod support;

use support::writer::events_until;

use support::files::temp_files;

/// Between fork and exec a child holds a copy of every open file of this
/// process, a held lock file's too, so for a moment a dropped store's lock
/// is not free. Children are started holding this for reading; a test that
/// needs a lock free again drops its store holding it for writing.
static FORKS: RwLock<()> = RwLock::new(());

fn output(command: &mut Command) -> Output {
    let _forking = FORKS.read().unwrap_or_else(PoisonError::into_inner);
    command.output().expect("runs")
}

const ENOSPC: i32 = 28;
const EIO: i32 = 5;
const NOW: &str = "2026-11-26T21:00:00+01:00";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A journal holding `notes`, one penny deposit each.
fn journal_with(notes: &[&str]) -> Journal {
    let at = DateTime::parse_from_rfc3339(NOW).expect("time");
    let mut j = Journal::default();
    for (i, note) in notes.iter().enumerate() {
        j.insert_entry(Entry {
            id: Id(format!("01JFAULT{i:018}")),
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

fn notes(journal: &Journal) -> Vec<String> {
    journal.entries.iter().map(|e| e.note.clone()).collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// Fails one step of every save with one error number, until cleared.
#[derive(Default)]
struct Injected {
    fault: Mutex<Option<(Step, i32)>>,
    /// Every step asked about, in order.
    seen: Mutex<Vec<Step>>,
    /// Whether the fault clears after it fires.
    once: Mutex<bool>,
}

impl Injected {
    fn set(&self, fault: Option<(Step, i32)>) {
        *self.fault.lock().unwrap_or_else(PoisonError::into_inner) = fault;
    }

    /// Fails `fault`'s step once, then nothing.
    fn set_once(&self, fault: (Step, i32)) {
        self.set(Some(fault));
        *self.once.lock().unwrap_or_else(PoisonError::into_inner) = true;
    }

    fn take_seen(&self) -> Vec<Step> {
        std::mem::take(&mut *self.seen.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Faults for Injected {
    fn before(&self, step: Step) -> io::Result<()> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).push(step);
        let mut fault = self.fault.lock().unwrap_or_else(PoisonError::into_inner);
        match *fault {
            Some((failing, errno)) if failing == step => {
                if *self.once.lock().unwrap_or_else(PoisonError::into_inner) {
                    *fault = None;
                }
                Err(io::Error::from_raw_os_error(errno))
            }
            _ => Ok(()),
        }
    }
}

/// A store on a fresh `journal.ron` that already holds `journal_with(["before"])`
/// saved on `day`, with `faults` in place for every later save.
fn store_with_faults(dir: &tempfile::TempDir, day: NaiveDate, faults: &Arc<Injected>) -> (Store, PathBuf) {
    let path = dir.path().join("journal.ron");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&journal_with(&["before"]), day).expect("first save");
    let store = store.with_faults(Arc::clone(faults) as Arc<dyn Faults>);
    (store, path)
}

fn error_name(errno: i32) -> &'static str {
    match errno {
        ENOSPC => "No space left on device",
        EIO => "Input/output error",
        _ => unreachable!("only ENOSPC and EIO are injected"),
    }
}

#[test]
fn enospc_and_eio_at_every_step_keep_the_old_file_and_the_next_try_saves() {
    let mut tried = 0;
    for errno in [ENOSPC, EIO] {
        for step in Step::ALL {
            let dir = tempfile::tempdir().expect("dir");
            let faults = Arc::new(Injected::default());
            let day = d("2026-11-26");
            let (mut store, path) = store_with_faults(&dir, day, &faults);
            let before = fs::read(&path).expect("read");
            faults.take_seen();

            faults.set(Some((step, errno)));
            let err = store.save(&journal_with(&["before", "after"]), day).expect_err("the fault fails the save");
            tried += 1;
            let message = err.to_string();
            let what = format!("{step:?} with errno {errno}");
            assert!(message.starts_with("cannot save"), "{what}: {message}");
            assert!(message.contains(&path.display().to_string()), "{what}: names the path: {message}");
            assert!(message.contains(error_name(errno)), "{what}: says why: {message}");
            assert_eq!(faults.take_seen().last(), Some(&step), "{what}: the save stopped at the failing step");
            let now = fs::read(&path).expect("the journal is still there");
            if step == Step::FsyncFolder {
                // The rename is the commit point: the new file is already in
                // place and cannot be taken back. The save still reports the
                // failure (it may not survive a power cut) so it is retried.
                assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after"], "{what}");
            } else {
                assert_eq!(now, before, "{what}: the old file is byte-for-byte intact");
            }
            assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "{what}: no temporary file is left");

            faults.set(None);
            store.save(&journal_with(&["before", "after"]), day).expect("saves once the fault clears");
            assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after"], "{what}");
            assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "{what}");
        }
    }
    assert_eq!(tried, 2 * Step::ALL.len());
}

#[test]
fn a_fault_while_writing_the_daily_backup_does_not_stop_the_save_and_is_reported() {
    for errno in [ENOSPC, EIO] {
        for step in Step::ALL {
            let dir = tempfile::tempdir().expect("dir");
            let faults = Arc::new(Injected::default());
            let (mut store, path) = store_with_faults(&dir, d("2026-11-25"), &faults);
            let before = fs::read(&path).expect("read");
            let what = format!("{step:?} with errno {errno}");

            // The first save of a new day copies the file to its backup
            // first; the fault hits that copy once.
            faults.set_once((step, errno));
            let today = d("2026-11-26");
            store.save(&journal_with(&["before", "after"]), today).expect("the journal matters more than its copy");
            let target = backup::backup_path(&path, today, None);
            let warning = store.take_warning().unwrap_or_else(|| panic!("{what}: a warning"));
            assert!(warning.starts_with("no backup was made today"), "{what}: {warning}");
            assert!(warning.contains(&target.display().to_string()), "{what}: names the backup: {warning}");
            assert!(warning.contains(error_name(errno)), "{what}: {warning}");
            assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after"], "{what}");
            if step == Step::FsyncFolder {
                assert_eq!(fs::read(&target).expect("renamed in place"), before, "{what}");
            } else {
                assert!(!target.exists(), "{what}: no half backup");
            }
            assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "{what}");

            // The next save tries again, and says nothing more.
            store.save(&journal_with(&["before", "after", "later"]), today).expect("saves");
            assert!(load(&target).is_ok(), "{what}: the backup was made and parses");
            assert_eq!(store.take_warning(), None, "{what}");
        }
    }
}

#[test]
fn a_backups_path_that_is_not_a_folder_does_not_block_saving() {
    let dir = tempfile::tempdir().expect("dir");
    let faults = Arc::new(Injected::default());
    let (mut store, path) = store_with_faults(&dir, d("2026-11-25"), &faults);
    let backups = backup::backup_folder(&path);
    fs::remove_dir_all(&backups).ok();
    // A file, a dangling link, then a journal named `backups` beside it.
    fs::write(&backups, b"not a folder").expect("a file named backups");
    store.save(&journal_with(&["before", "after"]), d("2026-11-26")).expect("saved anyway");
    let warning = store.take_warning().expect("a warning");
    assert!(warning.starts_with("no backup was made today"), "{warning}");
    assert_eq!(fs::read(&backups).expect("untouched"), b"not a folder");
    fs::remove_file(&backups).expect("rm");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &backups).expect("a dangling link");
    store.save(&journal_with(&["before", "after", "again"]), d("2026-11-27")).expect("saved anyway");
    assert!(store.take_warning().expect("a warning").starts_with("no backup was made today"));
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "after", "again"]);
    // Through the binary: a journal named `backups`, in a folder of its own.
    let other = dir.path().join("other");
    fs::create_dir(&other).expect("mkdir");
    let named = other.join("backups");
    let out = trustbank(&named, &["add", "deposit", "1c", "first"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = trustbank(&named, &["add", "deposit", "1c", "second"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(notes(&load(&named).expect("parses").journal).len(), 2);
}

#[test]
fn the_writer_reports_a_failed_save_and_retries_it_without_a_new_request() {
    for (step, errno) in [(Step::Write, ENOSPC), (Step::Fsync, EIO), (Step::Rename, ENOSPC), (Step::CreateTemp, EIO)] {
        let dir = tempfile::tempdir().expect("dir");
        let faults = Arc::new(Injected::default());
        let day = d("2026-11-26");
        let (store, path) = store_with_faults(&dir, day, &faults);
        let before = fs::read(&path).expect("read");
        faults.set(Some((step, errno)));
        let writer = Writer::spawn(store);
        writer.save(7, journal_with(&["before", "typed"]), day);

        let failed = events_until(&writer, Duration::from_secs(5), |_| true);
        match failed.as_slice() {
            [SaveEvent::Failed { revision: 7, error }] => {
                assert!(error.starts_with("cannot save"), "{error}");
                assert!(error.contains(error_name(errno)), "{error}");
            }
            other => panic!("{step:?}: expected one Failed report, got {other:?}"),
        }
        assert_eq!(fs::read(&path).expect("read"), before, "{step:?}: the old file is intact while failing");

        // The disk has room again; nobody asks for a new save.
        faults.set(None);
        let rest = events_until(&writer, Duration::from_secs(10), |e| matches!(e, SaveEvent::Saved { .. }));
        assert_eq!(rest.last(), Some(&SaveEvent::Saved { revision: 7 }), "{step:?}: retried on its own: {rest:?}");
        assert!(rest.iter().all(|e| matches!(e, SaveEvent::Failed { revision: 7, .. } | SaveEvent::Saved { .. })));
        assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "typed"]);
        assert_eq!(writer.finish(), Vec::new());
    }
}

#[test]
fn the_writer_keeps_the_newest_change_while_failing_and_saves_it() {
    let dir = tempfile::tempdir().expect("dir");
    let faults = Arc::new(Injected::default());
    let day = d("2026-11-26");
    let (store, path) = store_with_faults(&dir, day, &faults);
    faults.set(Some((Step::Write, ENOSPC)));
    let writer = Writer::spawn(store);
    writer.save(1, journal_with(&["before", "one"]), day);
    let first = events_until(&writer, Duration::from_secs(5), |_| true);
    assert!(matches!(first.as_slice(), [SaveEvent::Failed { revision: 1, .. }]), "{first:?}");
    // More typing while the disk is full.
    writer.save(2, journal_with(&["before", "one", "two"]), day);
    let second = events_until(&writer, Duration::from_secs(5), |_| true);
    assert!(matches!(second.as_slice(), [SaveEvent::Failed { revision: 2, .. }]), "{second:?}");
    faults.set(None);
    let rest = events_until(&writer, Duration::from_secs(10), |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(rest.last(), Some(&SaveEvent::Saved { revision: 2 }), "{rest:?}");
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "one", "two"]);
    drop(writer.finish());
}

#[test]
fn finishing_a_failing_writer_tries_once_more_and_reports_it() {
    let dir = tempfile::tempdir().expect("dir");
    let faults = Arc::new(Injected::default());
    let day = d("2026-11-26");
    let (store, path) = store_with_faults(&dir, day, &faults);
    let before = fs::read(&path).expect("read");
    faults.set(Some((Step::Fsync, EIO)));
    let writer = Writer::spawn(store);
    writer.save(3, journal_with(&["before", "lost?"]), day);
    let last = writer.finish();
    assert!(!last.is_empty() && last.iter().all(|e| matches!(e, SaveEvent::Failed { revision: 3, .. })), "{last:?}");
    assert_eq!(fs::read(&path).expect("read"), before);
}

/// Makes a folder unwritable, for real: `chattr +i` as root (root ignores
/// permission bits), else `chmod 0500`. Undone when dropped, even when the
/// test fails.
struct Unwritable(PathBuf);

fn running_as_root() -> bool {
    output(Command::new("id").arg("-u")).stdout == b"0\n"
}

impl Unwritable {
    fn new(folder: &Path) -> Unwritable {
        let guard = Unwritable(folder.to_path_buf());
        if running_as_root() {
            let status = output(Command::new("chattr").arg("+i").arg(folder)).status;
            assert!(status.success(), "chattr +i {} failed", folder.display());
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(folder, fs::Permissions::from_mode(0o500)).expect("chmod 0500");
            }
        }
        guard
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if running_as_root() {
            let _ = FORKS.read().map(|_forking| Command::new("chattr").arg("-i").arg(&self.0).status());
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o700));
        }
    }
}

/// The real binary, clock pinned, journal chosen by `--file`.
fn trustbank(file: &Path, args: &[&str]) -> Output {
    output(
        Command::new(env!("CARGO_BIN_EXE_trustbank"))
            .env("TRUSTBANK_NOW", NOW)
            .env_remove("TRUSTBANK_FILE")
            .env("TRUSTBANK_DEVICE_DIR", file.parent().unwrap_or(Path::new(".")).join("device"))
            .arg("--file")
            .arg(file)
            .args(args),
    )
}

/// The one line a failing command prints on stderr.
fn one_line_failure(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "exit 1; stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.starts_with("trustbank: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_read_only_folder_fails_the_writer_until_it_is_writable_again() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("journal.ron");
    let day = d("2026-11-26");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&journal_with(&["before"]), day).expect("first save");
    let before = fs::read(&path).expect("read");

    let guard = Unwritable::new(&folder);
    let writer = Writer::spawn(store);
    writer.save(1, journal_with(&["before", "typed while read-only"]), day);
    let failed = events_until(&writer, Duration::from_secs(5), |_| true);
    match failed.as_slice() {
        [SaveEvent::Failed { revision: 1, error }] => {
            assert!(error.starts_with("cannot save"), "{error}");
            assert!(error.contains(&path.display().to_string()), "{error}");
        }
        other => panic!("expected one Failed report, got {other:?}"),
    }
    assert_eq!(fs::read(&path).expect("read"), before);
    // A second process is refused too, and says so in one line.
    let out = trustbank(&path, &["add", "deposit", "1c", "from the shell"]);
    let err = one_line_failure(&out);
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert_eq!(fs::read(&path).expect("read"), before);

    drop(guard);
    let rest = events_until(&writer, Duration::from_secs(10), |e| matches!(e, SaveEvent::Saved { .. }));
    assert_eq!(rest.last(), Some(&SaveEvent::Saved { revision: 1 }), "{rest:?}");
    assert_eq!(notes(&load(&path).expect("parses").journal), ["before", "typed while read-only"]);
    drop(writer.finish());
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
}

#[test]
fn a_journal_in_a_read_only_folder_still_opens_to_read() {
    // A folder that was never written by trustbank (no lock file yet), e.g.
    // a copy on read-only media: reading must still work.
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).expect("mkdir");
    let path = folder.join("journal.ron");
    let text = trustbank::storage::format::to_ron(&journal_with(&["kept"])).expect("ron");
    fs::write(&path, &text).expect("write");
    let _guard = Unwritable::new(&folder);

    let (mut store, loaded) = Store::open(path.clone()).expect("opens read-only, not an error");
    assert_eq!(notes(&loaded.journal), ["kept"]);
    let reason = store.read_only().expect("read-only").to_string();
    assert!(reason.contains("cannot be written"), "{reason}");
    let err = store.save(&journal_with(&["kept", "new"]), d("2026-11-26")).expect_err("refused");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);

    let out = trustbank(&path, &["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = one_line_failure(&trustbank(&path, &["add", "deposit", "1c"]));
    assert!(err.contains("read-only") && err.contains("cannot be written"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn the_journal_replaced_by_a_folder_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let day = d("2026-11-26");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&journal_with(&["before"]), day).expect("first save");

    // While the store is open, someone puts a folder where the file was.
    fs::remove_file(&path).expect("rm");
    fs::create_dir(&path).expect("mkdir");
    fs::write(path.join("inside.txt"), b"keep me").expect("write");
    let err = store.save(&journal_with(&["before", "after"]), day).expect_err("a folder is in the way");
    let message = err.to_string();
    assert!(message.starts_with("cannot save"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert_eq!(fs::read(path.join("inside.txt")).expect("untouched"), b"keep me");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
    drop(store);

    // At start: through the library and the binary.
    let err = Store::open(path.clone()).expect_err("a folder");
    assert!(err.to_string().contains("is a folder"), "{err}");
    let err = load(&path).expect_err("a folder");
    assert!(err.to_string().contains("is a folder"), "{err}");
    for args in [&["check"][..], &["add", "deposit", "1c"], &["status"]] {
        let err = one_line_failure(&trustbank(&path, args));
        assert!(err.contains("is a folder"), "{args:?}: {err}");
    }
    assert_eq!(fs::read(path.join("inside.txt")).expect("untouched"), b"keep me");
    assert_eq!(fs::read_dir(&path).expect("ls").count(), 1);

    // Once the folder is moved away, saving works again.
    fs::rename(&path, dir.path().join("moved")).expect("mv");
    let out = trustbank(&path, &["add", "deposit", "1c", "again"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_file_flag_naming_a_folder_is_a_clear_error_for_every_command_and_the_app() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("journals");
    fs::create_dir(&folder).expect("mkdir");
    // A folder that is there, and one not made yet, named by its `/`.
    let not_yet = format!("{}/new/", folder.display());
    let cases = [
        (folder.display().to_string(), format!("{} is a folder, not a journal file", folder.display())),
        (
            not_yet.clone(),
            format!("{not_yet} names a folder (it ends in /); give the journal file's name, e.g. {not_yet}journal.ron"),
        ),
    ];
    for (file, sentence) in &cases {
        // No command: the app, which must say it before taking the terminal.
        for args in [&[][..], &["check"], &["status"], &["week"], &["add", "deposit", "1c"]] {
            let err = one_line_failure(&trustbank(Path::new(file), args));
            assert_eq!(err.trim_end(), format!("trustbank: {sentence}"), "{args:?}");
        }
    }
    assert_eq!(fs::read_dir(&folder).expect("ls").count(), 0, "nothing was made in the folder or beside it");
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_journal_is_refused_at_once_by_every_command_and_the_app() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("journal.ron");
    assert!(output(Command::new("mkfifo").arg(&fifo)).status.success(), "mkfifo");
    let null = PathBuf::from("/dev/null");
    let had_lock = trustbank::storage::device::lock_path(None, &null).exists();
    for file in [&fifo, &null] {
        let err = Store::open(file.clone()).expect_err("not a file");
        assert!(matches!(err, StorageError::NotAFile { .. }), "{err:?}");
        // Reading either would wait for ever or read nothing: each returns.
        for args in [&[][..], &["check"], &["status"], &["week"], &["add", "deposit", "1c"]] {
            let err = one_line_failure(&trustbank(file, args));
            let sentence = format!(
                "trustbank: {} is not a regular file (a pipe or a device?); a journal is a plain file",
                file.display()
            );
            assert_eq!(err.trim_end(), sentence, "{args:?}");
        }
    }
    // Nothing is made beside them: no lock file, no backups.
    let beside: Vec<_> = fs::read_dir(dir.path()).expect("ls").flatten().map(|e| e.file_name()).collect();
    assert_eq!(beside, ["journal.ron"]);
    if !had_lock {
        assert!(!trustbank::storage::device::lock_path(None, &null).exists(), "no lock file in /dev");
    }
}

#[test]
fn an_old_backup_that_cannot_be_removed_does_not_stop_saving() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    let first = d("2026-11-01");
    for day in first.iter_days().take(backup::KEEP + 1) {
        store.save(&journal_with(&[&day.to_string()]), day).expect("save");
    }
    assert_eq!(backup::list(&path).len(), backup::KEEP);
    // The oldest backup is something that cannot be removed as a file.
    let oldest = backup::list(&path).remove(0);
    fs::remove_file(&oldest).expect("rm");
    fs::create_dir(&oldest).expect("a folder where the oldest backup was");

    let next = first.checked_add_days(chrono::Days::new(backup::KEEP as u64 + 1)).expect("day");
    store.save(&journal_with(&["typed today"]), next).expect("pruning is tidying; it never stops a save");
    assert_eq!(notes(&load(&path).expect("parses").journal), ["typed today"]);
    assert!(backup::backup_path(&path, next, None).exists(), "today's backup was made");
    assert!(oldest.is_dir(), "what could not be removed is left alone");
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_symbolic_link_is_saved_through_the_link() {
    let dir = tempfile::tempdir().expect("dir");
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).expect("mkdir");
    let real = synced.join("journal.ron");
    let link = dir.path().join("journal.ron");
    fs::write(&real, trustbank::storage::format::to_ron(&journal_with(&["before"])).expect("ron")).expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");

    let (mut store, loaded) = Store::open(link.clone()).expect("open");
    assert_eq!(notes(&loaded.journal), ["before"]);
    store.save(&journal_with(&["before", "after"]), d("2026-11-26")).expect("save");
    drop(store);
    assert!(fs::symlink_metadata(&link).expect("lstat").file_type().is_symlink(), "the link is still a link");
    assert_eq!(notes(&load(&real).expect("parses").journal), ["before", "after"], "the real file got the change");

    // The same through the binary.
    let out = trustbank(&link, &["add", "deposit", "1c", "from the shell"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(fs::symlink_metadata(&link).expect("lstat").file_type().is_symlink());
    assert_eq!(notes(&load(&real).expect("parses").journal).len(), 3);
}

// ----- privacy -----

/// Runs the binary with umask 000 (the most permissive there is) in a child
/// shell, so the test process's own umask is left alone.
#[cfg(unix)]
fn trustbank_with_umask_000(file: &Path, now: &str, args: &[&str]) -> Output {
    output(
        Command::new("sh")
            .arg("-c")
            .arg("umask 000; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_trustbank"))
            .arg("--file")
            .arg(file)
            .args(args)
            .env("TRUSTBANK_NOW", now)
            .env("TRUSTBANK_DEVICE_DIR", file.parent().unwrap_or(Path::new(".")).join("device"))
            .env_remove("TRUSTBANK_FILE"),
    )
}

#[cfg(unix)]
#[test]
fn with_umask_000_every_file_is_0600_and_every_new_folder_0700() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new/sub/journal.ron");
    for now in [NOW, "2026-11-27T21:00:00+01:00", "2026-11-28T21:00:00+01:00"] {
        let out = trustbank_with_umask_000(&path, now, &["add", "deposit", "1c", "private"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&dir.path().join("new/sub")), 0o700);
    let backups = backup::list(&path);
    assert_eq!(backups.len(), 2, "{backups:?}");
    for b in &backups {
        assert_eq!(mode(b), 0o600, "{}", b.display());
    }
    assert_eq!(mode(&backup::backup_folder(&path)), 0o700);
    // The lock is on this computer, in the device folder the command was
    // given, private too; none is left beside the journal.
    let lock = trustbank::storage::device::lock_path(Some(&path.parent().expect("folder").join("device")), &path);
    assert_eq!(mode(&lock), 0o600);
    assert_eq!(mode(lock.parent().expect("folder")), 0o700);
    assert_eq!(mode(&path.parent().expect("folder").join("device")), 0o700);
    assert!(!trustbank::storage::device::lock_path(None, &path).exists());
}

/// Records the mode of every temporary file present just before it is
/// renamed into place.
#[cfg(unix)]
struct TempSpy {
    path: PathBuf,
    modes: Mutex<Vec<(PathBuf, u32)>>,
}

#[cfg(unix)]
impl Faults for TempSpy {
    fn before(&self, step: Step) -> io::Result<()> {
        if step == Step::Rename {
            for temp in temp_files(&self.path) {
                self.modes.lock().unwrap_or_else(PoisonError::into_inner).push((temp.clone(), mode(&temp)));
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
#[test]
fn temporary_files_are_0600_and_a_world_readable_journal_becomes_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    fs::write(&path, trustbank::storage::format::to_ron(&journal_with(&["before"])).expect("ron")).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod 644");

    // `check` warns in one line, and changes nothing.
    let out = trustbank(&path, &["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let warnings: Vec<&str> = stdout.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{stdout}");
    assert!(warnings[0].contains(&path.display().to_string()) && warnings[0].contains("chmod 600"), "{stdout}");
    assert_eq!(mode(&path), 0o644, "check only reads");

    let spy = Arc::new(TempSpy { path: path.clone(), modes: Mutex::new(Vec::new()) });
    let (store, loaded) = Store::open(path.clone()).expect("open");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let mut store = store.with_faults(Arc::clone(&spy) as Arc<dyn Faults>);
    store.save(&journal_with(&["before", "after"]), d("2026-11-26")).expect("save");
    let modes = spy.modes.lock().unwrap_or_else(PoisonError::into_inner).clone();
    assert!(!modes.is_empty(), "the spy saw the temporary files");
    for (temp, m) in &modes {
        assert_eq!(*m, 0o600, "{}", temp.display());
    }
    assert_eq!(mode(&path), 0o600, "the saved journal is private again");
    let b = backup::backup_path(&path, d("2026-11-26"), None);
    assert_eq!(mode(&b), 0o600, "the backup of a readable file is private");
    assert!(load(&path).expect("load").warnings.is_empty());
}

#[test]
fn a_second_store_in_a_new_folder_never_overwrites_the_first_and_adds_to_it() {
    // Both open before the folder exists; the first saves; the second's
    // save must not replace what the first wrote with its own, older
    // picture.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new/journal.ron");
    let day = d("2026-11-26");
    let (mut first, _) = Store::open(path.clone()).expect("open");
    let (mut second, _) = Store::open(path.clone()).expect("open");
    first.save(&journal_with(&["from the first"]), day).expect("save");
    // No child being started by another test may hold a copy of the lock.
    drop((first, FORKS.write()));
    let written = fs::read(&path).expect("read");
    let err = second.save(&journal_with(&["from the second"]), day).expect_err("must not overwrite");
    assert!(matches!(err, StorageError::ChangedOutside { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(fs::read(&path).expect("read"), written);
    // Given as a change, the second's entry goes onto the first's file.
    let mut journal = Journal::default();
    let change = Change::AddEntry(journal_with(&["", "from the second"]).entries[1].clone());
    change.clone().apply(&mut journal).expect("applies");
    let came_in = second.commit(&mut journal, &[change], day).expect("commit").expect("the first's came in");
    assert_eq!(came_in.difference.entries.added, 1);
    assert_eq!(notes(&load(&path).expect("parses").journal), ["from the first", "from the second"]);
}

#[test]
fn the_writer_takes_one_copy_then_only_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let day = d("2026-11-26");
    let (store, path) = store_with_faults(&dir, day, &Arc::new(Injected::default()));
    let writer = Writer::spawn(store);
    let start = journal_with(&["before"]);
    // Revision 0 is the file as opened: the copy alone writes nothing.
    writer.save(0, start.clone(), day);
    let typed = journal_with(&["before", "one", "two"]);
    let changes: Vec<Change> = typed.entries[1..].iter().cloned().map(Change::AddEntry).collect();
    writer.apply(2, changes, day);
    let events = events_until(&writer, Duration::from_secs(5), |e| matches!(e, SaveEvent::Saved { revision: 2 }));
    assert_eq!(events.last(), Some(&SaveEvent::Saved { revision: 2 }), "{events:?}");
    assert_eq!(load(&path).expect("parses").journal, typed);
    assert_eq!(writer.finish(), Vec::new());
}

#[test]
fn a_writer_out_of_step_asks_for_the_whole_journal_and_saves_nothing_wrong() {
    let dir = tempfile::tempdir().expect("dir");
    let day = d("2026-11-26");
    let (store, path) = store_with_faults(&dir, day, &Arc::new(Injected::default()));
    let before = fs::read(&path).expect("read");
    let writer = Writer::spawn(store);
    // Changes before any copy: the writer cannot know the journal.
    writer.apply(1, vec![Change::AddEntry(journal_with(&["x"]).entries[0].clone())], day);
    let asked = events_until(&writer, Duration::from_secs(5), |_| true);
    assert_eq!(asked, [SaveEvent::OutOfStep]);
    // A change that does not fit its copy (the entry is not there).
    writer.save(1, journal_with(&["before"]), day);
    writer.apply(2, vec![Change::RemoveEntry(Id::from("no such entry"))], day);
    // Later changes are dropped until the whole journal comes again.
    writer.apply(3, vec![Change::AddEntry(journal_with(&["lost"]).entries[0].clone())], day);
    let events = events_until(&writer, Duration::from_secs(5), |e| *e == SaveEvent::OutOfStep);
    assert_eq!(events.last(), Some(&SaveEvent::OutOfStep), "{events:?}");
    assert!(!events.contains(&SaveEvent::Saved { revision: 3 }), "{events:?}");
    let whole = journal_with(&["before", "resent"]);
    writer.save(3, whole.clone(), day);
    let saved = events_until(&writer, Duration::from_secs(5), |e| matches!(e, SaveEvent::Saved { revision: 3 }));
    assert_eq!(saved.last(), Some(&SaveEvent::Saved { revision: 3 }), "{saved:?}");
    assert_eq!(load(&path).expect("parses").journal, whole);
    assert_ne!(fs::read(&path).expect("read"), before);
    drop(writer.finish());
}

/// Holds every save at its fsync until released (or 10 s pass), and says
/// whether it was released or gave up waiting.
struct Held {
    release: Mutex<std::sync::mpsc::Receiver<()>>,
    outcome: Mutex<Vec<&'static str>>,
}

impl Faults for Held {
    fn before(&self, step: Step) -> io::Result<()> {
        if step == Step::Fsync {
            let waited =
                self.release.lock().unwrap_or_else(PoisonError::into_inner).recv_timeout(Duration::from_secs(10));
            let what = if waited.is_ok() { "released" } else { "gave up" };
            self.outcome.lock().unwrap_or_else(PoisonError::into_inner).push(what);
        }
        Ok(())
    }
}

#[test]
fn changes_never_wait_for_a_save_in_flight_and_the_next_save_takes_them_all() {
    let dir = tempfile::tempdir().expect("dir");
    let day = d("2026-11-26");
    let (release, held) = std::sync::mpsc::channel();
    let faults = Arc::new(Held { release: Mutex::new(held), outcome: Mutex::new(Vec::new()) });
    let path = dir.path().join("journal.ron");
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&journal_with(&["before"]), day).expect("first save");
    let writer = Writer::spawn(store.with_faults(Arc::clone(&faults) as Arc<dyn Faults>));
    let typed = journal_with(&["before", "one", "two", "three"]);
    writer.save(0, journal_with(&["before"]), day);
    writer.apply(1, vec![Change::AddEntry(typed.entries[1].clone())], day);
    // The save of revision 1 is now held at its fsync; more typing must not
    // wait for it.
    writer.apply(2, vec![Change::AddEntry(typed.entries[2].clone())], day);
    writer.apply(3, vec![Change::AddEntry(typed.entries[3].clone())], day);
    assert!(faults.outcome.lock().unwrap_or_else(PoisonError::into_inner).is_empty(), "no save finished yet");
    for _ in 0..2 {
        release.send(()).expect("the writer waits");
    }
    let events = events_until(&writer, Duration::from_secs(15), |e| *e == SaveEvent::Saved { revision: 3 });
    assert_eq!(events.last(), Some(&SaveEvent::Saved { revision: 3 }), "{events:?}");
    // Whatever queued behind the held save went out in one more save at most
    // (the writer may also have taken all three before its first).
    let outcome = faults.outcome.lock().unwrap_or_else(PoisonError::into_inner).clone();
    assert!(matches!(outcome.as_slice(), ["released"] | ["released", "released"]), "{outcome:?}");
    assert_eq!(load(&path).expect("parses").journal, typed);
    drop(writer.finish());
}
