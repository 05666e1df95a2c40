//! Two people, one journal: who is at the keyboard (`--as`, `TRUSTBANK_AS`,
//! the device folder's memory) through the real binary.

mod support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use support::cli::{stderr_of_failure, stdout, trustbank};
use support::pty::PtySession;
use trustbank::domain::{Id, Journal, People, Person};

const NOW: &str = "2026-11-26T21:00:00+01:00";
const TIMEOUT: Duration = Duration::from_secs(10);
const QUESTION: &str = "Who is using this computer?";

/// A journal of Sam (A) and Alex (B) at `file`, with nothing in it yet.
fn write_named_journal(file: &Path) {
    let journal = Journal { id: Id::from("J2people"), people: People::new("Sam", "Alex"), ..Journal::default() };
    fs::write(file, trustbank::storage::format::to_ron(&journal).expect("serializes")).expect("write the journal");
}

fn load(file: &Path) -> Journal {
    trustbank::storage::load(file).expect("loads").journal
}

#[test]
fn add_writes_as_the_person_named_by_as_or_the_environment() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    write_named_journal(&file);
    // Nobody chose on this computer: the first person, as before.
    stdout(trustbank(&file).args(["add", "deposit", "10c", "first"]));
    stdout(trustbank(&file).args(["--as", "alex", "add", "deposit", "10c", "second"]));
    stdout(trustbank(&file).env("TRUSTBANK_AS", "Alex").args(["add", "deposit", "10c", "third"]));
    // The flag wins over the environment; an empty variable is unset.
    stdout(trustbank(&file).env("TRUSTBANK_AS", "Alex").args(["add", "deposit", "10c", "fourth", "--as", "A"]));
    stdout(trustbank(&file).env("TRUSTBANK_AS", "").args(["add", "deposit", "10c", "fifth"]));
    let j = load(&file);
    let by: Vec<(&str, Person, Person)> = j.entries.iter().map(|e| (e.note.as_str(), e.by, e.who)).collect();
    assert_eq!(
        by,
        [
            ("first", Person::A, Person::A),
            ("second", Person::B, Person::B),
            ("third", Person::B, Person::B),
            ("fourth", Person::A, Person::A),
            ("fifth", Person::A, Person::A),
        ]
    );
    // `--who partner` is the other one of whoever is at the keyboard.
    stdout(trustbank(&file).args(["--as", "Alex", "add", "deposit", "5c", "for sam", "--who", "partner"]));
    let last = load(&file).entries.into_iter().find(|e| e.note == "for sam").expect("added");
    assert_eq!((last.by, last.who), (Person::B, Person::A));
}

#[test]
fn an_unknown_name_is_refused_with_both_names() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    write_named_journal(&file);
    let before = fs::read(&file).expect("read");
    let err = stderr_of_failure(trustbank(&file).args(["--as", "Kim", "add", "deposit", "10c"]));
    assert!(err.contains("\"Kim\"") && err.contains("Sam") && err.contains("Alex"), "{err}");
    let err = stderr_of_failure(trustbank(&file).env("TRUSTBANK_AS", "Kim").arg("week"));
    assert!(err.contains("TRUSTBANK_AS") && err.contains("Sam or Alex"), "{err}");
    assert_eq!(fs::read(&file).expect("read"), before, "nothing written");
}

fn open_app(file: &Path, devices: &Path) -> PtySession {
    PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_trustbank")),
        &["--file", file.to_str().expect("UTF-8")],
        &[("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", ""), ("TRUSTBANK_DEVICE_DIR", devices.to_str().expect("UTF-8"))],
        80,
        24,
    )
    .expect("spawn trustbank in a pty")
}

fn header(screen: &vt100::Screen) -> String {
    screen.rows(0, 80).next().unwrap_or_default()
}

#[test]
fn the_device_remembers_who_was_chosen_across_two_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let devices = dir.path().join("devices");
    write_named_journal(&file);

    let mut first = open_app(&file, &devices);
    first.wait_until("the question", TIMEOUT, |s| s.contents().contains(QUESTION)).unwrap();
    first.send("2");
    first
        .wait_until("Alex in the header", TIMEOUT, |s| !s.contents().contains(QUESTION) && header(s).contains("Alex"))
        .unwrap();
    first.send("q");
    assert!(first.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(trustbank::storage::device::Device::new(&devices, &Id::from("J2people")).person(), Ok(Some(Person::B)));

    let mut second = open_app(&file, &devices);
    second.wait_until("the Today tab", TIMEOUT, |s| s.contents().contains("Thursday 26 November 2026")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let screen = second.screen();
    assert!(!screen.contains(QUESTION), "asked again:\n{screen}");
    assert!(screen.lines().next().unwrap_or_default().contains("Alex"), "{screen}");
    // What the device remembers is for the app and the commands alike.
    stdout(trustbank(&file).env("TRUSTBANK_DEVICE_DIR", &devices).args(["add", "deposit", "10c", "by alex"]));
    second.send("q");
    assert!(second.wait_exit(TIMEOUT).unwrap().success());
    let added = load(&file).entries.into_iter().find(|e| e.note == "by alex").expect("added");
    assert_eq!(added.by, Person::B);
}

#[test]
fn as_is_for_one_run_and_not_remembered() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let devices = dir.path().join("devices");
    write_named_journal(&file);
    let mut app = PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_trustbank")),
        &["--file", file.to_str().expect("UTF-8"), "--as", "alex"],
        &[("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", ""), ("TRUSTBANK_DEVICE_DIR", devices.to_str().expect("UTF-8"))],
        80,
        24,
    )
    .expect("spawn");
    app.wait_until("Alex in the header", TIMEOUT, |s| header(s).contains("Alex")).unwrap();
    assert!(!app.screen().contains(QUESTION));
    app.send("q");
    assert!(app.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(trustbank::storage::device::Device::new(&devices, &Id::from("J2people")).person(), Ok(None));
}

#[test]
fn the_week_shows_each_persons_own_deposits_the_one_at_the_keyboard_first() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    write_named_journal(&file);
    stdout(trustbank(&file).args(["--as", "Sam", "add", "deposit", "10c", "sam's"]));
    stdout(trustbank(&file).args(["--as", "Alex", "add", "deposit", "25c", "alex's"]));
    stdout(trustbank(&file).args(["--as", "Alex", "add", "deposit", "5c", "alex again"]));
    let text = stdout(trustbank(&file).args(["--as", "Alex", "week"]));
    let alex = text.find("Alex's deposits").expect("Alex's row");
    let sam = text.find("Sam's deposits").expect("Sam's row");
    assert!(alex < sam, "the person at the keyboard first:\n{text}");
    assert!(text[alex..].lines().next().unwrap_or_default().contains("2 · $0.30"), "{text}");
    assert!(text[sam..].lines().next().unwrap_or_default().contains("1 · $0.10"), "{text}");
    assert!(text.contains("Alex's kept") && text.contains("Sam's kept"), "{text}");
    let md = stdout(trustbank(&file).args(["--as", "Sam", "week", "--format", "markdown"]));
    assert!(md.find("| Sam's deposits |") < md.find("| Alex's deposits |"), "{md}");
}

/// The app at 100×30 on `file` as `person`, on the computer whose device
/// folders are `devices`.
fn open_as(file: &Path, devices: &Path, person: &str) -> PtySession {
    PtySession::spawn(
        Path::new(env!("CARGO_BIN_EXE_trustbank")),
        &["--file", file.to_str().expect("UTF-8"), "--as", person],
        &[("TRUSTBANK_NOW", NOW), ("TRUSTBANK_FILE", ""), ("TRUSTBANK_DEVICE_DIR", devices.to_str().expect("UTF-8"))],
        100,
        30,
    )
    .expect("spawn trustbank in a pty")
}

#[test]
fn sam_adds_a_deposit_alex_notices_it_in_another_window_and_sam_sees_the_mark() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    write_named_journal(&file);
    let mut sam = open_as(&file, &dir.path().join("sams"), "sam");
    let mut alex = open_as(&file, &dir.path().join("alexs"), "alex");
    for app in [&sam, &alex] {
        app.wait_until("the Today tab", TIMEOUT, |s| s.contents().contains("Thursday 26 November 2026")).unwrap();
    }
    sam.send("a");
    sam.wait_until("the deposit form", TIMEOUT, |s| s.contents().contains("New deposit")).unwrap();
    sam.send("made Alex coffee");
    sam.send("\r");
    // Alex's window sees it come in, selects it (the only line) and
    // notices it.
    alex.wait_until("Sam's deposit in Alex's window", TIMEOUT, |s| s.contents().contains("made Alex coffee")).unwrap();
    alex.send("n");
    alex.wait_until("the mark in Alex's window", TIMEOUT, |s| {
        s.contents().contains("♥ made Alex coffee · you noticed")
    })
    .unwrap();
    sam.wait_until("the mark in Sam's window", TIMEOUT, |s| s.contents().contains("♥ made Alex coffee · Alex noticed"))
        .unwrap();
    for mut app in [sam, alex] {
        app.send("q");
        assert!(app.wait_exit(TIMEOUT).unwrap().success());
    }
    let j = load(&file);
    let [n] = j.noticed.as_slice() else { panic!("one noticed: {:?}", j.noticed) };
    assert_eq!(n.by, Person::B);
    assert_eq!(
        j.entries.iter().find(|e| e.id == n.entry).map(|e| (e.note.as_str(), e.by)),
        Some(("made Alex coffee", Person::A))
    );
}
