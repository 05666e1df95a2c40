//! The real `trustbank` binary driven through a pseudo-terminal, end to end
//! (SPEC §8): the evening flow, forms that keep typed text, undo, signals, a
//! second instance and a tiny window.
//!
//! Every test pins the clock (Thu 26 Nov 2026, 21:00 +01:00), uses its own
//! temporary folder and `--file`, and waits on what the screen shows rather
//! than sleeping.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tempfile::TempDir;
use trustbank::domain::{AmountError, EntryKind, Journal};

use support::pty::PtySession;

const NOW: &str = "2026-11-26T21:00:00+01:00";
/// Generous: a loaded CI machine may be slow to start or save.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The Today panel's title for the pinned day (not shown in any form).
const TODAY_TITLE: &str = "Thursday 26 November 2026";
/// The title of the first-run welcome.
const WELCOME: &str = "Welcome to trustbank";

const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
/// How often [`wait_drawn`] looks at the screen.
const POLL: Duration = Duration::from_millis(20);

const ENTER: &str = "\r";
const TAB: &str = "\t";
const BACKSPACE: &str = "\x7f";
const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

/// A temporary folder holding the journal `j.ron` (not created yet).
struct TempJournal {
    _dir: TempDir,
    file: PathBuf,
}

fn fresh_journal() -> TempJournal {
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let file = dir.path().join("j.ron");
    TempJournal { _dir: dir, file }
}

/// Starts trustbank on `file` in a `cols` x `rows` pty, with the clock pinned
/// and no journal chosen by the environment.
fn spawn(file: &Path, cols: u16, rows: u16) -> PtySession {
    let device = file.parent().unwrap_or(Path::new(".")).join("device");
    let device = device.to_str().expect("a UTF-8 temporary path");
    let file = file.to_str().expect("a UTF-8 temporary path");
    PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_trustbank")),
        &["--file", file],
        &[("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", ""), ("TRUSTBANK_DEVICE_DIR", device)],
        cols,
        rows,
    )
    .expect("spawn trustbank in a pty")
}

/// Starts trustbank and waits for the Today tab, skipping the first-run
/// welcome if it shows.
fn open(file: &Path, cols: u16, rows: u16) -> PtySession {
    let mut session = spawn(file, cols, rows);
    wait_drawn(&session, "the Today tab", |screen| screen.contains(TODAY_TITLE));
    skip_welcome(&mut session);
    session
}

/// A fresh journal opens with a welcome (names, week start); `Esc` skips it
/// and writes nothing.
fn skip_welcome(session: &mut PtySession) {
    if session.screen().contains(WELCOME) {
        session.send(ESC);
        // Wait before the next key, or it would arrive as Alt-<key>.
        wait_drawn(session, "the welcome to close", |screen| !screen.contains(WELCOME) && screen.contains(TODAY_TITLE));
    }
}

fn rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen.rows(0, cols).collect()
}

fn text(screen: &vt100::Screen) -> String {
    rows(screen).join("\n")
}

/// The last row: the keys or a message, and the save state at its right end.
fn footer(screen: &vt100::Screen) -> String {
    rows(screen).last().map(|r| r.trim_end().to_string()).unwrap_or_default()
}

/// Waits until the screen's text satisfies `done`.
fn wait_text(session: &PtySession, what: &str, done: impl Fn(&str) -> bool) {
    session.wait_until(what, TIMEOUT, |screen| done(&text(screen))).unwrap();
}

/// Waits until a completely drawn frame satisfies `done` (given the screen's
/// text).
///
/// The program's output reaches the emulated screen in chunks, so a frame may
/// be seen half drawn: e.g. the new entry already in the list while the
/// footer's right end still says `saved` from the frame before. ratatui ends
/// every frame without a cursor (the Today tab) with hide-cursor, and redraws
/// at least every 200 ms, so only screens whose output so far ends there
/// are judged.
fn wait_drawn(session: &PtySession, what: &str, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let raw = session.output_bytes();
        let screen = session.screen();
        let settled = session.output_bytes().len() == raw.len() && frame_complete(&raw);
        if settled && done(&screen) {
            return;
        }
        // Fail fast, with the screen, once the program has exited.
        if let Err(err) = session.wait_until(what, Duration::ZERO, |_| false)
            && err.contains("closed the terminal")
        {
            panic!("{err}");
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {TIMEOUT:?} waiting for {what}\n--- screen ---\n{screen}\n--- end of screen ---"
        );
        thread::sleep(POLL);
    }
}

/// Whether `raw` ends where ratatui ends a frame: with hide-cursor, or with
/// show-cursor followed by the cursor's position (`ESC [ row ; col H`).
fn frame_complete(raw: &[u8]) -> bool {
    if raw.ends_with(HIDE_CURSOR) {
        return true;
    }
    let Some(rest) = raw.strip_suffix(b"H") else { return false };
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit() || **b == b';').count();
    let (before, position) = rest.split_at(rest.len() - digits);
    position.iter().filter(|b| **b == b';').count() == 1
        && before.strip_suffix(b"\x1b[").is_some_and(|b| b.ends_with(SHOW_CURSOR))
}

/// The last row of a screen's text: the keys or a message, and the save
/// state at its right end.
fn footer_of(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default().trim_end()
}

/// Waits until a complete frame shows `needle` on the Today tab, outside any
/// form, and the footer says every change is on disk.
fn wait_saved_with(session: &PtySession, needle: &str) {
    wait_drawn(session, &format!("{needle:?} on the Today tab with `saved` in the footer"), |screen| {
        screen.contains(needle)
            && screen.contains(TODAY_TITLE)
            && !screen.contains("New deposit")
            && !screen.contains("New withdrawal")
            && !screen.contains("Check-in ·")
            && footer_of(screen).ends_with("saved")
    });
}

/// Adds an entry through its form: `key` (`a` or `w`), the note, Enter.
fn add_entry(session: &mut PtySession, key: &str, note: &str) {
    let title = if key == "a" { "New deposit" } else { "New withdrawal" };
    session.send(key);
    session.wait_for(title, TIMEOUT).unwrap();
    session.send(note);
    session.send(ENTER);
    wait_saved_with(session, note);
}

/// Quits with `q` and expects a successful exit.
fn quit(session: &mut PtySession) {
    session.send("q");
    let status = session.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "exit status: {status}\n{}", session.screen());
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// After the last switch to the alternate screen, the program left it again
/// and showed the cursor; the emulated terminal is back on the main screen.
fn assert_terminal_restored(session: &PtySession) {
    let raw = session.output_bytes();
    let entered =
        find_last(&raw, ENTER_ALTERNATE_SCREEN).expect("the program should have entered the alternate screen");
    let after = &raw[entered..];
    assert!(
        contains(after, LEAVE_ALTERNATE_SCREEN),
        "no leave-alternate-screen after the last enter; tail: {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
    );
    assert!(
        contains(after, SHOW_CURSOR),
        "no show-cursor after the last enter; tail: {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
    );
    assert!(!session.alternate_screen(), "still on the alternate screen:\n{}", session.screen());
    assert!(!session.cursor_hidden(), "the cursor is still hidden");
}

fn load(file: &Path) -> Journal {
    trustbank::storage::load(file).unwrap_or_else(|e| panic!("cannot load {}: {e}", file.display())).journal
}

fn the_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// (kind, cents, note) of every entry, sorted by note.
fn entry_summary(journal: &Journal) -> Vec<(EntryKind, u64, String)> {
    let mut summary: Vec<_> = journal.entries.iter().map(|e| (e.kind, e.amount.cents(), e.note.clone())).collect();
    summary.sort_by(|a, b| a.2.cmp(&b.2));
    summary
}

#[test]
fn evening_flow_saves_entries_and_check_in_and_restores_the_terminal() {
    let journal = fresh_journal();
    let mut s = open(&journal.file, 100, 30);

    add_entry(&mut s, "a", "made coffee ☕");
    add_entry(&mut s, "w", "forgot the bill");

    s.send("r");
    s.wait_for("Check-in ·", TIMEOUT).unwrap();
    s.send("4");
    s.wait_for("4/5", TIMEOUT).unwrap();
    s.send("We talked.");
    s.send(ENTER);
    s.send("Second line 💛");
    s.wait_for("Second line 💛", TIMEOUT).unwrap();
    s.send(CTRL_S);
    // The Today panel's check-in line (the form says only "4/5").
    wait_saved_with(&s, "4/5 connection");
    wait_text(&s, "both reflection lines on the Today tab", |t| {
        t.contains("We talked.") && t.contains("Second line 💛")
    });

    quit(&mut s);
    assert_terminal_restored(&s);

    let saved = load(&journal.file);
    assert_eq!(
        entry_summary(&saved),
        vec![
            (EntryKind::Withdrawal, 100, "forgot the bill".to_string()),
            (EntryKind::Deposit, 10, "made coffee ☕".to_string()),
        ]
    );
    assert!(saved.entries.iter().all(|e| e.date == the_day()));
    assert_eq!(saved.check_ins.len(), 1, "{:?}", saved.check_ins);
    let check_in = &saved.check_ins[0];
    assert_eq!(check_in.date, the_day());
    assert_eq!(check_in.rating, 4);
    assert_eq!(check_in.reflection, "We talked.\nSecond line 💛");
}

#[test]
fn typed_text_survives_a_validation_error() {
    let journal = fresh_journal();
    let mut s = open(&journal.file, 100, 30);
    let note = "kept my word 🌱";
    let error = AmountError::NotAnAmount("abc".into()).to_string();

    s.send("a");
    s.wait_for("New deposit", TIMEOUT).unwrap();
    s.send(note);
    s.send(TAB);
    // The amount field starts as "10c".
    s.send(&BACKSPACE.repeat(3));
    s.send("abc");
    s.wait_for(&error, TIMEOUT).unwrap();

    let footer_before = s.screen().lines().last().unwrap_or_default().trim_end().to_string();
    s.send(ENTER);
    // Enter on an invalid form is answered in the footer; once it changed,
    // the Enter has been handled.
    s.wait_until("the footer to answer Enter", TIMEOUT, |screen| footer(screen) != footer_before).unwrap();
    let screen = s.screen();
    assert!(screen.contains("New deposit"), "form closed:\n{screen}");
    assert!(screen.contains(&error), "error gone:\n{screen}");
    assert!(screen.contains(note), "note lost:\n{screen}");
    assert!(screen.contains("abc"), "amount text lost:\n{screen}");

    s.send(&BACKSPACE.repeat(3));
    s.send("25c");
    s.send(ENTER);
    wait_saved_with(&s, note);
    wait_text(&s, "the $0.25 deposit", |t| t.contains("$0.25"));
    quit(&mut s);

    assert_eq!(entry_summary(&load(&journal.file)), vec![(EntryKind::Deposit, 25, note.to_string())]);
}

#[test]
fn undo_through_the_binary_removes_the_entry_from_the_file() {
    let journal = fresh_journal();
    let mut s = open(&journal.file, 100, 30);

    add_entry(&mut s, "a", "undo me");
    s.send("u");
    wait_drawn(&s, "the entry to disappear with `saved` in the footer", |screen| {
        !screen.contains("undo me") && footer_of(screen).ends_with("saved")
    });
    quit(&mut s);

    let saved = load(&journal.file);
    assert!(saved.entries.is_empty(), "{:?}", saved.entries);
}

/// A signal while the app is open with a just-added entry: a clean exit, the
/// terminal put back, the entry on disk.
fn signal_quits_cleanly(signal: &str) {
    let journal = fresh_journal();
    let mut s = open(&journal.file, 100, 30);

    s.send("a");
    s.wait_for("New deposit", TIMEOUT).unwrap();
    s.send("before the signal");
    s.send(ENTER);
    // Do not wait for `saved`: the save may still be under way.
    wait_text(&s, "the entry on the Today tab", |t| t.contains("before the signal") && !t.contains("New deposit"));
    s.signal(signal).unwrap();

    let status = s.wait_exit(TIMEOUT).unwrap();
    assert!(
        status.success() && status.signal().is_none(),
        "SIG{signal} should end the app cleanly, got: {status}\n{}",
        s.screen()
    );
    assert_terminal_restored(&s);
    assert_eq!(entry_summary(&load(&journal.file)), vec![(EntryKind::Deposit, 10, "before the signal".to_string())]);
}

#[test]
fn sigterm_quits_cleanly_and_keeps_the_new_entry() {
    signal_quits_cleanly("TERM");
}

#[test]
fn sighup_quits_cleanly_and_keeps_the_new_entry() {
    signal_quits_cleanly("HUP");
}

#[test]
fn sigint_quits_cleanly_and_keeps_the_new_entry() {
    signal_quits_cleanly("INT");
}

#[test]
fn sigquit_quits_cleanly_and_keeps_the_new_entry() {
    signal_quits_cleanly("QUIT");
}

#[test]
fn two_windows_on_one_journal_both_write_and_each_shows_the_other() {
    let journal = fresh_journal();
    let mut first = open(&journal.file, 100, 30);
    add_entry(&mut first, "a", "from the first");

    let mut second = open(&journal.file, 100, 30);
    second.wait_for("from the first", TIMEOUT).unwrap();
    add_entry(&mut second, "a", "from the second");
    // The first window takes in what the second wrote, and says so.
    first
        .wait_until("the second window's entry and a footer line", TIMEOUT, |screen| {
            text(screen).contains("from the second") && footer(screen).contains("changed outside: 1 entry added")
        })
        .unwrap();
    add_entry(&mut first, "a", "first again");
    second.wait_for("first again", TIMEOUT).unwrap();

    quit(&mut second);
    assert_terminal_restored(&second);
    quit(&mut first);
    assert_terminal_restored(&first);

    let mut notes: Vec<_> = load(&journal.file).entries.into_iter().map(|e| e.note).collect();
    notes.sort();
    assert_eq!(notes, ["first again", "from the first", "from the second"]);
}

#[test]
fn a_tiny_terminal_asks_for_a_larger_window_until_resized() {
    let journal = fresh_journal();
    let mut s = spawn(&journal.file, 40, 10);
    s.wait_for("at least 60×16", TIMEOUT).unwrap();
    assert!(!s.screen().contains(TODAY_TITLE), "{}", s.screen());

    s.resize(100, 30).unwrap();
    wait_drawn(&s, "the Today tab after the resize", |t| t.contains(TODAY_TITLE) && !t.contains("at least 60×16"));
    skip_welcome(&mut s);

    quit(&mut s);
    assert_terminal_restored(&s);
    // Nothing changed, so nothing was written.
    assert!(!journal.file.exists());
}

#[test]
fn frame_ends_are_recognised() {
    assert!(frame_complete(b"\x1b[1;1Hx\x1b[0m\x1b[?25l"));
    assert!(frame_complete(b"\x1b[1;1Hx\x1b[0m\x1b[?25h\x1b[12;34H"));
    assert!(!frame_complete(b"\x1b[?25l\x1b[30;94Hsav"));
    assert!(!frame_complete(b"\x1b[?25l\x1b[30;94H"));
    assert!(!frame_complete(b"\x1b[?25h\x1b[12H"));
}

/// A first run as a newcomer: the welcome, two names, no example
/// commitment, quit; the file holds the settings and nothing else.
#[test]
fn a_first_run_welcome_saves_the_names_and_skips_the_example() {
    let journal = fresh_journal();
    let mut session = spawn(&journal.file, 100, 30);
    wait_text(&session, "the welcome", |t| t.contains(WELCOME));
    assert!(!journal.file.exists(), "nothing is written while the welcome is open");
    session.send("Ana");
    session.send(TAB);
    session.send("Ben 🌱");
    session.send(TAB);
    session.send(TAB);
    // On "Start with an example commitment": space says no.
    session.send(" ");
    wait_text(&session, "the example turned off", |t| t.contains("◀ no ▶"));
    session.send(ENTER);
    wait_text(&session, "the welcome to close and save", |t| !t.contains(WELCOME) && t.contains("saved"));
    session.send("q");
    let status = session.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "{status:?}");
    let loaded = trustbank::storage::load(&journal.file).expect("the journal loads");
    assert_eq!(loaded.journal.people.name(trustbank::domain::Person::A), "Ana");
    assert_eq!(loaded.journal.people.name(trustbank::domain::Person::B), "Ben 🌱");
    assert!(loaded.journal.commitments.is_empty(), "the example was skipped");
    assert!(loaded.journal.entries.is_empty());
}

/// The welcome's footer does not say "saved" before anything is, and says
/// the same key its box does.
#[test]
fn the_welcome_says_nothing_is_written_yet_and_enter_saves() {
    let journal = fresh_journal();
    let session = spawn(&journal.file, 100, 30);
    // The footer is the last row drawn, in pieces: wait for the whole of it
    // (a wrong footer times out, with the screen).
    wait_text(&session, "the welcome's footer: Enter save, nothing written yet", |t| {
        t.contains(WELCOME)
            && t.lines()
                .last()
                .is_some_and(|last| last.contains("Enter save") && last.ends_with("new: nothing written yet"))
    });
    let screen = session.screen();
    assert!(screen.contains("Enter save · Tab next"), "{screen}");
    assert!(!screen.contains("saved"), "nothing is saved yet: {screen}");
}

/// A journal begun with `trustbank add` still has "Me" and "Partner": the
/// first open of the app on this computer offers the welcome's names, the
/// next ones do not.
#[test]
fn a_journal_begun_from_the_shell_is_offered_the_names_once() {
    let journal = fresh_journal();
    let device = journal.file.parent().expect("folder").join("device");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustbank"))
        .args(["--file", journal.file.to_str().expect("UTF-8"), "add", "deposit", "10c", "from the shell"])
        .env("TRUSTBANK_NOW", NOW)
        .env("TRUSTBANK_DEVICE_DIR", &device)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut session = spawn(&journal.file, 100, 30);
    wait_text(&session, "the welcome's names", |t| t.contains(WELCOME) && t.contains("Your name"));
    session.send(ESC);
    wait_drawn(&session, "the welcome to close", |t| !t.contains(WELCOME) && t.contains("from the shell"));
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    let mut again = spawn(&journal.file, 100, 30);
    wait_drawn(&again, "the Today tab", |t| t.contains("from the shell"));
    assert!(!again.screen().contains(WELCOME), "offered once: {}", again.screen());
    again.send("q");
    assert!(again.wait_exit(TIMEOUT).unwrap().success());
}

/// A newcomer's commitment: made in the app on a weekday, marked kept,
/// quit; the file holds the commitment, its outcome and the linked deposit.
#[test]
fn a_weekday_commitment_made_and_kept_in_the_app() {
    let journal = fresh_journal();
    let mut session = open(&journal.file, 100, 30);
    session.send("2");
    wait_drawn(&session, "the Commitments tab", |t| t.contains("No commitments yet."));
    session.send("n");
    wait_drawn(&session, "the commitment form", |t| t.contains("New commitment"));
    session.send("Pick up Mia from school");
    session.send(ENTER);
    wait_drawn(&session, "the commitment listed", |t| t.contains("Pick up Mia from school") && t.contains("weekdays"));
    // Thursday 26 November is a weekday: mark it kept.
    session.send(" ");
    wait_saved_anywhere(&session, "✓ kept");
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    let j = trustbank::storage::load(&journal.file).expect("loads").journal;
    assert_eq!(j.commitments.len(), 1);
    let c = &j.commitments[0];
    assert_eq!(c.title, "Pick up Mia from school");
    assert_eq!(c.schedule.describe(), "weekdays");
    assert_eq!(j.outcomes.len(), 1);
    assert_eq!(j.outcomes[0].outcome, trustbank::domain::Outcome::Kept);
    assert_eq!(j.entries.len(), 1);
    assert_eq!(j.entries[0].kind, EntryKind::Deposit);
    assert_eq!(j.entries[0].commitment.as_ref(), Some(&c.id));
    assert_eq!(j.outcomes[0].entry.as_ref(), Some(&j.entries[0].id));
}

/// The screen's words with the box lines taken out and the spaces
/// collapsed, so a sentence wrapped inside a popup reads as one.
fn words(screen: &str) -> String {
    screen.replace(['│', '┌', '┐', '└', '┘', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Issue 14: marking a commitment kept, deleting the deposit it posted (x,
/// y) and quitting left an outcome pointing to a missing entry, and the
/// next start refused the file. Now the question says the outcome goes
/// too, both go, and the file opens again, in the app and for `check`.
#[test]
fn deleting_a_marks_deposit_clears_the_mark_and_the_file_opens_again() {
    let journal = fresh_journal();
    let mut start = Journal::default();
    start.commitments.push(trustbank::domain::outcome::new_commitment(
        trustbank::domain::Id::from("01JWALK0000000000000000001"),
        "walk together".into(),
        trustbank::domain::Schedule::Daily,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        trustbank::domain::Amount(10),
        trustbank::domain::Amount(100),
    ));
    std::fs::write(&journal.file, trustbank::storage::format::to_ron(&start).unwrap()).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&journal.file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    let mut session = open(&journal.file, 100, 30);
    // The due commitment is the first line: space marks it kept.
    session.send(" ");
    wait_saved_with(&session, "commitment kept");
    // j selects the deposit the mark posted; x asks.
    session.send("j");
    session.send("x");
    let question = "this clears the outcome 'kept' of walk together on Thu 26 Nov";
    wait_drawn(&session, "the question naming the outcome", |t| words(t).contains(question));
    session.send("y");
    wait_drawn(&session, "the mark and its deposit gone", |t| {
        t.contains("not marked") && t.contains("Nothing noted on this day yet") && footer_of(t).ends_with("saved")
    });
    quit(&mut session);
    assert_terminal_restored(&session);

    let saved = load(&journal.file);
    assert!(saved.outcomes.is_empty(), "{:?}", saved.outcomes);
    assert!(saved.entries.is_empty(), "{:?}", saved.entries);
    assert_eq!(saved.commitments, start.commitments);

    // The real binary opens it again, on Today, with no error.
    let mut again = open(&journal.file, 100, 30);
    wait_drawn(&again, "the commitment due and not marked", |t| {
        t.contains("walk together") && t.contains("not marked")
    });
    quit(&mut again);
    let check = support::cli::stdout(support::cli::trustbank(&journal.file).arg("check"));
    assert!(check.contains("is sound: 0 entries, 1 commitment, "), "{check}");
}

/// A repair walked in the app: a multi-line step-1 note with emoji, an
/// agreement that creates a weekly commitment; all of it in the file.
#[test]
fn a_repair_with_a_note_and_an_agreement_made_in_the_app() {
    let journal = fresh_journal();
    let mut session = open(&journal.file, 100, 30);
    session.send("4");
    wait_drawn(&session, "the Repair tab", |t| t.contains("No repair conversations yet."));
    session.send("n");
    wait_drawn(&session, "the repair form", |t| t.contains("Open a repair"));
    session.send("The hidden card");
    session.send(ENTER);
    wait_drawn(&session, "the repair", |t| t.contains("1. Reveal"));
    session.send(ENTER);
    wait_drawn(&session, "the step form", |t| t.contains("How I felt"));
    session.send("Foolish 💔");
    session.send(ENTER);
    session.send("and alone");
    session.send(CTRL_S);
    wait_drawn(&session, "the note shown", |t| t.contains("Foolish 💔") && t.contains("and alone"));
    session.send("a");
    wait_drawn(&session, "the agreement form", |t| t.contains("New agreement"));
    session.send("Weekly therapy");
    session.send(ENTER);
    wait_saved_anywhere(&session, "Weekly therapy (tracked)");
    session.send("2");
    wait_drawn(&session, "the commitment", |t| t.contains("Weekly therapy") && t.contains("1x a week"));
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    let j = trustbank::storage::load(&journal.file).expect("loads").journal;
    let r = &j.repairs[0];
    assert_eq!(r.title, "The hidden card");
    assert_eq!(r.reveal.how_i_felt, "Foolish 💔\nand alone");
    assert_eq!(r.make_it_right.agreements[0].text, "Weekly therapy");
    assert_eq!(j.commitments[0].title, "Weekly therapy");
    assert_eq!(r.make_it_right.agreements[0].commitment.as_ref(), Some(&j.commitments[0].id));
}

/// `--demo` opens on data on every tab and leaves nothing behind.
#[test]
fn the_demo_shows_data_on_every_tab_and_leaves_no_file() {
    let before: Vec<PathBuf> = demo_folders();
    let mut session = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_trustbank")),
        &["--demo"],
        &[("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", "")],
        100,
        30,
    )
    .expect("spawn the demo");
    wait_drawn(&session, "Today with entries", |t| t.contains(TODAY_TITLE) && t.contains("time  amount"));
    for (key, shows) in
        [("2", "Pick up Mia from school"), ("3", "Balance at week end"), ("4", "The hidden credit card")]
    {
        session.send(key);
        wait_drawn(&session, shows, |t| t.contains(shows));
    }
    let during: Vec<PathBuf> = demo_folders().into_iter().filter(|f| !before.contains(f)).collect();
    assert_eq!(during.len(), 1, "one demo folder while it runs");
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    assert!(!during[0].exists(), "the demo folder is removed on exit");
}

/// Waits for `needle` on any tab with `saved` at the footer's end.
fn wait_saved_anywhere(session: &PtySession, needle: &str) {
    wait_drawn(session, &format!("{needle:?} with `saved` in the footer"), |screen| {
        screen.contains(needle) && footer_of(screen).ends_with("saved")
    });
}

fn demo_folders() -> Vec<PathBuf> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("trustbank-demo-")))
                .collect()
        })
        .unwrap_or_default()
}

/// The notes of every entry in the journal at `file`, sorted.
fn notes_in(file: &Path) -> Vec<String> {
    let mut notes: Vec<_> = load(file).entries.into_iter().map(|e| e.note).collect();
    notes.sort();
    notes
}

#[test]
fn a_hand_edit_while_the_app_runs_shows_at_once_and_survives_its_next_save() {
    let journal = fresh_journal();
    let mut app = open(&journal.file, 100, 30);
    add_entry(&mut app, "a", "typed in the app");
    let text = fs::read_to_string(&journal.file).expect("read");
    fs::write(&journal.file, text.replace("typed in the app", "mended by hand")).expect("a hand edit");
    wait_text(&app, "the hand edit on screen, said in the footer", |t| {
        t.contains("mended by hand") && footer_of(t).contains("changed outside: 1 entry changed")
    });
    add_entry(&mut app, "a", "typed after the edit");
    quit(&mut app);
    assert_eq!(notes_in(&journal.file), ["mended by hand", "typed after the edit"]);
}

#[test]
fn a_journal_replaced_by_rename_as_sync_tools_do_is_picked_up() {
    let journal = fresh_journal();
    let mut app = open(&journal.file, 100, 30);
    add_entry(&mut app, "a", "mine");
    // Another computer's copy arrives: written beside, renamed over.
    let mut theirs = load(&journal.file);
    let mut entry = theirs.entries[0].clone();
    entry.id = trustbank::domain::Id::from("01KTHEIRS00000000000000000");
    entry.note = "from the other computer".into();
    theirs.insert_entry(entry);
    let incoming = journal.file.with_file_name(".j.ron.syncthing.tmp");
    fs::write(&incoming, trustbank::storage::format::to_ron(&theirs).expect("ron")).expect("write");
    fs::rename(&incoming, &journal.file).expect("rename over the journal");
    wait_text(&app, "the other computer's entry", |t| {
        t.contains("from the other computer") && footer_of(t).contains("1 entry added")
    });
    add_entry(&mut app, "a", "mine again");
    quit(&mut app);
    assert_eq!(notes_in(&journal.file), ["from the other computer", "mine", "mine again"]);
}

#[test]
fn a_journal_broken_outside_is_never_overwritten_and_the_app_turns_read_only() {
    let journal = fresh_journal();
    let mut app = open(&journal.file, 100, 30);
    add_entry(&mut app, "a", "safe in the side file");
    let broken = "(version: 1, entries: [ a hand edit cut short";
    fs::write(&journal.file, broken).expect("a broken edit");
    wait_text(&app, "read-only, saying where this window's journal is", |t| {
        footer_of(t).contains("read-only: this window's journal is kept in j.unsaved-")
    });
    app.send("a");
    wait_text(&app, "a read-only message instead of a form", |t| {
        footer_of(t).starts_with("read-only") && !t.contains("New deposit")
    });
    quit(&mut app);
    assert_eq!(fs::read_to_string(&journal.file).expect("read"), broken, "never overwritten");
    let folder = journal.file.parent().expect("folder");
    let side: Vec<PathBuf> = fs::read_dir(folder)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("j.unsaved-")))
        .collect();
    assert_eq!(side.len(), 1, "{side:?}");
    assert_eq!(notes_in(&side[0]), ["safe in the side file"]);
}

/// Issue 19, item 2: the keys typed right after a wipe's Enter (`a`, a
/// note with a "y" and an "n" in it, Enter) make the next deposit; the
/// question "open a repair?" waits for them and says which keys answer it.
#[test]
fn keys_typed_after_a_wipe_make_the_next_entry_and_the_offer_waits() {
    let journal = fresh_journal();
    let mut session = open(&journal.file, 100, 30);
    session.send("w");
    wait_drawn(&session, "the withdrawal form", |t| t.contains("New withdrawal"));
    // All in one go, as a fast typist's keys arrive.
    let amount = format!("{TAB}{}wipe", BACKSPACE.repeat(12));
    session.send(&format!("the lie{amount}{ENTER}ayes, any day now{ENTER}"));
    wait_drawn(&session, "the deposit saved and the question shown", |t| {
        t.contains("yes, any day now") && t.contains("A hard moment") && t.contains("y open a repair · n not now")
    });
    // In sight long enough: n answers it.
    std::thread::sleep(trustbank::app::offer::Offer::SETTLE);
    session.send("n");
    wait_drawn(&session, "the question answered", |t| !t.contains("A hard moment") && t.contains("no repair opened"));
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    let j = trustbank::storage::load(&journal.file).expect("loads").journal;
    let kinds: Vec<_> = j.entries.iter().map(|e| (e.kind, e.note.as_str())).collect();
    assert_eq!(kinds, [(EntryKind::Wipe, "the lie"), (EntryKind::Deposit, "yes, any day now")]);
    assert!(j.repairs.is_empty(), "n opened none");
}

/// Issue 19, item 3: a paste into a terminal without bracketed paste comes
/// as keys; crossterm's reader read 1 KiB of them per later key press. All
/// of it arrives at once now, and the Enter after it saves.
#[test]
fn a_long_paste_without_bracketed_paste_arrives_whole_and_enter_saves() {
    let journal = fresh_journal();
    let mut session = open(&journal.file, 100, 30);
    session.send("a");
    wait_drawn(&session, "the deposit form", |t| t.contains("New deposit"));
    let pasted: String = (0..1000).map(|i| format!("w{:03} ", i % 1000)).collect::<String>().trim_end().to_string();
    assert!(pasted.len() > 4096, "more than a few of crossterm's 1 KiB reads");
    // The whole paste, then Tab to the amount and Enter, in one write.
    session.send(&format!("{pasted}{TAB}{ENTER}"));
    wait_drawn(&session, "the deposit saved", |t| !t.contains("New deposit") && t.contains("w000 w001"));
    session.send("q");
    assert!(session.wait_exit(TIMEOUT).unwrap().success());
    let j = trustbank::storage::load(&journal.file).expect("loads").journal;
    assert_eq!(j.entries.len(), 1);
    assert_eq!(j.entries[0].note, pasted);
}
