//! Issue 14 point 5, "stopped from outside, nothing typed is lost": the
//! real binary in a pseudo-terminal, ended by a signal or by its terminal
//! closing (every handle on the pty's master side closed, as when a window
//! is closed). The text of an open form is kept as a draft beside the
//! journal and offered back at the next start; a save still failing goes to
//! a side file; and every instance, read-only ones too, is gone within 5 s
//! of its terminal closing, whether it gets a SIGHUP (it leads the
//! terminal's session), its shell gets it instead, or nothing does.
//!
//! Every test pins the clock (Thu 26 Nov 2026, 21:00 +01:00) and uses its
//! own temporary folder; waiting is on what the screen shows or on the
//! process's state, never a sleep.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::pty::PtySession;
use tempfile::TempDir;
use trustbank::app::{Action, App, FormAction};
use trustbank::domain::{FORMAT_VERSION, Journal};
use trustbank::storage::atomic::{Faults, Step};
use trustbank::storage::writer::Writer;
use trustbank::storage::{Store, draft, format, load};
use trustbank::tui::ending::{Aside, Ended, finish};

const NOW: &str = "2026-11-26T21:00:00+01:00";
const TIMEOUT: Duration = Duration::from_secs(10);
/// The issue's bound: no process left after this.
const GONE_WITHIN: Duration = Duration::from_secs(5);
const TODAY_TITLE: &str = "Thursday 26 November 2026";
const WELCOME: &str = "Welcome to trustbank";
const OFFER: &str = "A draft was kept";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_trustbank")
}

/// A temporary folder and the journal `j.ron` in it (not made yet).
fn folder() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("j.ron");
    (dir, file)
}

/// This computer's folders for the journal `file` (the lock, the draft):
/// the same for every start in one test, as on a real computer.
fn device_of(file: &Path) -> PathBuf {
    file.parent().expect("a folder").join("device")
}

/// Where the draft of `file` is kept.
fn draft_of(file: &Path) -> PathBuf {
    trustbank::storage::device::draft_path(Some(&device_of(file)), file)
}

/// `program` in a pty, with the device folders of the journal `file`.
fn spawn(program: &str, args: &[&str], file: &Path) -> PtySession {
    let device = device_of(file);
    let env =
        [("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", ""), ("TRUSTBANK_DEVICE_DIR", device.to_str().expect("UTF-8"))];
    PtySession::spawn(Path::new(program), args, &env, 100, 30).expect("spawn in a pty")
}

/// trustbank on `file`, leading the terminal's session (it gets SIGHUP
/// when the terminal closes).
fn spawn_app(file: &Path) -> PtySession {
    spawn(bin(), &["--file", file.to_str().expect("UTF-8 path")], file)
}

/// How trustbank is started in a terminal, which decides who hears of the
/// terminal closing.
#[derive(Debug, Clone, Copy)]
enum Start {
    /// It leads the session: SIGHUP comes to it.
    Direct,
    /// From a shell script: the shell gets SIGHUP and dies; trustbank gets
    /// no signal, only a terminal that fails.
    UnderAShell,
    /// In a session of its own (`setsid`): nothing is signalled at all.
    OwnSession,
}

/// trustbank on `file`, started as `start` says; and its process id.
fn start(file: &Path, start: Start) -> (PtySession, u32) {
    let command = format!("{} --file '{}'", bin(), file.display());
    let session = match start {
        Start::Direct => spawn_app(file),
        // `; true`: the shell must wait for it, not become it.
        Start::UnderAShell => spawn("/bin/sh", &["-c", &format!("{command}; true")], file),
        Start::OwnSession => spawn("/bin/sh", &["-c", &format!("setsid {command}; true")], file),
    };
    let shell = session.pid().expect("a pid");
    let pid = match start {
        Start::Direct => shell,
        _ => trustbank_under(shell),
    };
    (session, pid)
}

/// The trustbank process among the descendants of `pid`, once it runs.
fn trustbank_under(pid: u32) -> u32 {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let mut todo = vec![pid];
        while let Some(p) = todo.pop() {
            let children = fs::read_to_string(format!("/proc/{p}/task/{p}/children")).unwrap_or_default();
            for child in children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()) {
                let exe = fs::read_link(format!("/proc/{child}/exe")).unwrap_or_default();
                if exe == Path::new(bin()) {
                    return child;
                }
                todo.push(child);
            }
        }
        assert!(Instant::now() < deadline, "no trustbank process under {pid}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state == "Z" || state == "X"),
    }
}

/// Waits up to [`GONE_WITHIN`] for `pid` to end; kills it and fails if not.
fn assert_gone(pid: u32, what: &str) {
    let deadline = Instant::now() + GONE_WITHIN;
    while !ended(pid) {
        if Instant::now() >= deadline {
            let _ = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("{what}: trustbank ({pid}) still runs {GONE_WITHIN:?} after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_text(s: &PtySession, what: &str, done: impl Fn(&str) -> bool) {
    s.wait_until(what, TIMEOUT, |screen| {
        let (_, cols) = screen.size();
        done(&screen.rows(0, cols).collect::<Vec<_>>().join("\n"))
    })
    .unwrap();
}

/// Waits for the Today tab; on a first run, skips the welcome.
fn open_today(s: &mut PtySession) {
    wait_text(s, "the Today tab", |t| t.contains(TODAY_TITLE));
    if s.screen().contains(WELCOME) {
        s.send(ESC);
        wait_text(s, "the welcome to close", |t| !t.contains(WELCOME));
    }
}

/// Opens the deposit form and types `note`, waiting until it shows.
fn type_in_a_new_deposit(s: &mut PtySession, note: &str) {
    s.send("a");
    wait_text(s, "the deposit form", |t| t.contains("New deposit"));
    s.send(note);
    wait_text(s, "the typed note", |t| t.contains(note));
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn notes(journal: &Journal) -> Vec<String> {
    journal.entries.iter().map(|e| e.note.clone()).collect()
}

/// The side files beside the journal `file`.
fn side_files(file: &Path) -> Vec<PathBuf> {
    let folder = file.parent().expect("folder");
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("j.unsaved-")))
        .collect();
    found.sort();
    found
}

/// The draft beside `file` is there and private; the next start offers it
/// (naming the form and the words), `y` puts it back in the same form with
/// the cursor after the text, and saving it adds the entry. The draft file
/// is gone once taken back.
fn the_next_start_brings_back(file: &Path, note: &str) {
    let kept = draft_of(file);
    assert!(kept.exists(), "no draft at {}", kept.display());
    assert_eq!(mode(&kept), 0o600);

    let mut s = spawn_app(file);
    // The question wraps its words over the lines of its box.
    wait_text(&s, "the draft offered", |t| {
        t.contains(OFFER) && t.contains("New deposit") && note.split(' ').all(|word| t.contains(word))
    });
    s.send("y");
    wait_text(&s, "the form back with its text", |t| {
        !t.contains(OFFER) && t.contains("New deposit") && t.contains(note)
    });
    assert!(!kept.exists(), "the draft should be gone once taken back");
    // Typing goes on after the text, it does not replace it.
    s.send(" again");
    s.send(ENTER);
    let whole = format!("{note} again");
    wait_text(&s, "the entry saved", |t| {
        t.contains(&whole)
            && !t.contains("New deposit")
            && t.lines().last().is_some_and(|l| l.trim_end().ends_with("saved"))
    });
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(notes(&load(file).expect("loads").journal), [whole]);
}

#[test]
fn a_sigterm_with_a_form_open_keeps_its_text_as_a_private_draft_offered_back_at_the_next_start() {
    let (_dir, file) = folder();
    let mut s = spawn_app(&file);
    open_today(&mut s);
    type_in_a_new_deposit(&mut s, "held the door");
    s.signal("TERM").unwrap();
    let status = s.wait_exit(GONE_WITHIN).unwrap();
    assert!(status.success(), "{status}\n{}", s.screen());
    assert!(!s.alternate_screen(), "the terminal is put back");
    // Said on the way out, where the draft is.
    let said = s.screen().replace('\n', "");
    assert!(said.contains("New deposit is kept in") && said.contains(".draft.ron"), "{said}");
    assert!(!file.exists(), "nothing was saved, so no journal yet");
    the_next_start_brings_back(&file, "held the door");
}

#[test]
fn a_closed_terminal_with_a_form_open_keeps_its_text_as_a_draft_even_with_no_signal() {
    for how in [Start::Direct, Start::OwnSession] {
        let (_dir, file) = folder();
        let (mut s, pid) = start(&file, how);
        open_today(&mut s);
        type_in_a_new_deposit(&mut s, "said sorry first");
        s.close_terminal();
        assert_gone(pid, &format!("{how:?}"));
        the_next_start_brings_back(&file, "said sorry first");
    }
}

#[test]
fn a_draft_discarded_at_the_start_is_removed_and_opens_no_form() {
    let (_dir, file) = folder();
    let mut s = spawn_app(&file);
    open_today(&mut s);
    type_in_a_new_deposit(&mut s, "not this one");
    s.signal("HUP").unwrap();
    assert!(s.wait_exit(GONE_WITHIN).unwrap().success());
    assert!(draft_of(&file).exists());

    let mut s = spawn_app(&file);
    wait_text(&s, "the draft offered", |t| t.contains(OFFER));
    s.send("n");
    wait_text(&s, "the draft discarded", |t| !t.contains(OFFER) && t.contains("the draft was discarded"));
    assert!(!s.screen().contains("New deposit"), "{}", s.screen());
    assert!(!draft_of(&file).exists());
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).unwrap().success());
}

#[test]
fn quitting_with_q_keeps_no_draft() {
    let (_dir, file) = folder();
    let mut s = spawn_app(&file);
    open_today(&mut s);
    type_in_a_new_deposit(&mut s, "cancelled");
    // Typed text is not dropped without a word: Esc asks, y discards.
    s.send(ESC);
    wait_text(&s, "the question", |t| t.contains("Discard what you wrote in New deposit?"));
    s.send("y");
    wait_text(&s, "the form closed", |t| !t.contains("New deposit"));
    s.send("q");
    assert!(s.wait_exit(TIMEOUT).unwrap().success());
    assert!(!draft_of(&file).exists());
}

#[test]
fn a_writable_instance_whose_terminal_closes_is_gone_within_5_s() {
    for how in [Start::Direct, Start::UnderAShell, Start::OwnSession] {
        let (_dir, file) = folder();
        let (mut s, pid) = start(&file, how);
        open_today(&mut s);
        s.close_terminal();
        assert_gone(pid, &format!("{how:?}"));
    }
}

#[test]
fn a_read_only_instance_whose_terminal_closes_is_gone_within_5_s() {
    for how in [Start::Direct, Start::UnderAShell, Start::OwnSession] {
        let (_dir, file) = folder();
        // A journal from a newer trustbank opens read-only.
        let text = format::to_ron(&Journal::default()).expect("ron");
        let newer =
            text.replacen(&format!("version: {FORMAT_VERSION},"), &format!("version: {},", FORMAT_VERSION + 1), 1);
        assert_ne!(newer, text);
        fs::write(&file, &newer).expect("write");
        let (mut s, pid) = start(&file, how);
        wait_text(&s, "the read-only Today tab", |t| t.contains(TODAY_TITLE) && t.contains("read-only"));
        s.close_terminal();
        assert_gone(pid, &format!("{how:?}"));
        assert_eq!(fs::read_to_string(&file).expect("read"), newer, "never written");
    }
}

/// Opens a journal, saves one entry, then makes every further save fail
/// (the lock file turned into a folder) and adds a second entry, whose
/// save fails.
fn with_a_save_failing(file: &Path) -> PtySession {
    let mut s = spawn_app(file);
    open_today(&mut s);
    type_in_a_new_deposit(&mut s, "on disk");
    s.send(ENTER);
    wait_text(&s, "the first entry saved", |t| {
        t.contains("on disk")
            && !t.contains("New deposit")
            && t.lines().last().is_some_and(|l| l.trim_end().ends_with("saved"))
    });
    let lock = trustbank::storage::device::lock_path(Some(&device_of(file)), file);
    fs::remove_file(&lock).expect("remove the lock file");
    fs::create_dir(&lock).expect("a folder in its place");
    type_in_a_new_deposit(&mut s, "only in memory");
    s.send(ENTER);
    wait_text(&s, "the save failing", |t| t.lines().last().is_some_and(|l| l.contains("save failed")));
    s
}

#[test]
fn a_save_still_failing_at_a_signal_goes_to_a_side_file_and_the_message_says_where() {
    let (_dir, file) = folder();
    let mut s = with_a_save_failing(&file);
    s.signal("TERM").unwrap();
    let status = s.wait_exit(GONE_WITHIN).unwrap();
    assert!(!status.success(), "a change not on disk is a failure: {status}");
    let side = side_files(&file);
    assert_eq!(side.len(), 1, "{side:?}");
    assert_eq!(mode(&side[0]), 0o600);
    assert_eq!(notes(&load(&side[0]).expect("the side file loads").journal), ["on disk", "only in memory"]);
    assert_eq!(notes(&load(&file).expect("loads").journal), ["on disk"]);
    let name = side[0].file_name().expect("name").to_string_lossy().into_owned();
    let said = s.screen().replace('\n', "");
    assert!(said.contains("this session's journal is kept in") && said.contains(&name), "{said}");
}

#[test]
fn a_save_still_failing_when_the_terminal_closes_goes_to_a_side_file() {
    let (_dir, file) = folder();
    let mut s = with_a_save_failing(&file);
    let pid = s.pid().expect("pid");
    s.close_terminal();
    assert_gone(pid, "a save failing");
    let side = side_files(&file);
    assert_eq!(side.len(), 1, "{side:?}");
    assert_eq!(notes(&load(&side[0]).expect("the side file loads").journal), ["on disk", "only in memory"]);
}

/// Fails every rename onto the journal, so no save lands; other files
/// (the side file, the draft) are written as usual.
struct NoSaveLands(PathBuf);

impl Faults for NoSaveLands {
    fn before(&self, _: Step) -> std::io::Result<()> {
        Ok(())
    }

    fn rename(&self, temp: tempfile::NamedTempFile, to: &Path) -> std::io::Result<()> {
        if to == self.0 {
            return Err(std::io::Error::from_raw_os_error(5));
        }
        temp.persist(to).map(drop).map_err(|e| e.error)
    }
}

/// An app on a fresh journal whose saves all fail, with one deposit added
/// (not on disk) and a check-in form open with a reflection typed.
fn app_with_a_failing_save(file: &Path) -> (App, Writer, Arc<NoSaveLands>) {
    let faults = Arc::new(NoSaveLands(file.to_path_buf()));
    let (store, loaded) = Store::open(file.to_path_buf()).expect("opens");
    let store = store.with_faults(faults.clone());
    let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("time");
    let mut app = App::new(loaded.journal, now, None);
    let writer = Writer::spawn(store);
    writer.save(0, app.journal.clone(), app.today);
    for action in [
        Action::AddDeposit,
        Action::Form(FormAction::Paste("listened".into())),
        Action::Form(FormAction::Submit),
        Action::WriteCheckIn,
        // The rating, which moves on to the reflection.
        Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE))),
        Action::Form(FormAction::Paste("a calm evening".into())),
    ] {
        trustbank::app::update(&mut app, action);
    }
    assert!(app.unsaved());
    (app, writer, faults)
}

#[test]
fn ended_from_outside_with_a_save_failing_the_journal_goes_aside_and_the_form_to_a_draft() {
    let (_dir, file) = folder();
    let (mut app, writer, faults) = app_with_a_failing_save(&file);
    let draft_at = draft_of(&file);
    let aside = Aside { journal: &file, draft: &draft_at };
    let err = finish(&mut app, writer, &Ended::Signal, Some(aside), faults.as_ref()).expect_err("not saved");
    let side = side_files(&file);
    assert_eq!(side.len(), 1, "{side:?}");
    assert!(err.contains(&side[0].display().to_string()), "{err}");
    assert!(err.contains("Check-in of Thu 26 Nov") && err.contains(&draft_at.display().to_string()), "{err}");
    assert_eq!(notes(&load(&side[0]).expect("loads").journal), ["listened"]);
    assert!(!file.exists(), "no save landed");
    let kept = draft::read(&draft_at).expect("reads").expect("a draft");
    let texts = format!("{:?}", kept.form);
    assert!(texts.contains("a calm evening"), "{texts}");
}

#[test]
fn quitting_anyway_with_a_save_failing_ends_at_once_and_still_keeps_the_journal_aside() {
    let (_dir, file) = folder();
    let (mut app, writer, faults) = app_with_a_failing_save(&file);
    // The check-in form is answered away, then q, and y to "Quit anyway?".
    trustbank::app::update(&mut app, Action::Close);
    trustbank::app::update(&mut app, Action::Confirm);
    // As the writer reports it (its own report may still be on its way).
    let revision = app.revision;
    trustbank::app::update(&mut app, Action::SaveFailed { revision, error: "disk error".into() });
    trustbank::app::update(&mut app, Action::Quit);
    assert_eq!(app.overlay, trustbank::app::Overlay::ConfirmQuit);
    trustbank::app::update(&mut app, Action::Confirm);
    assert!(!app.running && app.quit_unsaved);
    let draft_at = draft_of(&file);
    let started = std::time::Instant::now();
    let err = finish(&mut app, writer, &Ended::Quit, Some(Aside { journal: &file, draft: &draft_at }), faults.as_ref())
        .expect_err("not saved");
    // Not the ten seconds a quit waits for a save that may still land.
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    let side = side_files(&file);
    assert_eq!(side.len(), 1, "{side:?}");
    assert!(err.contains(&side[0].display().to_string()), "{err}");
    assert_eq!(notes(&load(&side[0]).expect("loads").journal), ["listened"]);
}
