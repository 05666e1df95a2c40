//! Issue 8, "nothing typed is ever lost", in time: "now" and its offset are
//! passed in (`TRUSTBANK_NOW`), never read from the machine. An entry after
//! midnight belongs to the evening before; a daylight-saving change or a
//! move to another time zone between sessions never moves or duplicates a
//! day's check-in or entry.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate};
use trustbank::domain::{Journal, journal_day};
use trustbank::storage::load;

use support::pty::PtySession;

const BIN: &str = env!("CARGO_BIN_EXE_trustbank");
const TIMEOUT: Duration = Duration::from_secs(20);
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const CTRL_S: &str = "\x13";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn add(path: &Path, now: &str, note: &str) {
    let out = Command::new(BIN)
        .env("TRUSTBANK_NOW", now)
        .env_remove("TRUSTBANK_FILE")
        .env("TRUSTBANK_DEVICE_DIR", devices(path))
        .arg("--file")
        .arg(path)
        .args(["add", "deposit", "1c", note])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{now}: {}", String::from_utf8_lossy(&out.stderr));
}

fn status(path: &Path, now: &str) -> String {
    let out = Command::new(BIN)
        .env("TRUSTBANK_NOW", now)
        .env_remove("TRUSTBANK_FILE")
        .env("TRUSTBANK_DEVICE_DIR", devices(path))
        .arg("--file")
        .arg(path)
        .arg("status")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{now}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn journal(path: &Path) -> Journal {
    load(path).expect("the journal loads").journal
}

/// (note, journal day, the moment as written in the file) of every entry.
fn entries(path: &Path) -> Vec<(String, NaiveDate, String)> {
    let mut all: Vec<_> = journal(path).entries.into_iter().map(|e| (e.note, e.date, e.at.to_rfc3339())).collect();
    all.sort();
    all
}

#[test]
fn an_entry_after_midnight_belongs_to_the_evening_before() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    add(&path, "2026-11-26T21:00:00+01:00", "evening");
    add(&path, "2026-11-27T00:30:00+01:00", "half past midnight");
    add(&path, "2026-11-27T03:59:59+01:00", "just before four");
    add(&path, "2026-11-27T04:00:00+01:00", "four o'clock");
    assert_eq!(
        entries(&path),
        vec![
            ("evening".into(), d("2026-11-26"), "2026-11-26T21:00:00+01:00".into()),
            ("four o'clock".into(), d("2026-11-27"), "2026-11-27T04:00:00+01:00".into()),
            ("half past midnight".into(), d("2026-11-26"), "2026-11-27T00:30:00+01:00".into()),
            ("just before four".into(), d("2026-11-26"), "2026-11-27T03:59:59+01:00".into()),
        ]
    );
    // The file keeps the local offset it was written with.
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("at: \"2026-11-27T00:30:00+01:00\""), "{text}");
    let half_past = DateTime::parse_from_rfc3339("2026-11-27T00:30:00+01:00").expect("time");
    assert_eq!(journal_day(half_past, journal(&path).settings.day_ends_at), d("2026-11-26"));
}

/// The app in a pseudo-terminal at `now`, on the Today tab of its day.
fn open_app(path: &Path, now: &str) -> (PtySession, String) {
    let day = journal_day(DateTime::parse_from_rfc3339(now).expect("now"), journal(path).settings.day_ends_at);
    let title = day.format("%A %-d %B %Y").to_string();
    let mut app = PtySession::spawn(
        Path::new(BIN),
        &["--file", path.to_str().expect("UTF-8 path")],
        &[
            ("TRUSTBANK_NOW", now),
            ("TRUSTBANK_FILE", ""),
            ("TRUSTBANK_DEVICE_DIR", &devices(path).display().to_string()),
        ],
        120,
        40,
    )
    .expect("spawn");
    app.wait_for(&title, TIMEOUT).unwrap();
    app.skip_welcome(TIMEOUT).unwrap();
    (app, title)
}

/// Waits for a whole frame that satisfies `done`.
fn wait_frame(app: &PtySession, what: &str, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let raw = app.output_bytes();
        let screen = app.screen();
        if raw.ends_with(HIDE_CURSOR) && app.output_bytes().len() == raw.len() && done(&screen) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes the day's check-in: a new one (`rating` given) starts on the
/// rating; an existing one opens on its reflection, which gets `words`
/// appended.
fn check_in(app: &mut PtySession, title: &str, rating: Option<char>, words: &str) {
    app.send("r");
    app.wait_for("Check-in ·", TIMEOUT).unwrap();
    if let Some(rating) = rating {
        app.send(&rating.to_string());
        app.wait_for(&format!("{rating}/5"), TIMEOUT).unwrap();
    }
    app.send(words);
    app.wait_for(words, TIMEOUT).unwrap();
    app.send(CTRL_S);
    wait_frame(app, "the check-in saved", |s| {
        s.contains(title)
            && !s.contains("Check-in ·")
            && s.contains("connection")
            && s.lines().last().unwrap_or_default().trim_end().ends_with("saved")
    });
}

fn quit(app: &mut PtySession) {
    app.send("q");
    let status = app.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "{status:?}\n{}", app.screen());
}

#[test]
fn the_autumn_daylight_saving_change_moves_nothing() {
    // Europe: on Sun 25 Oct 2026 at 03:00 CEST (+02:00) clocks go back to
    // 02:00 CET (+01:00). All of the night belongs to Saturday 24 October.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    add(&path, "2026-10-24T21:00:00+02:00", "saturday evening");
    let (mut app, title) = open_app(&path, "2026-10-24T22:00:00+02:00");
    assert_eq!(title, "Saturday 24 October 2026");
    check_in(&mut app, &title, Some('4'), "a good talk");
    quit(&mut app);

    // After the change, 02:30 comes twice; both are still Saturday.
    add(&path, "2026-10-25T02:30:00+02:00", "first half past two");
    let (mut app, title) = open_app(&path, "2026-10-25T02:30:00+01:00");
    assert_eq!(title, "Saturday 24 October 2026", "still the evening's day");
    app.wait_for("a good talk", TIMEOUT).unwrap();
    check_in(&mut app, &title, None, " and a walk");
    quit(&mut app);
    add(&path, "2026-10-25T02:45:00+01:00", "second half past two");
    add(&path, "2026-10-25T04:30:00+01:00", "sunday");

    let j = journal(&path);
    assert_eq!(j.check_ins.len(), 1, "one check-in, not two: {:?}", j.check_ins);
    assert_eq!(j.check_ins[0].date, d("2026-10-24"));
    assert_eq!(j.check_ins[0].reflection, "a good talk and a walk");
    assert_eq!(j.check_ins[0].rating, 4);
    let days: Vec<(String, NaiveDate)> = entries(&path).into_iter().map(|(n, d, _)| (n, d)).collect();
    assert_eq!(
        days,
        vec![
            ("first half past two".into(), d("2026-10-24")),
            ("saturday evening".into(), d("2026-10-24")),
            ("second half past two".into(), d("2026-10-24")),
            ("sunday".into(), d("2026-10-25")),
        ]
    );
    // The ledger is in the order things happened, whatever the offsets.
    let order: Vec<String> = j.entries.iter().map(|e| e.note.clone()).collect();
    assert_eq!(order, ["saturday evening", "first half past two", "second half past two", "sunday"]);
}

#[test]
fn the_spring_daylight_saving_change_moves_nothing() {
    // Europe: on Sun 29 Mar 2026 at 02:00 CET clocks jump to 03:00 CEST.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    add(&path, "2026-03-28T23:00:00+01:00", "saturday late");
    add(&path, "2026-03-29T01:59:00+01:00", "before the jump");
    add(&path, "2026-03-29T03:01:00+02:00", "after the jump");
    add(&path, "2026-03-29T04:00:00+02:00", "sunday");
    let days: Vec<(String, NaiveDate)> = entries(&path).into_iter().map(|(n, d, _)| (n, d)).collect();
    assert_eq!(
        days,
        vec![
            ("after the jump".into(), d("2026-03-28")),
            ("before the jump".into(), d("2026-03-28")),
            ("saturday late".into(), d("2026-03-28")),
            ("sunday".into(), d("2026-03-29")),
        ]
    );
}

#[test]
fn moving_to_another_time_zone_between_sessions_moves_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    // Berlin, Thursday evening: an entry and the check-in.
    add(&path, "2026-11-26T21:00:00+01:00", "berlin");
    let (mut app, title) = open_app(&path, "2026-11-26T21:05:00+01:00");
    check_in(&mut app, &title, Some('3'), "before the flight");
    quit(&mut app);

    // New York, the same Thursday (later in time, earlier on the clock).
    let (mut app, title) = open_app(&path, "2026-11-26T18:00:00-05:00");
    assert_eq!(title, "Thursday 26 November 2026");
    app.wait_for("before the flight", TIMEOUT).unwrap();
    check_in(&mut app, &title, None, ", landed");
    quit(&mut app);
    add(&path, "2026-11-26T18:30:00-05:00", "new york");

    // Tokyo, already Friday morning there: a new day of its own.
    let (mut app, title) = open_app(&path, "2026-11-27T09:00:00+09:00");
    assert_eq!(title, "Friday 27 November 2026");
    assert!(!app.screen().contains("before the flight"), "Thursday's check-in stays on Thursday");
    quit(&mut app);
    add(&path, "2026-11-27T09:00:00+09:00", "tokyo");

    // Back in Berlin on the Thursday evening (the clock of another machine):
    // Thursday still has its own check-in and entries, nothing more.
    add(&path, "2026-11-26T23:30:00+01:00", "berlin again");

    let j = journal(&path);
    assert_eq!(j.check_ins.len(), 1, "{:?}", j.check_ins);
    assert_eq!(j.check_ins[0].date, d("2026-11-26"));
    assert_eq!(j.check_ins[0].reflection, "before the flight, landed");
    assert_eq!(
        entries(&path),
        vec![
            ("berlin".into(), d("2026-11-26"), "2026-11-26T21:00:00+01:00".into()),
            ("berlin again".into(), d("2026-11-26"), "2026-11-26T23:30:00+01:00".into()),
            ("new york".into(), d("2026-11-26"), "2026-11-26T18:30:00-05:00".into()),
            ("tokyo".into(), d("2026-11-27"), "2026-11-27T09:00:00+09:00".into()),
        ]
    );
    assert!(status(&path, "2026-11-26T23:45:00+01:00").contains("checked in today"));
    assert!(status(&path, "2026-11-27T09:30:00+09:00").contains("not checked in today"));
}

/// This computer's device folders for the journal at `path`, the same for
/// the app and every command of a test: they share its lock.
fn devices(path: &Path) -> std::path::PathBuf {
    path.parent().unwrap_or(Path::new(".")).join("device")
}
