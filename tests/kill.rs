//! Issue 8, "nothing typed is ever lost": the real binary killed with
//! SIGKILL at random moments while it saves, from the shell (`trustbank
//! add`) and from the app in a pseudo-terminal. After every kill the journal
//! parses, holds every entry whose save had been reported done and no
//! partial one, and the next run works (stale temporary files are cleared,
//! the lock is free).
//!
//! The delays come from a seeded generator, so a run can be replayed:
//! `TRUSTBANK_KILL_SEED=<n>` picks the seed (printed on failure). The default
//! run is short; `TRUSTBANK_SOAK=1` kills ten times as often.

mod support;

use support::files::temp_files;
use trustbank::generate::Rng;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use trustbank::domain::{EntryKind, Journal};
use trustbank::storage::{backup, load};

use support::pty::PtySession;

const BIN: &str = env!("CARGO_BIN_EXE_trustbank");
/// The first day's "now"; later runs move on a day at a time, so daily
/// backups are made (and killed) too.
const FIRST_NOW: &str = "2026-11-26T21:00:00+01:00";
const TIMEOUT: Duration = Duration::from_secs(20);
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

fn soak() -> bool {
    std::env::var("TRUSTBANK_SOAK").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn seed(salt: u64) -> u64 {
    let base = std::env::var("TRUSTBANK_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x6b69_6c6c);
    base ^ salt
}

/// "Now" on the `n`-th day after the first, at 21:00 +01:00.
fn now_on(n: u64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(FIRST_NOW).expect("time").checked_add_days(Days::new(n)).expect("day")
}

fn title_of(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0)
}

/// What the journal must look like after any kill: it parses; every entry is
/// a whole penny deposit with a note that was typed, none twice; every note
/// whose save was reported done is there; temporary files (at most one per
/// folder, from the save just killed) are private.
fn check_after_kill(path: &Path, typed: &HashSet<String>, done: &HashSet<String>, what: &str) -> Journal {
    if !path.exists() {
        assert!(done.is_empty(), "{what}: the journal is gone but {} saves were reported", done.len());
        return Journal::default();
    }
    let journal = load(path).unwrap_or_else(|e| panic!("{what}: the journal must parse after a kill: {e}")).journal;
    let mut seen = HashMap::new();
    for e in &journal.entries {
        assert!(typed.contains(&e.note), "{what}: an entry nobody typed: {e:?}");
        assert!(e.kind == EntryKind::Deposit && e.amount.cents() > 0, "{what}: a partial entry: {e:?}");
        *seen.entry(e.note.clone()).or_insert(0) += 1;
    }
    if let Some((note, n)) = seen.iter().find(|(_, n)| **n > 1) {
        panic!("{what}: {note:?} is in the journal {n} times");
    }
    let missing: Vec<&String> = done.iter().filter(|n| !seen.contains_key(*n)).collect();
    assert!(missing.is_empty(), "{what}: saves reported done are missing: {missing:?}");
    assert_eq!(mode(path), 0o600, "{what}: the journal is private");
    let temps = temp_files(path);
    for t in &temps {
        assert_eq!(mode(t), 0o600, "{what}: {} is private", t.display());
    }
    let folders: HashSet<_> = temps.iter().map(|t| t.parent().expect("folder").to_path_buf()).collect();
    assert_eq!(folders.len(), temps.len(), "{what}: older temporary files were not cleared: {temps:?}");
    journal
}

/// Every backup parses: a backup is never half written.
fn check_backups(path: &Path, what: &str) {
    for b in backup::list(path) {
        load(&b).unwrap_or_else(|e| panic!("{what}: backup {} is damaged: {e}", b.display()));
    }
}

/// `trustbank add deposit 1c NOTE` with the clock at `now`, started with
/// umask 000 (so a leftover temporary file shows whether it was private)
/// through `sh`, which `exec`s the binary so the pid is trustbank's.
fn spawn_add(path: &Path, now: DateTime<FixedOffset>, note: &str) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(BIN)
        .arg("--file")
        .arg(path)
        .args(["add", "deposit", "1c", note])
        .env("TRUSTBANK_NOW", now.to_rfc3339())
        .env_remove("TRUSTBANK_FILE")
        .env("TRUSTBANK_DEVICE_DIR", devices(path))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn trustbank add")
}

fn add(path: &Path, now: DateTime<FixedOffset>, note: &str) -> Output {
    spawn_add(path, now, note).wait_with_output().expect("runs")
}

#[test]
fn sigkill_during_cli_adds_never_loses_a_reported_entry() {
    let started = Instant::now();
    let seed = seed(1);
    let mut rng = Rng::new(seed);
    let target = if soak() { 2000 } else { 200 };
    let dir = tempfile::tempdir().expect("dir");
    // A folder the first add creates, so that path is killed too.
    let path = dir.path().join("data/journal.ron");
    let (mut typed, mut done) = (HashSet::new(), HashSet::new());

    // How long one add takes here, so the kills spread over all of it.
    let mut full = Vec::new();
    for i in 0..3 {
        let note = format!("calibrate-{i}");
        typed.insert(note.clone());
        let t = Instant::now();
        let out = add(&path, now_on(0), &note);
        full.push(t.elapsed());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        done.insert(note);
    }
    full.sort();
    let mut window = (full[1].as_micros() as u64 * 13 / 10).max(1000);
    // Start on a journal without a folder, as on the first day.
    fs::remove_dir_all(dir.path().join("data")).expect("rm");
    typed.clear();
    done.clear();

    let (mut kills, mut runs, mut mid_save, mut saved_unreported) = (0, 0u64, 0, 0);
    let mut finished_lately = 0;
    while kills < target {
        assert!(runs < 10 * target as u64, "only {kills} of {runs} runs were killed; window {window} µs");
        let note = format!("note-{runs}");
        let what = format!("run {runs} (seed {seed}, kill {kills})");
        typed.insert(note.clone());
        let mut child = spawn_add(&path, now_on(runs / 4), &note);
        thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let mut stdout = String::new();
        child.stdout.take().expect("stdout").read_to_string(&mut stdout).expect("read");
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
        runs += 1;
        if status.signal() == Some(9) {
            kills += 1;
        } else {
            assert!(status.success(), "{what}: an add that was not killed must work: {stderr}");
        }
        if stdout.contains("Added") {
            done.insert(note.clone());
        }
        let journal = check_after_kill(&path, &typed, &done, &what);
        if !done.contains(&note) && journal.entries.iter().any(|e| e.note == note) {
            saved_unreported += 1;
        }
        if temp_files(&path).iter().any(|t| t.parent() == path.parent()) {
            mid_save += 1;
        }
        if runs % 10 == 0 {
            check_backups(&path, &what);
            // Keep about a quarter of the runs finishing, so kills fall
            // before, during and after the save however fast this machine
            // is today.
            if status.signal() != Some(9) {
                finished_lately += 1;
            }
            window = match finished_lately {
                0..=1 => window * 5 / 4,
                2..=4 => window,
                _ => window * 4 / 5,
            };
            finished_lately = 0;
        } else if status.signal() != Some(9) {
            finished_lately += 1;
        }
    }

    // A later run trips over nothing the kills left behind.
    typed.insert("after the kills".into());
    let out = add(&path, now_on(runs / 4), "after the kills");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    done.insert("after the kills".into());
    check_after_kill(&path, &typed, &done, "after the kills");
    check_backups(&path, "after the kills");
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new(), "every stale temporary file is gone");
    eprintln!(
        "cli kills: {kills} of {runs} runs (seed {seed}); {} saves reported; {mid_save} killed mid-save (a temporary \
         file left); {saved_unreported} saved but killed before saying so; window {window} µs; {:?}",
        done.len(),
        started.elapsed()
    );
}

/// Sends keys; false once the program is gone (writing to its terminal
/// fails then).
fn try_send(session: &mut PtySession, keys: &str) -> bool {
    catch_unwind(AssertUnwindSafe(|| session.send(keys))).is_ok()
}

fn closed(session: &PtySession) -> bool {
    session.wait_until("nothing", Duration::ZERO, |_| false).is_err_and(|e| e.contains("closed the terminal"))
}

/// Waits for a whole frame (the output ends a frame without a cursor and
/// has stopped, so no half-drawn screen is judged) that satisfies `done`.
/// False if the program died first.
fn wait_frame(session: &PtySession, done: impl Fn(&str) -> bool) -> bool {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        let raw = session.output_bytes();
        let screen = session.screen();
        if raw.ends_with(HIDE_CURSOR) && session.output_bytes().len() == raw.len() && done(&screen) {
            return true;
        }
        if closed(session) {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for a frame\n{}", session.screen());
}

/// Waits for the Today tab with `note`, no form, and `saved` in the footer:
/// the save of `note` is reported done. False if the program died first.
fn wait_saved(session: &PtySession, title: &str, note: &str) -> bool {
    wait_frame(session, |screen| {
        screen.contains(note)
            && screen.contains(title)
            && !screen.contains("New deposit")
            && screen.lines().last().unwrap_or_default().trim_end().ends_with("saved")
    })
}

fn spawn_app(path: &Path, now: DateTime<FixedOffset>) -> PtySession {
    PtySession::spawn(
        Path::new(BIN),
        &["--file", path.to_str().expect("UTF-8 path")],
        &[
            ("TRUSTBANK_NOW", &now.to_rfc3339()),
            ("TRUSTBANK_FILE", ""),
            ("TRUSTBANK_DEVICE_DIR", &devices(path).display().to_string()),
        ],
        120,
        50,
    )
    .expect("spawn trustbank in a pty")
}

fn kill_9(pid: u32) {
    let _ = Command::new("kill").args(["-s", "KILL", &pid.to_string()]).status();
}

#[test]
fn sigkill_of_the_app_while_typing_never_loses_a_saved_entry() {
    let started = Instant::now();
    let seed = seed(2);
    let mut rng = Rng::new(seed);
    let sessions = if soak() { 200 } else { 20 };
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let (mut typed, mut done) = (HashSet::new(), HashSet::new());
    // Not a first run: the journal exists (begun from the shell).
    typed.insert("from the shell".to_string());
    let out = add(&path, now_on(0), "from the shell");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    done.insert("from the shell".to_string());

    let mut entries_typed = 0;
    for s in 0..sessions {
        // A new day each session, so each shows only its own entries.
        let now = now_on(s + 1);
        let title = title_of(now.date_naive());
        let what = format!("session {s} (seed {seed})");
        let mut app = spawn_app(&path, now);
        app.wait_for(&title, TIMEOUT).unwrap_or_else(|e| panic!("{what}: {e}"));
        // The journal was begun from the shell: the first session greets.
        app.skip_welcome(TIMEOUT).unwrap_or_else(|e| panic!("{what}: {e}"));
        let first_row = app.screen().lines().next().unwrap_or_default().to_string();
        assert!(!first_row.contains("read-only"), "{what}: the killed one's lock was not released: {first_row}");
        let pid = app.pid().expect("pid");
        let delay = Duration::from_millis(50 + rng.below(1200));
        let killer = thread::spawn(move || {
            thread::sleep(delay);
            kill_9(pid);
        });
        let mut pending = Vec::new();
        for k in 0..40 {
            let note = format!("tui-{s}-{k}");
            typed.insert(note.clone());
            if !try_send(&mut app, "a") || app.wait_for("New deposit", TIMEOUT).is_err() {
                break;
            }
            if !try_send(&mut app, &note) || !try_send(&mut app, "\r") {
                break;
            }
            entries_typed += 1;
            pending.push(note.clone());
            // Sometimes wait for the save, sometimes type on at once, so
            // kills land in saves as well as between them.
            if rng.below(2) == 0 {
                if !wait_saved(&app, &title, &note) {
                    break;
                }
                done.extend(pending.drain(..));
            }
        }
        killer.join().expect("killer");
        let status = app.wait_exit(TIMEOUT).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(status.signal(), Some("Killed"), "{what}: {status:?}");
        check_after_kill(&path, &typed, &done, &what);
    }
    check_backups(&path, "after the app kills");
    let out = add(&path, now_on(sessions + 1), "after the app kills");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
    eprintln!(
        "app kills: {sessions} (seed {seed}); {entries_typed} entries typed, {} saves seen reported; {:?}",
        done.len(),
        started.elapsed()
    );
}

#[test]
fn the_shell_writes_while_the_app_runs_and_after_it_is_killed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let out = add(&path, now_on(0), "first");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut app = spawn_app(&path, now_on(0));
    app.wait_for(&title_of(now_on(0).date_naive()), TIMEOUT).unwrap();
    let pid = app.pid().expect("pid");

    // While it runs, the shell writes too (the lock is held only around a
    // save), and the open screen shows what came in.
    let out = add(&path, now_on(0), "while the app runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    app.wait_for("while the app runs", TIMEOUT).unwrap();

    kill_9(pid);
    let status = app.wait_exit(TIMEOUT).unwrap();
    assert_eq!(status.signal(), Some("Killed"));

    // The OS released the killed process's lock. (Checked by another
    // process: a lock held here could be copied into a child that another
    // test is starting, and held by it for a moment.)
    let out = add(&path, now_on(0), "after the kill");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut notes: Vec<String> = load(&path).expect("load").journal.entries.into_iter().map(|e| e.note).collect();
    notes.sort();
    assert_eq!(notes, ["after the kill", "first", "while the app runs"]);
}

#[test]
fn an_add_from_the_shell_while_the_app_waits_on_a_new_folder_is_kept_with_the_apps_entry() {
    // A first run: the folder does not exist yet, so the app cannot hold
    // the lock until its first change. Meanwhile an add from the shell
    // creates the journal. The app's first save must not replace it with
    // the app's older picture (an empty journal plus its own change).
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new/journal.ron");
    let now = now_on(0);
    let title = title_of(now.date_naive());
    let mut app = spawn_app(&path, now);
    app.wait_for(&title, TIMEOUT).unwrap();
    // A first run may greet with a welcome; skipping it writes nothing.
    if app.wait_for("Welcome to trustbank", Duration::from_secs(3)).is_ok() {
        app.send("\x1b");
        assert!(wait_frame(&app, |s| !s.contains("Welcome to trustbank") && s.contains(&title)), "the app died");
    }
    let out = add(&path, now, "from the shell");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    app.send("a");
    app.wait_for("New deposit", TIMEOUT).unwrap();
    app.send("typed in the app\r");
    let footer = |s: &str| s.lines().last().unwrap_or_default().trim_end().to_string();
    assert!(
        wait_frame(&app, |s| {
            s.contains("typed in the app")
                && !s.contains("New deposit")
                && (footer(s).contains("save failed") || footer(s).ends_with("saved"))
        }),
        "the app died"
    );
    // The app's save found the shell's file and added its entry to it.
    let mut notes: Vec<String> = load(&path).expect("load").journal.entries.into_iter().map(|e| e.note).collect();
    notes.sort();
    assert_eq!(notes, ["from the shell", "typed in the app"], "both are kept");
    let screen = app.screen();
    assert!(screen.lines().last().unwrap_or_default().trim_end().ends_with("saved"), "{screen}");
    assert!(screen.contains("from the shell"), "the shell's entry came in:\n{screen}");
    kill_9(app.pid().expect("pid"));
    app.wait_exit(TIMEOUT).unwrap();
    // Nothing holds the lock now: the next start writes.
    let out = add(&path, now, "next");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// This computer's device folders for the journal at `path`, the same for
/// the app and every command of a test: they share its lock.
fn devices(path: &Path) -> std::path::PathBuf {
    path.parent().unwrap_or(Path::new(".")).join("device")
}
