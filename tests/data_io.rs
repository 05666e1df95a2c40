//! Data in and out (issue 9): `export`, `import`, `completions` and `man`,
//! run as the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, NaiveDate};
use trustbank::domain::outcome::{new_commitment, set_outcome};
use trustbank::domain::{
    Acknowledge, Agreement, Amount, CheckIn, Entry, EntryKind, Id, Journal, MakeItRight, Outcome, Person, Repair,
    Reveal, Schedule, StepState,
};
use trustbank::generate::{self, Shape};
use trustbank::storage::{self, Store};

mod support;

use support::cli::{stderr_of_failure, stdout};
use support::journal::entry;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

/// The binary as [`support::cli::trustbank`] runs it, with `NO_COLOR` from the
/// environment left out too.
fn trustbank(file: &Path) -> Command {
    let mut cmd = support::cli::trustbank(file);
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Writes `journal` the way the app does.
fn write(path: &Path, journal: &Journal) {
    let (mut store, _) = Store::open(path.to_path_buf()).expect("open");
    store.save(journal, d("2026-11-26")).expect("save");
}

fn load(path: &Path) -> Journal {
    storage::load(path).expect("load").journal
}

/// A generated journal with every field: commitments and their outcomes,
/// wipes, both partners, Unicode and long notes, check-ins, a repair.
fn generated(seed: u64, entries: usize) -> Journal {
    generate::journal(Shape { seed, entries, commitments: 4, end: d("2026-11-26"), days: 90 })
}

/// A temporary folder with a journal of `journal` at `j.ron`.
fn journal_file(journal: &Journal) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    write(&file, journal);
    (dir, file)
}

#[test]
fn the_json_export_reads_back_as_the_same_journal() {
    let original = generated(11, 400);
    assert!(original.entries.iter().any(|e| e.kind == EntryKind::Wipe && e.commitment.is_none()));
    assert!(original.entries.iter().any(|e| e.commitment.is_some()));
    assert!(original.entries.iter().any(|e| !e.note.is_ascii()));
    let (_dir, file) = journal_file(&original);
    let json = stdout(trustbank(&file).args(["export", "--format", "json"]));
    let back: Journal = serde_json::from_str(&json).expect("the export is a journal");
    assert_eq!(back, original);
    // The field names are the RON file's.
    assert!(json.contains("\"entries\": [") && json.contains("\"day_ends_at\": \"04:00:00\""), "{json:.400}");
}

#[test]
fn the_json_export_of_a_range_keeps_only_its_days() {
    let original = generated(12, 300);
    let (_dir, file) = journal_file(&original);
    let json =
        stdout(trustbank(&file).args(["export", "--format", "json", "--from", "2026-11-16", "--to", "2026-11-22"]));
    let back: Journal = serde_json::from_str(&json).expect("json");
    let inside = |date: NaiveDate| (d("2026-11-16")..=d("2026-11-22")).contains(&date);
    let expected: Vec<&Entry> = original.entries.iter().filter(|e| inside(e.date)).collect();
    assert!(!expected.is_empty());
    assert_eq!(back.entries.iter().collect::<Vec<_>>(), expected);
    assert!(back.outcomes.iter().all(|o| inside(o.date)) && !back.outcomes.is_empty());
    assert!(back.check_ins.iter().all(|c| inside(c.date)) && !back.check_ins.is_empty());
    assert_eq!(
        (back.settings, back.commitments, back.repairs),
        (original.settings, original.commitments, original.repairs)
    );
}

#[test]
fn the_csv_export_imports_into_a_journal_of_the_same_commitments_as_the_same_entries() {
    let original = generated(13, 500);
    let (dir, file) = journal_file(&original);
    let csv = stdout(trustbank(&file).args(["export", "--format", "csv"]));
    assert!(csv.starts_with("id,date,time,kind,amount_cents,amount,category,who,note,commitment\r\n"), "{csv:.200}");
    assert_eq!(
        csv.matches(",wipe,0,0.00,").count(),
        original.entries.iter().filter(|e| e.kind == EntryKind::Wipe).count()
    );
    let csv_file = dir.path().join("out.csv");
    fs::write(&csv_file, &csv).expect("write csv");

    // Entries posted by a commitment need that commitment in the journal
    // they go into (issue 14): a journal with no entries yet, but the same
    // commitments.
    let empty = dir.path().join("empty.ron");
    write(&empty, &Journal { commitments: original.commitments.clone(), ..Journal::default() });
    let said = stdout(trustbank(&empty).arg("import").arg(&csv_file));
    assert!(said.starts_with(&format!("Imported {} entries from ", original.entries.len())), "{said}");
    let imported = load(&empty);
    // Every field of every entry a CSV holds: id, date, time with its
    // offset, kind, amount, category, who, note and commitment.
    assert_eq!(as_in_csv(&imported.entries), as_in_csv(&original.entries));
    // An import is a new write, by the person importing, now.
    assert!(imported.entries.iter().all(|e| e.by == Person::A && Some(e.updated as i64) == now_millis()));
}

#[test]
fn importing_the_same_csv_twice_adds_nothing_the_second_time() {
    let original = generated(14, 120);
    let (dir, file) = journal_file(&original);
    let csv_file = dir.path().join("out.csv");
    fs::write(&csv_file, stdout(trustbank(&file).args(["export", "--format", "csv"]))).expect("csv");
    let n = original.entries.len();

    let other = dir.path().join("other.ron");
    write(&other, &Journal { commitments: original.commitments.clone(), ..Journal::default() });
    stdout(trustbank(&other).args(["add", "deposit", "10c", "mine, already here"]));
    let first = stdout(trustbank(&other).arg("import").arg(&csv_file));
    assert!(first.starts_with(&format!("Imported {n} entries")), "{first}");
    let after_first = fs::read(&other).expect("read");

    let second = stdout(trustbank(&other).arg("import").arg(&csv_file));
    assert_eq!(second, format!("Nothing to import: all {n} entries are already in the journal ({n} skipped).\n"));
    assert_eq!(fs::read(&other).expect("read"), after_first, "nothing saved the second time");
    assert_eq!(load(&other).entries.len(), n + 1);

    // Half new, half known: the known half is skipped and counted.
    let half = dir.path().join("half.ron");
    let some = Journal {
        entries: original.entries[..n / 2].to_vec(),
        commitments: original.commitments.clone(),
        ..Journal::default()
    };
    write(&half, &some);
    let said = stdout(trustbank(&half).arg("import").arg(&csv_file));
    assert!(
        said.starts_with(&format!(
            "Imported {} entries from {}; {} were already in the journal and were skipped. Balance: ",
            n - n / 2,
            csv_file.display(),
            n / 2
        )),
        "{said}"
    );
    assert_eq!(as_in_csv(&load(&half).entries), as_in_csv(&original.entries));
}

/// The pinned "now" of the binary, in milliseconds.
fn now_millis() -> Option<i64> {
    DateTime::parse_from_rfc3339(support::cli::NOW).ok().map(|t| t.timestamp_millis())
}

/// An entry as a CSV carries it: what happened, not who wrote it or when
/// (an import is a new write by the person importing).
fn as_in_csv(entries: &[Entry]) -> Vec<Entry> {
    entries.iter().map(|e| Entry { by: Person::A, updated: 0, ..e.clone() }).collect()
}

fn note_entry(id: &str, note: &str) -> Entry {
    Entry {
        id: Id::from(id),
        date: d("2026-11-25"),
        at: at("2026-11-26T00:40:00+01:00"),
        kind: EntryKind::Deposit,
        amount: Amount(25),
        category: "truth spoken".into(),
        who: Person::B,
        note: note.into(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    }
}

#[test]
fn notes_with_commas_quotes_and_line_breaks_round_trip() {
    let mut journal = Journal::default();
    for (i, note) in [
        "coffee, toast, and a hug",
        "she said \"thank you\" — twice",
        "line one\nline two\n\nline four",
        "windows\r\nline break",
        "  spaces kept  ",
        "\"",
        ",",
        "emoji 💛 and 一緒に, e\u{301}",
        "",
    ]
    .into_iter()
    .enumerate()
    {
        journal.insert_entry(note_entry(&format!("01KB0Q9ZP3M6WZ4E3X0V8N5K{i:02}"), note));
    }
    let (dir, file) = journal_file(&journal);
    let csv = stdout(trustbank(&file).args(["export", "--format", "csv"]));
    assert!(csv.contains("\"she said \"\"thank you\"\" — twice\""), "{csv}");
    let csv_file = dir.path().join("notes.csv");
    fs::write(&csv_file, &csv).expect("csv");
    let empty = dir.path().join("empty.ron");
    stdout(trustbank(&empty).arg("import").arg(&csv_file));
    assert_eq!(as_in_csv(&load(&empty).entries), as_in_csv(&journal.entries));
}

#[test]
fn a_malformed_row_names_its_line_and_nothing_is_imported() {
    let mut journal = Journal::default();
    journal.insert_entry(note_entry("A1", "before"));
    let (dir, file) = journal_file(&journal);
    let before = fs::read(&file).expect("read");

    let header = "id,date,time,kind,amount_cents,amount,category,who,note,commitment";
    let good1 = "B1,2026-11-20,2026-11-20T20:00:00+01:00,deposit,10,0.10,appreciation,me,\"two\nlines\",";
    let good2 = "B2,2026-11-21,2026-11-21T20:00:00+01:00,wipe,0,0.00,betrayal,partner,,";
    let csv_file = dir.path().join("in.csv");
    // Line 1 header, 2–3 the first row, 4 the second, 5 the bad one.
    for (bad, says) in [
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,abc,appreciation,me,,", "\"abc\" is not an amount"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.25,appreciation,me,,", "disagree"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,gift,10,0.10,appreciation,me,,", "\"gift\" is not a kind"),
        ("B3,22/11/2026,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,me,,", "is not a date"),
        ("B3,2026-11-22,yesterday,deposit,10,0.10,appreciation,me,,", "is not a time"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,them,,", "not me or partner"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,me,a, b,", "must be in double quotes"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,withdrawal,-100,,harsh word,me,,", "whole number of cents"),
        ("B3,2026-11-22,2026-11-22T20:00:00+01:00,wipe,500,5.00,betrayal,me,,", "a wipe sets the balance to $0"),
        (",2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,me,,", "the id is empty"),
        ("B1,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,me,,", "already used on line 2"),
    ] {
        fs::write(&csv_file, format!("{header}\r\n{good1}\r\n{good2}\r\n{bad}\r\n")).expect("csv");
        let err = stderr_of_failure(trustbank(&file).arg("import").arg(&csv_file));
        assert!(err.contains(&format!("{}: line 5: ", csv_file.display())), "{bad}: {err}");
        assert!(err.contains(says), "{bad}: {err}");
        assert!(err.trim_end().ends_with("nothing was imported"), "{err}");
        assert_eq!(fs::read(&file).expect("read"), before, "the journal is byte-for-byte unchanged");
    }
    // A blank line does not throw the count off.
    let bad = "B3,2026-11-22,2026-11-22T20:00:00+01:00,deposit,10,0.10,appreciation,nobody,,";
    fs::write(&csv_file, format!("{header}\n{good1}\n\n{good2}\n{bad}\n")).expect("csv");
    let err = stderr_of_failure(trustbank(&file).arg("import").arg(&csv_file));
    assert!(err.contains("line 6: \"nobody\" is not me or partner"), "{err}");
    // An id already used by something else in the journal.
    fs::write(&csv_file, format!("{header}\n{good1}\n")).expect("csv");
    let mut with_check_in = journal.clone();
    with_check_in.check_ins.push(CheckIn {
        id: Id::from("B1"),
        date: d("2026-11-20"),
        at: at("2026-11-20T21:00:00+01:00"),
        rating: 4,
        reflection: String::new(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    write(&file, &with_check_in);
    let before = fs::read(&file).expect("read");
    let err = stderr_of_failure(trustbank(&file).arg("import").arg(&csv_file));
    assert!(err.contains("the id B1 is used twice"), "{err}");
    assert_eq!(fs::read(&file).expect("read"), before);
    assert_eq!(load(&file), with_check_in);
}

#[test]
fn a_dry_run_shows_what_would_be_added_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let csv_file = dir.path().join("in.csv");
    fs::write(
        &csv_file,
        "id,date,time,kind,amount_cents,amount,category,who,note,commitment\n\
         B1,2026-11-20,2026-11-20T20:00:00+01:00,deposit,10,0.10,appreciation,me,\"two\nlines\",\n\
         B2,2026-11-21,2026-11-21T20:00:00+01:00,withdrawal,,1.00,harsh word,partner,,\n",
    )
    .expect("csv");
    let said = stdout(trustbank(&file).args(["import", "--dry-run"]).arg(&csv_file));
    assert_eq!(
        said,
        format!(
            "would add 2026-11-20 +$0.10 appreciation (Me): two lines\n\
             would add 2026-11-21 -$1.00 harsh word (Partner)\n\
             Would import 2 entries from {}. Nothing was saved (dry run).\n",
            csv_file.display()
        )
    );
    assert!(!file.exists(), "a dry run creates nothing");
    stdout(trustbank(&file).arg("import").arg(&csv_file));
    let said = stdout(trustbank(&file).args(["import", "-n"]).arg(&csv_file));
    assert_eq!(said, "Nothing to import: all 2 entries are already in the journal (2 skipped).\n");
}

/// A small journal, written by hand, for the report: two weeks with
/// deposits, a withdrawal, a wipe, a commitment kept and missed, check-ins
/// (one over two lines) and a repair begun in the second week.
fn known_journal() -> Journal {
    let mut j = Journal::default();
    j.people.get_mut(trustbank::domain::Person::A).name = "Sam".into();
    j.people.get_mut(trustbank::domain::Person::B).name = "Alex".into();
    use EntryKind::{Deposit, Wipe, Withdrawal};
    use Person::{A as Me, B as Partner};
    for e in [
        entry("E01", "2026-11-09", "20:00", Deposit, 500, "quality time", Me, "a long walk"),
        entry("E02", "2026-11-16", "19:05", Deposit, 10, "positive interaction", Me, "made coffee without being asked"),
        entry(
            "E03",
            "2026-11-16",
            "21:30",
            Deposit,
            25,
            "turned toward a bid",
            Partner,
            "put the phone down | listened",
        ),
        entry("E04", "2026-11-18", "18:10", Withdrawal, 100, "harsh word", Me, "snapped about the *dishes*"),
        entry("E05", "2026-11-20", "22:00", Deposit, 5, "appreciation", Partner, "thanked me for dinner 🙏"),
        entry("E06", "2026-11-23", "20:15", Deposit, 10, "truth spoken", Me, "told the truth about the bill"),
        entry("E07", "2026-11-24", "21:00", Wipe, 0, "betrayal", Me, "the hidden credit card came out"),
        entry("E08", "2026-11-25", "20:40", Deposit, 25, "repair attempt", Me, "said sorry first,\nthen listened"),
    ] {
        j.insert_entry(e);
    }
    let money = new_commitment(
        Id::from("C1"),
        "Talk about money".into(),
        Schedule::Daily,
        d("2026-11-23"),
        Amount(10),
        Amount(100),
    );
    j.commitments.push(money.clone());
    set_outcome(
        &j,
        &money,
        d("2026-11-23"),
        Some(Outcome::Kept),
        at("2026-11-23T21:00:00+01:00"),
        (Id::from("E09"), trustbank::domain::Person::A),
    )
    .apply(&mut j)
    .expect("kept");
    set_outcome(
        &j,
        &money,
        d("2026-11-24"),
        Some(Outcome::Missed),
        at("2026-11-24T22:00:00+01:00"),
        (Id::from("E10"), trustbank::domain::Person::A),
    )
    .apply(&mut j)
    .expect("missed");
    for (id, date, rating, reflection) in [
        ("K1", "2026-11-16", 4, "Good day; talked about the weekend."),
        ("K2", "2026-11-18", 2, "Distant today.\nWe agreed to try again tomorrow."),
        ("K3", "2026-11-25", 3, "Hard, but we talked."),
    ] {
        j.set_check_in(CheckIn {
            id: Id::from(id),
            date: d(date),
            at: at(&format!("{date}T22:30:00+01:00")),
            rating,
            reflection: reflection.into(),
            by: trustbank::domain::Person::A,
            updated: 0,
        });
    }
    j.repairs.push(Repair {
        id: Id::from("R1"),
        title: "The hidden credit card".into(),
        injury_date: d("2026-11-24"),
        withdrawal: Some(Id::from("E07")),
        reveal: Reveal {
            state: StepState::Done,
            how_i_felt: "Foolish, and alone.".into(),
            what_i_thought: "That everything else might be a lie too.".into(),
            what_i_did: String::new(),
            why_never_again: "Because we share one life.".into(),
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        acknowledge: Acknowledge {
            state: StepState::InProgress,
            apology: "I am sorry. I hid it because I was ashamed.".into(),
            mirror: String::new(),
            felt_seen_and_heard: false,
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        make_it_right: MakeItRight {
            state: StepState::InProgress,
            agreements: vec![Agreement {
                id: Id::from("A1"),
                text: "Talk about money every week".into(),
                commitment: Some(Id::from("C1")),
                by: trustbank::domain::Person::A,
                updated: 0,
            }],
            by: trustbank::domain::Person::A,
            updated: 0,
        },
        long_game: Default::default(),
        closed: false,
        by: trustbank::domain::Person::A,
        hurt: trustbank::domain::Person::B,
        updated: 0,
    });
    j
}

#[test]
fn the_markdown_report_of_a_known_journal_matches_the_expected_file() {
    let (_dir, file) = journal_file(&known_journal());
    let report =
        stdout(trustbank(&file).args(["export", "--format", "markdown", "--from", "2026-11-16", "--to", "2026-11-29"]));
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/report_2026-11-16_2026-11-29.md");
    if std::env::var_os("TRUSTBANK_BLESS").is_some() {
        fs::create_dir_all(expected_path.parent().expect("folder")).expect("folder");
        fs::write(&expected_path, &report).expect("bless");
    }
    let expected = fs::read_to_string(&expected_path).expect("tests/expected has the report");
    assert_eq!(report, expected, "the report changed; check it by hand, then run with TRUSTBANK_BLESS=1");
}

#[test]
fn the_markdown_report_uses_the_weekly_review_rows() {
    let (_dir, file) = journal_file(&known_journal());
    let report = stdout(trustbank(&file).args(["export", "--format", "markdown", "--from", "2026-11-26"]));
    let week = stdout(trustbank(&file).args(["week", "--format", "markdown"]));
    let table: Vec<&str> = week.lines().filter(|l| l.starts_with('|')).collect();
    assert!(table.len() > 5);
    for row in table {
        assert!(report.contains(row), "{row}\n{report}");
    }
    // With no dates, every week from the first entry to today.
    let all = stdout(trustbank(&file).args(["export", "--format", "markdown"]));
    assert_eq!(all.matches("\n## Week of ").count(), 3, "{all}");
}

#[test]
fn bad_export_arguments_are_one_plain_sentence() {
    let (_dir, file) = journal_file(&known_journal());
    let err = stderr_of_failure(trustbank(&file).args([
        "export",
        "--format",
        "csv",
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-10",
    ]));
    assert!(err.contains("--from 2026-11-20 is after --to 2026-11-10"), "{err}");
    let err = stderr_of_failure(trustbank(&file).args(["export", "--format", "json", "--to", "soon"]));
    assert!(err.contains("\"soon\" is not a date"), "{err}");
    let err = stderr_of_failure(trustbank(&file).args(["import", "/nonexistent/none.csv"]));
    assert!(err.contains("cannot read /nonexistent/none.csv: there is no such file; nothing was imported"), "{err}");
    let empty = file.with_file_name("empty.csv");
    fs::write(&empty, "").expect("write");
    let err = stderr_of_failure(trustbank(&file).arg("import").arg(&empty));
    assert!(err.contains("the file is empty"), "{err}");
    fs::write(&empty, "id,date,when\n").expect("write");
    let err = stderr_of_failure(trustbank(&file).arg("import").arg(&empty));
    assert!(err.contains("no \"time\" column"), "{err}");
}

#[test]
fn a_csv_export_of_a_range_and_of_nothing() {
    let (_dir, file) = journal_file(&known_journal());
    let csv = stdout(trustbank(&file).args(["export", "--format", "csv", "--from", "2026-11-24", "--to", "today"]));
    let ids: Vec<&str> =
        csv.lines().skip(1).filter_map(|l| l.split(',').next()).filter(|id| id.starts_with('E')).collect();
    assert_eq!(ids, ["E07", "E10", "E08"]);
    assert!(
        csv.contains(
            "E10,2026-11-24,2026-11-24T22:00:00+01:00,withdrawal,100,1.00,commitment missed,me,Talk about money,C1\r\n"
        ),
        "{csv}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let none = dir.path().join("none.ron");
    let csv = stdout(trustbank(&none).args(["export", "--format", "csv"]));
    assert_eq!(csv, "id,date,time,kind,amount_cents,amount,category,who,note,commitment\r\n");
    assert!(!none.exists(), "exporting never creates the journal");
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let bash = stdout(trustbank(&file).args(["completions", "bash"]));
    assert!(bash.contains("trustbank") && bash.contains("complete -F"), "{bash:.300}");
    assert!(bash.contains("export") && bash.contains("import"), "the new commands complete too");
    for shell in ["zsh", "fish", "powershell"] {
        let script = stdout(trustbank(&file).args(["completions", shell]));
        assert!(script.contains("trustbank"), "{shell}");
    }
    assert!(!file.exists());
}

#[test]
fn man_prints_a_roff_page() {
    let dir = tempfile::tempdir().expect("dir");
    let page = stdout(trustbank(&dir.path().join("j.ron")).arg("man"));
    assert!(page.contains(".TH trustbank"), "{page:.300}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"), "{page:.600}");
    assert!(page.contains("export") && page.contains("import") && page.contains("completions"));
}

/// Issue 14, point 7, at import: a date outside 1900–2200, a control
/// character, a note over 64 KiB or an entry of a commitment the journal
/// lacks is refused with its line, and nothing is imported.
#[test]
fn import_refuses_bad_dates_control_characters_big_notes_and_missing_commitments() {
    let mut journal = Journal::default();
    journal.insert_entry(note_entry("A1", "before"));
    let (dir, file) = journal_file(&journal);
    let before = fs::read(&file).expect("read");
    let header = "id,date,time,kind,amount_cents,amount,category,who,note,commitment";
    let good = "B1,2026-11-20,2026-11-20T20:00:00+01:00,deposit,10,0.10,appreciation,me,\"tab\there\nand a line\",";
    let row = |date: &str, time: &str, note: &str, commitment: &str| {
        format!("B2,{date},{time},deposit,10,0.10,appreciation,me,\"{note}\",{commitment}")
    };
    let t = "2026-11-22T20:00:00+01:00";
    let outside = "is outside the dates trustbank keeps (1900-01-01 to 2200-12-31)";
    let big = "x".repeat(70_000);
    let csv_file = dir.path().join("in.csv");
    for (bad, says) in [
        (row("0001-01-01", t, "", ""), format!("line 4: 0001-01-01 {outside}")),
        (row("2201-01-01", t, "", ""), format!("line 4: 2201-01-01 {outside}")),
        (
            row("2026-11-22", "1850-01-01T20:00:00+01:00", "", ""),
            format!("line 4: the time 1850-01-01T20:00:00+01:00 falls on 1850-01-01, {}", &outside[3..]),
        ),
        (row("2026-11-22", t, "a \u{1b}[2J b", ""), "line 4: the note holds the control character ESC (U+001B)".into()),
        (row("2026-11-22", t, "bell\u{7}", ""), "line 4: the note holds the control character BEL (U+0007)".into()),
        (row("2026-11-22", t, "del\u{7f}", ""), "line 4: the note holds the control character DEL (U+007F)".into()),
        (row("2026-11-22", t, &big, ""), "line 4: the note is 68.4 KiB, over the limit of 64.0 KiB".into()),
        (
            row("2026-11-22", t, "", "01JNOSUCHCOMMITMENT0000000"),
            "line 4: the entry names the commitment 01JNOSUCHCOMMITMENT0000000, which this journal does not have"
                .into(),
        ),
    ] {
        fs::write(&csv_file, format!("{header}\r\n{good}\r\n{bad}\r\n")).expect("csv");
        let err = stderr_of_failure(trustbank(&file).arg("import").arg(&csv_file));
        assert_eq!(err, format!("trustbank: {}: {says}; nothing was imported\n", csv_file.display()), "{bad:.80}");
        assert_eq!(fs::read(&file).expect("read"), before, "the journal is byte-for-byte unchanged");
    }
    // The good row alone imports, its tab and new line kept.
    fs::write(&csv_file, format!("{header}\r\n{good}\r\n")).expect("csv");
    stdout(trustbank(&file).arg("import").arg(&csv_file));
    assert!(load(&file).entries.iter().any(|e| e.note == "tab\there\nand a line"));
}

/// Whatever a journal in memory holds, CSV and Markdown never carry a
/// control character raw (a journal that loaded holds none; these are the
/// last line of defence for any other way out).
#[test]
fn csv_and_markdown_never_write_a_control_character_raw() {
    let mut journal = Journal::default();
    let mut e = note_entry("C1", "made \u{1b}[31mdinner\u{7}\u{9b} together\ttab\r\nnext line");
    e.category = "appreciation\u{8}".into();
    journal.insert_entry(e);
    journal.check_ins.push(CheckIn {
        id: Id::from("K1"),
        date: d("2026-11-25"),
        at: at("2026-11-25T21:00:00+01:00"),
        rating: 4,
        reflection: "a \u{1b}]0;title\u{7} day".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    let raw = |text: &str| text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')).count();
    let csv = trustbank::export::csv::to_string(&journal.entries);
    assert_eq!(raw(&csv), 0, "{csv:?}");
    assert!(csv.contains("made [31mdinner together\ttab\r\nnext line"), "{csv:?}");
    assert!(csv.contains(",appreciation,"), "{csv:?}");
    let md = trustbank::export::markdown::report(&journal, d("2026-11-23"), d("2026-11-26"), d("2026-11-26"));
    assert_eq!(raw(&md), 0, "{md:?}");
    assert!(!md.contains('\r'), "{md:?}");
    assert!(md.contains("made \\[31mdinner together"), "{md}");
    assert!(md.contains("a \\]0;title day"), "{md}");
}
