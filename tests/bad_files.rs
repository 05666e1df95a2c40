//! Issue 8, "nothing typed is ever lost": journal files that are empty,
//! damaged, hand-edited or from another version. Each is tried through
//! `storage::load`, `Store::open` and `trustbank --file F check` (and `add`):
//! a clear one-line error naming the path (and the line and column where
//! there is one), the file byte-for-byte unchanged, and never a panic nor a
//! partial journal taken for a whole one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, NaiveDate, Weekday};
use trustbank::domain::{
    Amount, CheckIn, Commitment, Entry, EntryKind, Id, Journal, Outcome, OutcomeRecord, Person, Schedule,
};
use trustbank::generate::Rng;
use trustbank::storage::{ReadOnly, Store, backup, format, load};

const NOW: &str = "2026-11-26T21:00:00+01:00";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A small journal using most of the format: two entries (one with a
/// multi-byte note, so a cut can fall inside a character), a commitment, its
/// outcome and a check-in.
fn small_journal() -> Journal {
    let at = DateTime::parse_from_rfc3339(NOW).expect("time");
    let mut j = Journal::default();
    j.insert_entry(Entry {
        id: Id::from("01JBADFILE0000000000000001"),
        date: d("2026-11-26"),
        at,
        kind: EntryKind::Deposit,
        amount: Amount(25),
        category: "appreciation".into(),
        who: Person::B,
        note: "coffee ☕ and a long talk".into(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.insert_entry(Entry {
        id: Id::from("01JBADFILE0000000000000002"),
        date: d("2026-11-25"),
        at,
        kind: EntryKind::Withdrawal,
        amount: Amount(100),
        category: "commitment missed".into(),
        who: Person::A,
        note: "late for pickup".into(),
        commitment: Some(Id::from("01JBADFILE0000000000000003")),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.commitments.push(Commitment {
        id: Id::from("01JBADFILE0000000000000003"),
        title: "Pick up Mia".into(),
        note: String::new(),
        schedule: Schedule::Weekdays(vec![Weekday::Wed]),
        kept: Amount(10),
        missed: Amount(100),
        start: d("2026-11-01"),
        end: None,
        archived: false,
        archived_on: None,
        pauses: Vec::new(),
        earlier_schedules: Vec::new(),
        agreement: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.outcomes.push(OutcomeRecord {
        id: Id::from("01JBADFILE0000000000000003@2026-11-25"),
        commitment: Id::from("01JBADFILE0000000000000003"),
        date: d("2026-11-25"),
        outcome: Outcome::Missed,
        entry: Some(Id::from("01JBADFILE0000000000000002")),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.check_ins.push(CheckIn {
        id: Id::from("01JBADFILE0000000000000004"),
        date: d("2026-11-26"),
        at,
        rating: 4,
        reflection: "We talked.".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    j.normalize();
    j
}

fn small_text() -> String {
    format::to_ron(&small_journal()).expect("ron")
}

/// The 1-based number of the first line of `text` containing `needle`.
/// `line:column` of the character `skip` characters into the first
/// `needle` of `text`.
fn spot_of(text: &str, needle: &str, skip: usize) -> String {
    let line = line_of(text, needle);
    let here = text.lines().nth(line - 1).unwrap_or_default();
    let column = here.find(needle).map_or(0, |i| here[..i].chars().count()) + skip + 1;
    format!("{line}:{column}")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in the text")) + 1
}

/// What a bad (or merely unusual) file must do.
enum Expect {
    /// Loads, and the journal passes this check.
    Loads(Box<dyn Fn(&Journal)>),
    /// Loads read-only (a newer format); every write is refused.
    ReadOnlyNewer(u32),
    /// Refused with a message containing each of `says`; `line` is the line
    /// the message must name, if the problem has one.
    Fails { says: Vec<String>, line: Option<usize> },
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn loads_as_small(name: &'static str, bytes: Vec<u8>) -> Case {
    Case { name, bytes, expect: Expect::Loads(Box::new(|j| assert_eq!(j, &small_journal()))) }
}

fn fails(name: &'static str, bytes: impl Into<Vec<u8>>, says: &[&str], line: Option<usize>) -> Case {
    let says = says.iter().map(|s| s.to_string()).collect();
    Case { name, bytes: bytes.into(), expect: Expect::Fails { says, line } }
}

fn cases() -> Vec<Case> {
    let text = small_text();
    let without_version = text.replacen("    version: 2,\n", "", 1);
    let mut invalid_utf8 = text.clone().into_bytes();
    let bad_line = line_of(&text, "late for pickup");
    let at = text.find("late for pickup").expect("note") + "late ".len();
    invalid_utf8.splice(at..at, [0xff, 0xfe]);
    let bad_column = text[..at].rsplit('\n').next().expect("line").chars().count() + 1;
    let duplicate = text.replace("01JBADFILE0000000000000002", "01JBADFILE0000000000000001");
    let orphan =
        text.replacen("commitment: \"01JBADFILE0000000000000003\"", "commitment: \"01JNOSUCHCOMMITMENT0000000\"", 1);
    assert_ne!(orphan, text, "the outcome's commitment is in the text");
    let ten_mb = "x".repeat(10 * 1024 * 1024);
    let big = text.replacen("late for pickup", &ten_mb, 1);
    let largest = text.replacen("late for pickup", &"x".repeat(64 * 1024), 1);
    let unknown = text.replacen("    version: 2,\n", "    version: 2,\n    mood: \"hopeful\",\n", 1).replacen(
        "who: Me,",
        "who: Me,\n            tags: [\"school\", \"late\"],",
        1,
    );

    vec![
        fails("0 bytes", "", &["is empty"], None),
        fails("whitespace only", " \n\t\n   \r\n", &["is empty"], None),
        fails("a byte-order mark only", "\u{feff}", &["is empty"], None),
        loads_as_small("a UTF-8 byte-order mark", [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat()),
        loads_as_small("CRLF line ends", text.replace('\n', "\r\n").into_bytes()),
        loads_as_small("a comment", format!("// our journal\n{text}").into_bytes()),
        fails(
            "invalid UTF-8",
            invalid_utf8,
            &["not valid UTF-8", &format!("line {bad_line}, column {bad_column}")],
            Some(bad_line),
        ),
        fails("binary garbage", (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(), &["not valid UTF-8"], Some(2)),
        fails(
            "a list at the top",
            "[1, 2, 3]\n",
            &["is not a trustbank journal, which starts with \"(version: 2,\""],
            Some(1),
        ),
        fails(
            "a string at the top",
            "\"journal\"\n",
            &["is not a trustbank journal, which starts with \"(version: 2,\""],
            Some(1),
        ),
        fails("a number at the top", "42\n", &[], Some(1)),
        fails("JSON", "{\"version\": 1, \"entries\": []}\n", &[], Some(1)),
        fails("a missing version", without_version.clone(), &["version"], Some(without_version.lines().count())),
        fails(
            "a missing version, with a note that mentions one",
            without_version.replace("late for pickup", "version: 9 of the budget"),
            &["the journal ending here has no version field, which it needs"],
            None,
        ),
        Case {
            name: "version 99",
            bytes: text.replacen("version: 2,", "version: 99,", 1).into(),
            expect: Expect::ReadOnlyNewer(99),
        },
        fails(
            "version 0",
            text.replacen("version: 2,", "version: 0,", 1),
            &["version 0 is not a format any trustbank wrote"],
            Some(2),
        ),
        fails("a negative version", text.replacen("version: 2,", "version: -1,", 1), &[], Some(2)),
        fails("duplicate ids", duplicate, &["used twice"], None),
        fails("an outcome for a missing commitment", orphan, &["does not exist"], None),
        fails(
            "a negative amount",
            text.replacen("amount: 100,", "amount: -100,", 1),
            &["the amount is -100, below zero"],
            Some(line_of(&text, "amount: 100,")),
        ),
        fails(
            "a date out of range",
            text.replacen("date: \"2026-11-25\"", "date: \"2026-13-45\"", 1),
            &["2026-13-45 is not a date on the calendar"],
            Some(line_of(&text, "date: \"2026-11-25\"")),
        ),
        fails(
            "a time out of range",
            text.replacen("at: \"2026-11-26T21:00:00+01:00\"", "at: \"2026-11-26T25:61:00+01:00\"", 1),
            &[],
            Some(line_of(&text, "at: \"2026-11-26T21:00:00+01:00\"")),
        ),
        fails("a rating of 9", text.replacen("rating: 4,", "rating: 9,", 1), &["rating 9"], None),
        fails(
            "text after the journal",
            format!("{text}(version: 1)\n"),
            &["there is more text after the end of the journal"],
            Some(text.lines().count() + 1),
        ),
        fails(
            "nesting deeper than any journal",
            format!("(version: 1, settings: {}", "(a: ".repeat(100_000)),
            &[],
            Some(1),
        ),
        fails(
            "a 10 MB note",
            big,
            &["the note of entry 01JBADFILE0000000000000002 is 10.0 MiB, over the limit of 64.0 KiB"],
            Some(line_of(&text, "\"01JBADFILE0000000000000002\"")),
        ),
        Case {
            name: "a note of 64 KiB, the most a note holds",
            bytes: largest.into_bytes(),
            expect: Expect::Loads(Box::new(|j| {
                assert!(j.entries.iter().any(|e| e.note.len() == 64 * 1024), "the note is whole");
            })),
        },
        Case {
            name: "unknown fields",
            bytes: unknown.into_bytes(),
            expect: Expect::Loads(Box::new(|j| assert_eq!(j, &small_journal()))),
        },
    ]
}

fn trustbank(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustbank"))
        .env("TRUSTBANK_NOW", NOW)
        .env_remove("TRUSTBANK_FILE")
        .env("TRUSTBANK_DEVICE_DIR", file.parent().unwrap_or(Path::new(".")).join("device"))
        .arg("--file")
        .arg(file)
        .args(args)
        .output()
        .expect("runs")
}

/// The name [`trustbank`]'s computer gives its backups of `file`.
fn this_computer(file: &Path) -> Option<String> {
    trustbank::storage::device::name(&file.parent().unwrap_or(Path::new(".")).join("device"))
}

/// The one line a failing command printed (exit 1, no panic).
fn one_line_failure(name: &str, out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{name}: exit 1; stderr: {err}");
    assert!(err.starts_with("trustbank: "), "{name}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{name}: one line: {err}");
    assert!(!err.contains("panicked"), "{name}: {err}");
    err
}

/// Checks an error message against a case: it names the path, the line (and
/// a column) when expected, and says what it must.
fn check_message(name: &str, message: &str, path: &Path, says: &[String], line: Option<usize>) {
    assert!(message.contains(&path.display().to_string()), "{name}: names the path: {message}");
    for s in says {
        assert!(message.contains(s.as_str()), "{name}: says {s:?}: {message}");
    }
    if let Some(line) = line {
        let ron_style = format!("{}:{line}:", path.display());
        let utf8_style = format!("line {line}, column ");
        assert!(message.contains(&ron_style) || message.contains(&utf8_style), "{name}: names line {line}: {message}");
    }
    assert!(!message.contains('\n'), "{name}: one line: {message}");
}

#[test]
fn every_bad_file_is_reported_clearly_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    for (i, case) in cases().into_iter().enumerate() {
        let name = case.name;
        let path = dir.path().join(format!("case{i}/journal.ron"));
        fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        fs::write(&path, &case.bytes).expect("write");

        let loaded = load(&path);
        let opened = Store::open(path.clone());
        match &case.expect {
            Expect::Loads(check) => {
                let loaded = loaded.unwrap_or_else(|e| panic!("{name}: must load: {e}"));
                check(&loaded.journal);
                assert_eq!(loaded.newer_version, None, "{name}");
                let (store, opened) = opened.unwrap_or_else(|e| panic!("{name}: must open: {e}"));
                check(&opened.journal);
                assert_eq!(store.read_only(), None, "{name}: writable");
            }
            Expect::ReadOnlyNewer(found) => {
                let loaded = loaded.unwrap_or_else(|e| panic!("{name}: must load: {e}"));
                assert_eq!(loaded.newer_version, Some(*found), "{name}");
                let (mut store, _) = opened.unwrap_or_else(|e| panic!("{name}: must open: {e}"));
                assert_eq!(store.read_only(), Some(&ReadOnly::NewerVersion { found: *found }), "{name}");
                let err = store.save(&Journal::default(), d("2026-11-26")).expect_err("refuses to write");
                assert!(err.to_string().contains("newer trustbank"), "{name}: {err}");
            }
            Expect::Fails { says, line } => {
                let err = loaded.err().unwrap_or_else(|| panic!("{name}: must not load"));
                check_message(name, &err.to_string(), &path, says, *line);
                if let Some(b) = backup::newest(&path) {
                    panic!("{name}: no backup should exist, found {}", b.display());
                }
                let err = opened.err().unwrap_or_else(|| panic!("{name}: must not open"));
                check_message(name, &err.to_string(), &path, says, *line);
            }
        }
        assert_eq!(fs::read(&path).expect("read"), case.bytes, "{name}: the file is byte-for-byte unchanged");

        // The same through the binary.
        let check = trustbank(&path, &["check"]);
        match &case.expect {
            Expect::Loads(_) | Expect::ReadOnlyNewer(_) => {
                assert!(check.status.success(), "{name}: {}", String::from_utf8_lossy(&check.stderr));
            }
            Expect::Fails { says, line } => {
                let err = one_line_failure(name, &check);
                check_message(name, err.trim_end(), &path, says, *line);
            }
        }
        if !matches!(case.expect, Expect::Loads(_)) {
            // Neither may a command that writes change it.
            let err = one_line_failure(name, &trustbank(&path, &["add", "deposit", "1c", "lost?"]));
            assert!(err.contains(&path.display().to_string()), "{name}: {err}");
        }
        assert_eq!(fs::read(&path).expect("read"), case.bytes, "{name}: still byte-for-byte unchanged");
        assert!(backup::list(&path).is_empty(), "{name}: a refused file makes no backup");
    }
}

#[test]
fn unknown_fields_load_but_do_not_survive_a_save_except_in_the_backup() {
    // Plain serde drops fields it does not know: a hand-added field is gone
    // from the journal after the next save. The day's backup keeps the file
    // as it was, so nothing hand-written is lost for good.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let text = small_text().replacen("    version: 2,\n", "    version: 2,\n    mood: \"hopeful\",\n", 1);
    fs::write(&path, &text).expect("write");
    let out = trustbank(&path, &["add", "deposit", "1c", "after the hand edit"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let saved = fs::read_to_string(&path).expect("read");
    assert!(!saved.contains("mood"), "serde drops unknown fields on save");
    assert!(saved.contains("after the hand edit"));
    let b = backup::backup_path(&path, d("2026-11-26"), this_computer(&path).as_deref());
    assert_eq!(fs::read_to_string(&b).expect("backup"), text, "the backup keeps the hand edit");
}

#[test]
fn a_journal_cut_at_every_byte_is_an_error_or_the_whole_journal() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    // A backup exists, so every error can name where to turn.
    let (mut store, _) = Store::open(path.clone()).expect("open");
    store.save(&small_journal(), d("2026-11-25")).expect("save");
    store.save(&small_journal(), d("2026-11-26")).expect("save with a backup");
    drop(store);
    let newest = backup::newest(&path).expect("a backup");
    let full = fs::read(&path).expect("read");
    let complete = small_text().trim_end().len();
    let (mut errors, mut whole) = (0, 0);
    for cut in 0..=full.len() {
        let bytes = &full[..cut];
        put(&path, bytes);
        let what = format!("cut at byte {cut} of {}", full.len());
        for result in [load(&path).map(|l| l.journal), Store::open(path.clone()).map(|(_, l)| l.journal)] {
            match result {
                Ok(journal) => {
                    assert!(cut >= complete, "{what}: a partial journal loaded");
                    assert_eq!(journal, small_journal(), "{what}: loaded as something else");
                    whole += 1;
                }
                Err(err) => {
                    let message = err.to_string();
                    assert!(cut < complete, "{what}: the whole text did not load: {message}");
                    assert!(message.contains(&path.display().to_string()), "{what}: {message}");
                    assert!(message.contains(&newest.display().to_string()), "{what}: names the backup: {message}");
                    errors += 1;
                }
            }
        }
        assert_eq!(fs::read(&path).expect("read"), bytes, "{what}: unchanged");
        // The binary too, at a stride (a process per byte is slow).
        if cut % 97 == 0 || cut + 1 >= complete {
            let out = trustbank(&path, &["check"]);
            if cut >= complete {
                assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
            } else {
                let err = one_line_failure(&what, &out);
                assert!(err.contains(&path.display().to_string()), "{what}: {err}");
            }
            assert_eq!(fs::read(&path).expect("read"), bytes, "{what}: unchanged");
        }
    }
    assert_eq!(errors + whole, 2 * (full.len() + 1));
    assert_eq!(whole, 2 * (full.len() - complete + 1));
}

/// Writes `bytes` as a new file at `path`. (Rewriting a file in place, or
/// renaming over it, makes ext4 flush it to disk: slow when done thousands
/// of times.)
fn put(path: &Path, bytes: &[u8]) {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("cannot remove {}: {e}", path.display()),
        _ => fs::write(path, bytes).expect("write"),
    }
}

#[test]
fn random_damage_never_panics_and_never_passes_for_the_original() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let text = small_text().into_bytes();
    // The library's seeded generator: every run tries the same damage and
    // a failure can be replayed.
    let mut rng = Rng::new(0x7275_7374_6261_6e6b);
    let (mut loaded, mut refused) = (0, 0);
    for round in 0..1000 {
        let mut bytes = text.clone();
        for _ in 0..=rng.below(3) {
            let at = rng.below(bytes.len() as u64) as usize;
            match rng.below(3) {
                0 => bytes[at] = rng.next_u64() as u8,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, b"()[]{},:\"\\x0- \n\xff"[rng.below(16) as usize]),
            }
        }
        put(&path, &bytes);
        match load(&path) {
            // A change inside a note or a name is still a journal; it must
            // then be what the text says, which a second parse confirms.
            Ok(l) => {
                let again = format::from_ron(&bytes, &path, None).expect("parses again").journal;
                let mut again = again;
                again.normalize();
                assert_eq!(l.journal, again, "round {round}");
                loaded += 1;
            }
            Err(err) => {
                assert!(err.to_string().contains(&path.display().to_string()), "round {round}: {err}");
                refused += 1;
            }
        }
        assert_eq!(fs::read(&path).expect("read"), bytes, "round {round}: unchanged");
    }
    assert!(refused > 500 && loaded > 0, "refused {refused}, loaded {loaded}");
}

#[test]
fn an_error_names_the_newest_backup_when_there_is_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path: PathBuf = dir.path().join("journal.ron");
    for now in ["2026-11-24T21:00:00+01:00", "2026-11-25T21:00:00+01:00", NOW] {
        let out = Command::new(env!("CARGO_BIN_EXE_trustbank"))
            .env("TRUSTBANK_NOW", now)
            .env("TRUSTBANK_DEVICE_DIR", dir.path().join("device"))
            .arg("--file")
            .arg(&path)
            .args(["add", "deposit", "1c"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    fs::write(&path, b"(version: 1, entries: [(").expect("damage");
    let err = one_line_failure("damaged", &trustbank(&path, &["check"]));
    let newest = backup::backup_path(&path, d("2026-11-26"), this_computer(&path).as_deref());
    assert!(err.contains(&newest.display().to_string()), "{err}");
}

/// Issue 14, point 7: each bad file's message, word for word. The path is
/// written `journal.ron` here; the real message names the whole path.
#[test]
fn each_bad_file_gets_one_plain_sentence_with_its_line_and_column() {
    let text = small_text();
    let line = |needle: &str| line_of(&text, needle);
    // Where the value after `skip` characters of `needle` stands.
    let at = |needle: &str, skip: usize| spot_of(&text, needle, skip);
    let entry = at("id: \"01JBADFILE0000000000000001\"", 4);
    let commitment = at("id: \"01JBADFILE0000000000000003\"", 4);
    let untouched = "the file was left untouched (no backup exists yet)";
    let fix = "fix it by hand or restore a backup (no backup exists yet)";
    let limits = "outside the dates trustbank keeps (1900-01-01 to 2200-12-31)";
    let first_date = "date: \"2026-11-26\"";
    let date_at = at(first_date, 6);
    let amount_at = at("amount: 25,", 8);
    let cases: Vec<(&str, String, String)> = vec![
        (
            "an impossible date",
            text.replacen(first_date, "date: \"2026-02-30\"", 1),
            format!("journal.ron:{date_at}: 2026-02-30 is not a date on the calendar; {untouched}"),
        ),
        (
            "year 99999",
            text.replacen(first_date, "date: \"99999-01-01\"", 1),
            format!("journal.ron:{date_at}: 99999-01-01 is {limits}; {untouched}"),
        ),
        (
            "a date before 1900",
            text.replacen(first_date, "date: \"0001-01-01\"", 1),
            format!("journal.ron:{entry}: entry 01JBADFILE0000000000000001 is dated 0001-01-01, {limits}; {fix}"),
        ),
        (
            "a date after 2200",
            text.replacen(first_date, "date: \"2201-01-01\"", 1),
            format!("journal.ron:{entry}: entry 01JBADFILE0000000000000001 is dated 2201-01-01, {limits}; {fix}"),
        ),
        (
            "a date written another way",
            text.replacen(first_date, "date: \"26/11/2026\"", 1),
            format!(
                "journal.ron:{date_at}: \"26/11/2026\" is not a date; write dates as YYYY-MM-DD, like 2026-11-26; {untouched}"
            ),
        ),
        (
            "a negative amount",
            text.replacen("amount: 25,", "amount: -25,", 1),
            format!(
                "journal.ron:{amount_at}: the amount is -25, below zero; amounts are whole cents above zero, and a withdrawal is its own kind of entry; {untouched}"
            ),
        ),
        (
            "a huge amount",
            text.replacen("amount: 25,", "amount: 99999999999999999999999,", 1),
            format!(
                "journal.ron:{amount_at}: the amount is 99999999999999999999999, more than any entry may hold (at most 100000000 cents, $1000000.00); {untouched}"
            ),
        ),
        (
            "an amount over the maximum that fits the number",
            text.replacen("amount: 25,", "amount: 18446744073709551615,", 1),
            format!("journal.ron:{entry}: entry 01JBADFILE0000000000000001 has an amount over $1000000.00; {fix}"),
        ),
        (
            "an amount in quotes",
            text.replacen("amount: 25,", "amount: \"25\",", 1),
            format!("journal.ron:{amount_at}: the amount must be a whole number, like 25, not \"25\"; {untouched}"),
        ),
        (
            "version 0",
            text.replacen("version: 2,", "version: 0,", 1),
            format!("journal.ron:2:14: version 0 is not a format any trustbank wrote (this one writes format 2); {untouched}"),
        ),
        (
            "a negative version",
            text.replacen("version: 2,", "version: -1,", 1),
            format!("journal.ron:2:14: version -1 is not a format any trustbank wrote (this one writes format 2); {untouched}"),
        ),
        (
            "nesting deeper than any journal",
            format!("(version: 1, settings: {}", "(a: ".repeat(100_000)),
            format!(
                "journal.ron:1:276: brackets are nested here deeper than in any journal (over 128 levels), so this is not a journal; {untouched}"
            ),
        ),
        (
            "an empty id",
            text.replacen("\"01JBADFILE0000000000000001\"", "\"\"", 1),
            format!("journal.ron:{entry}: an entry has an empty id; {fix}"),
        ),
        (
            "an empty agreement id",
            text.replacen("    repairs: [],", "    repairs: [(id: \"R\", title: \"t\", injury_date: \"2026-11-01\", make_it_right: (agreements: [(id: \"\", text: \"x\")]))],", 1),
            format!("journal.ron:{}:20: an agreement has an empty id; {fix}", line("    repairs: [],")),
        ),
        (
            "an unknown kind",
            text.replacen("kind: Deposit,", "kind: Bonus,", 1),
            format!("journal.ron:{}: Bonus is not a kind of entry; write Deposit, Withdrawal or Wipe; {untouched}", at("kind: Deposit,", 6)),
        ),
        (
            "an impossible time",
            text.replacen("at: \"2026-11-26T21:00:00+01:00\"", "at: \"2026-11-26T25:61:00+01:00\"", 1),
            format!(
                "journal.ron:{}: \"2026-11-26T25:61:00+01:00\" is not a moment in time; write it like 2026-11-26T21:00:00+01:00; {untouched}",
                at("at: \"2026-11-26T21:00:00+01:00\"", 4)
            ),
        ),
        (
            "a day of the week that is not one",
            text.replacen("week_starts_on: \"Mon\"", "week_starts_on: \"Funday\"", 1),
            format!(
                "journal.ron:{}:25: \"Funday\" is not a day of the week; write Mon, Tue, Wed, Thu, Fri, Sat or Sun; {untouched}",
                line("week_starts_on")
            ),
        ),
        (
            "a note without quotes",
            text.replacen("note: \"late for pickup\"", "note: late", 1),
            format!(
                "journal.ron:{}: the note must be text in double quotes, like \"…\", not late; {untouched}",
                at("note: \"late for pickup\"", 6)
            ),
        ),
        (
            "an entry of a missing commitment",
            text.replacen(
                "commitment: Some(\"01JBADFILE0000000000000003\")",
                "commitment: Some(\"01JNOSUCHCOMMITMENT0000000\")",
                1,
            ),
            format!(
                "journal.ron:{}: entry 01JBADFILE0000000000000002 was posted by a commitment that does not exist (01JNOSUCHCOMMITMENT0000000); {fix}",
                at("id: \"01JBADFILE0000000000000002\"", 4)
            ),
        ),
        (
            "an escape character in a note",
            text.replacen("late for pickup", "late \\u{1b}[2J for pickup", 1),
            format!(
                "journal.ron:{}: the note of entry 01JBADFILE0000000000000002 holds the control character ESC (U+001B); {fix}",
                at("id: \"01JBADFILE0000000000000002\"", 4)
            ),
        ),
        (
            "a note over 64 KiB",
            text.replacen("late for pickup", &"x".repeat(70_000), 1),
            format!(
                "journal.ron:{}: the note of entry 01JBADFILE0000000000000002 is 68.4 KiB, over the limit of 64.0 KiB; {fix}",
                at("id: \"01JBADFILE0000000000000002\"", 4)
            ),
        ),
        (
            "a commitment starting before 1900",
            text.replacen("start: \"2026-11-01\"", "start: \"1850-11-01\"", 1),
            format!("journal.ron:{commitment}: commitment 01JBADFILE0000000000000003 starts on 1850-11-01, {limits}; {fix}"),
        ),
    ];
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("journal.ron");
    let shown = path.display().to_string();
    for (name, bytes, expected) in cases {
        put(&path, bytes.as_bytes());
        let err = load(&path).err().unwrap_or_else(|| panic!("{name}: must not load"));
        assert_eq!(err.to_string().replace(&shown, "journal.ron"), expected, "{name}");
        let out = one_line_failure(name, &trustbank(&path, &["check"]));
        assert_eq!(out.trim_end().replace(&shown, "journal.ron"), format!("trustbank: {expected}"), "{name}");
        assert_eq!(fs::read(&path).expect("read"), bytes.as_bytes(), "{name}: unchanged");
    }
}
