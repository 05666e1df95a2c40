//! The real binary, run as a shell user would.

use std::fs;

use assert_cmd::Command;

mod support;

use support::cli::{stderr_of_failure, stdout, trustbank};

#[test]
fn an_added_deposit_shows_in_the_weekly_json() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let added = stdout(trustbank(&file).args(["add", "deposit", "10c", "made coffee"]));
    assert!(added.contains("Added a deposit of $0.10"), "{added}");
    let json = stdout(trustbank(&file).args(["week", "--format", "json"]));
    let review: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(review["this_week"]["deposits"]["count"], 1);
    assert_eq!(review["this_week"]["deposits"]["sum"], 10);
    assert_eq!(review["this_week"]["balance_end"], 10);
    assert_eq!(review["this_week"]["week"]["start"], "2026-11-23");
    let text = fs::read_to_string(&file).expect("file");
    assert!(text.contains("note: \"made coffee\""), "{text}");
}

#[test]
fn every_amount_form_and_the_wipe() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    stdout(trustbank(&file).args(["add", "deposit", "25¢"]));
    stdout(trustbank(&file).args(["add", "deposit", "$1", "--who", "partner", "--category", "appr"]));
    stdout(trustbank(&file).args(["add", "deposit", "1.50", "--date", "yesterday"]));
    let out = stdout(trustbank(&file).args(["add", "withdrawal", "wipe", "--date", "2026-11-20"]));
    assert!(out.contains("Added a wipe (betrayal) on Fri 20 Nov 2026"), "{out}");
    let status = stdout(trustbank(&file).arg("status"));
    assert_eq!(status, "balance $2.75 · this week +$2.75 · not checked in today\n");
    let text = fs::read_to_string(&file).expect("file");
    assert!(text.contains("category: \"appreciation\"") && text.contains("who: B"), "{text}");
}

#[test]
fn bad_input_is_one_plain_sentence() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    for (args, says) in [
        (vec!["add", "deposit", "-5"], "never negative"),
        (vec!["add", "deposit", "1.234"], "two decimals"),
        (vec!["add", "deposit", "abc"], "not an amount"),
        (vec!["add", "deposit", "wipe"], "a wipe is a withdrawal"),
        (vec!["add", "deposit", "1", "--category", "nope"], "not a deposit category"),
        (
            vec!["add", "deposit", "1", "--category", "t"],
            "\"t\" starts 2 deposit categories, \"truth spoken\" and \"turned toward a bid\"; type more of the one you mean",
        ),
        (vec!["add", "deposit", "1", "--who", "them"], "\"them\" is not me, partner, Me or Partner"),
        (vec!["add", "deposit", "1", "--date", "2026-11-27"], "in the future"),
        (vec!["add", "deposit", "1", "--date", "soon"], "not a date"),
        (vec!["week", "--date", "31/12"], "not a date"),
    ] {
        let err = stderr_of_failure(trustbank(&file).args(&args));
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!file.exists(), "no failed command creates the journal");
}

#[test]
fn check_reports_a_corrupt_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let ok = stdout(trustbank(&file).arg("check"));
    assert!(ok.contains("does not exist yet"), "{ok}");
    stdout(trustbank(&file).args(["add", "deposit", "10c"]));
    assert!(stdout(trustbank(&file).arg("check")).contains("is sound: 1 entry, 0 commitments, 0 check-ins, 0 repairs"));
    let broken = b"(version: 1, entries: [(id: \"x\"".to_vec();
    fs::write(&file, &broken).expect("write");
    for cmd in [vec!["check"], vec!["status"], vec!["add", "deposit", "1"], vec!["week"]] {
        let err = stderr_of_failure(trustbank(&file).args(&cmd));
        assert!(err.contains("j.ron:1:"), "{cmd:?}: {err}");
        assert!(err.contains("j-2026-11-26.ron") || err.contains("backup"), "{err}");
    }
    assert_eq!(fs::read(&file).expect("read"), broken);
}

/// Issue 14, point 7: dates outside 1900–2200 and notes with control
/// characters or over 64 KiB are refused, each with its sentence, and the
/// journal is not created.
#[test]
fn dates_out_of_bounds_and_bad_notes_are_refused_with_a_sentence() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let outside = "is outside the dates trustbank keeps (1900-01-01 to 2200-12-31)";
    let big = "x".repeat(70_000);
    for (args, says) in [
        (vec!["add", "deposit", "1", "--date", "1899-12-31"], format!("1899-12-31 {outside}")),
        (vec!["add", "deposit", "1", "--date", "0001-01-01"], format!("0001-01-01 {outside}")),
        (vec!["week", "--date", "2201-01-01"], format!("2201-01-01 {outside}")),
        (vec!["export", "--format", "markdown", "--from", "0001-01-01"], format!("0001-01-01 {outside}")),
        (vec!["export", "--format", "csv", "--to", "9999-12-31"], format!("9999-12-31 {outside}")),
        (
            vec!["add", "deposit", "1", "clear \u{1b}[2J the screen"],
            "the note holds the control character ESC (U+001B); nothing was added".into(),
        ),
        (
            vec!["add", "deposit", "1", "ding\u{7}"],
            "the note holds the control character BEL (U+0007); nothing was added".into(),
        ),
        (
            vec!["add", "deposit", "1", "back\u{8}space"],
            "the note holds the control character backspace (U+0008); nothing was added".into(),
        ),
        (
            vec!["add", "deposit", "1", &big],
            "the note is 68.4 KiB, over the limit of 64.0 KiB; nothing was added".into(),
        ),
    ] {
        let err = stderr_of_failure(trustbank(&file).args(&args));
        assert_eq!(err, format!("trustbank: {says}\n"), "{:?}", &args[..args.len().min(4)]);
    }
    assert!(!file.exists(), "no refused command creates the journal");

    // The edges are kept, and so are new lines and tabs.
    stdout(trustbank(&file).args(["add", "deposit", "1", "--date", "1900-01-01", "first\tday\nof the century"]));
    stdout(trustbank(&file).args(["add", "deposit", "1", &"y".repeat(64 * 1024)]));
    let text = fs::read_to_string(&file).expect("file");
    assert!(text.contains("note: \"first\\tday\\nof the century\""), "{text:.2000}");
    assert!(text.contains(&"y".repeat(64 * 1024)));
}

#[test]
fn check_says_when_the_file_holds_comments() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    // A note that looks like a comment is not one.
    stdout(trustbank(&file).args(["add", "deposit", "1", "see https://example.org // and /* this */"]));
    let plain = stdout(trustbank(&file).arg("check"));
    assert!(!plain.contains("comments"), "{plain}");
    let text = fs::read_to_string(&file).expect("file");
    for commented in [format!("// our journal\n{text}"), text.replacen("entries:", "/* ours */ entries:", 1)] {
        fs::write(&file, &commented).expect("write");
        let said = stdout(trustbank(&file).arg("check"));
        let line = format!("{} holds comments; trustbank does not keep them when it saves", file.display());
        assert!(said.lines().any(|l| l == line), "{said}");
        assert!(said.starts_with(&format!("{} is sound", file.display())), "{said}");
    }
}

#[test]
fn path_prints_the_chosen_file_and_honours_the_environment() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("chosen.ron");
    assert_eq!(stdout(trustbank(&file).arg("path")), format!("{}\n", file.display()));
    let mut cmd = Command::cargo_bin("trustbank").expect("binary");
    cmd.env("TRUSTBANK_FILE", &file).arg("path");
    assert_eq!(stdout(&mut cmd), format!("{}\n", file.display()));
}

#[test]
fn week_prints_text_and_markdown_from_the_same_figures() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    stdout(trustbank(&file).args(["add", "deposit", "25c", "--date", "2026-11-24"]));
    stdout(trustbank(&file).args(["add", "withdrawal", "$1", "--date", "2026-11-18"]));
    let text = stdout(trustbank(&file).arg("week"));
    assert!(text.starts_with("Week of 23 Nov – 29 Nov 2026\n"), "{text}");
    let row = |label: &str| {
        let line = text.lines().find(|l| l.starts_with(label)).unwrap_or_default();
        line[label.len()..].split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(row("Net ").starts_with("+$0.25 -$1.00"), "{text}");
    assert!(row("Best day ").starts_with("Tue 24 Nov +$0.25"), "{text}");
    let md = stdout(trustbank(&file).args(["week", "--format", "markdown"]));
    assert!(md.contains("| Net | +$0.25 | -$1.00 | +$1.25 |"), "{md}");
    assert!(md.contains("| Balance at week end | -$0.75 | -$1.00 | +$0.25 |"), "{md}");
}

#[test]
fn status_counts_the_commitments_due_today_and_not_marked() {
    use trustbank::domain::outcome::{new_commitment, set_outcome};
    use trustbank::domain::{Amount, Id, Journal, Outcome, parse_schedule};
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("journal.ron");
    let now = chrono::DateTime::parse_from_rfc3339(support::cli::NOW).expect("time");
    let start = "2026-11-02".parse().expect("date");
    let mut j = Journal::default();
    // Thu 26 Nov: two due and open, one due and marked, a weekly one
    // already done on Monday (not due), one on Fridays (not due).
    for (i, words) in ["every day", "weekdays", "1x a week", "every Friday", "daily"].into_iter().enumerate() {
        let schedule = parse_schedule(words).expect("schedule");
        j.commitments.push(new_commitment(Id(format!("C{i}")), words.into(), schedule, start, Amount(10), Amount(100)));
    }
    for (c, day) in [(1, "2026-11-26"), (2, "2026-11-23")] {
        let c = j.commitments[c].clone();
        let change = set_outcome(
            &j,
            &c,
            day.parse().expect("date"),
            Some(Outcome::Kept),
            now,
            (Id(format!("K{day}")), trustbank::domain::Person::A),
        );
        change.apply(&mut j).expect("marked");
    }
    fs::write(&file, trustbank::storage::format::to_ron(&j).expect("serializes")).expect("write");
    let status = stdout(trustbank(&file).arg("status"));
    assert!(status.ends_with("not checked in today · 2 commitments not marked\n"), "{status}");
}

/// Issue 14: `add deposit $3`, `add withdrawal wipe`, `add deposit 25c`
/// from the shell in one second, with the clock pinned so every process sees
/// the same moment: the wipe must come after the $3 and before the 25c,
/// every time. Twenty rounds, each on a fresh journal, each through the real
/// binary; the file read back must hold them in the order they were added.
#[test]
fn entries_added_in_the_same_second_keep_the_order_they_were_added_in() {
    for round in 0..20 {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("j.ron");
        stdout(trustbank(&file).args(["add", "deposit", "$3"]));
        stdout(trustbank(&file).args(["add", "withdrawal", "wipe", "x"]));
        stdout(trustbank(&file).args(["add", "deposit", "25c", "y"]));
        let status = stdout(trustbank(&file).arg("status"));
        assert!(status.starts_with("balance $0.25 · "), "round {round}: {status}");
        let journal = trustbank::storage::load(&file).expect("loads").journal;
        let notes: Vec<&str> = journal.entries.iter().map(|e| e.note.as_str()).collect();
        assert_eq!(notes, ["", "x", "y"], "round {round}");
        assert!(journal.entries.windows(2).all(|w| w[0].at == w[1].at), "one moment, round {round}");
    }
}

/// Without the pinned clock: the real one, to the millisecond.
#[test]
fn entries_added_in_the_same_second_on_the_real_clock_keep_their_order() {
    for round in 0..20 {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("j.ron");
        for args in [["add", "deposit", "$3", ""], ["add", "withdrawal", "wipe", "x"], ["add", "deposit", "25c", "y"]] {
            stdout(trustbank(&file).env_remove("TRUSTBANK_NOW").args(args));
        }
        let journal = trustbank::storage::load(&file).expect("loads").journal;
        let balance = trustbank::domain::Balances::compute(&journal.entries).current();
        assert_eq!(balance.to_string(), "$0.25", "round {round}");
    }
}

#[test]
fn at_places_an_entry_on_its_day_in_the_order_things_happened() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    // Written down in this order; it happened in another.
    let wipe = stdout(trustbank(&file).args(["add", "withdrawal", "wipe", "the lie", "--at", "20:30"]));
    assert!(wipe.contains("on Thu 26 Nov 2026 at 20:30. Balance: $0.00."), "{wipe}");
    stdout(trustbank(&file).args(["add", "deposit", "$2", "breakfast", "--at", "9:15am"]));
    stdout(trustbank(&file).args(["add", "deposit", "10c", "flowers", "--at", "9pm"]));
    // 00:30 belongs to the night after yesterday, so it lands on yesterday.
    stdout(trustbank(&file).args(["add", "deposit", "$1", "late talk", "--date", "yesterday", "--at", "00:30"]));
    stdout(trustbank(&file).args(["add", "deposit", "$4", "walk", "--date", "yesterday"]));
    let journal = trustbank::storage::load(&file).expect("loads").journal;
    let lines: Vec<(String, String, &str)> =
        journal.entries.iter().map(|e| (e.date.to_string(), e.at.to_rfc3339(), e.note.as_str())).collect();
    let expected = [
        ("2026-11-25", "2026-11-25T21:00:00+01:00", "walk"),
        ("2026-11-25", "2026-11-26T00:30:00+01:00", "late talk"),
        ("2026-11-26", "2026-11-26T09:15:00+01:00", "breakfast"),
        ("2026-11-26", "2026-11-26T20:30:00+01:00", "the lie"),
        ("2026-11-26", "2026-11-26T21:00:00+01:00", "flowers"),
    ];
    let expected: Vec<(String, String, &str)> =
        expected.iter().map(|(d, a, n)| (d.to_string(), a.to_string(), *n)).collect();
    assert_eq!(lines, expected);
    let status = stdout(trustbank(&file).arg("status"));
    assert!(status.starts_with("balance $0.10 · "), "{status}");
}

#[test]
fn a_bad_or_future_at_is_one_plain_sentence() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    for (args, says) in [
        (vec!["add", "deposit", "1", "--at", "25:00"], "\"25:00\" is not an hour"),
        (vec!["add", "deposit", "1", "--at", "soon"], "\"soon\" is not a time; try 21:30, 9pm or 9:15am"),
        (vec!["add", "deposit", "1", "--at", "9:60"], "no such minute"),
        (vec!["add", "deposit", "1", "--at", ""], "type a time"),
        // Now is 21:00 on Thu 26 Nov.
        (vec!["add", "deposit", "1", "--at", "21:01"], "21:01 on Thu 26 Nov has not come yet"),
        (vec!["add", "deposit", "1", "--at", "1am"], "1am on Thu 26 Nov has not come yet"),
    ] {
        let err = stderr_of_failure(trustbank(&file).args(&args));
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!file.exists(), "no failed command creates the journal");
}

#[test]
fn merge_brings_in_the_other_copys_entries_leaves_it_alone_and_says_what_came() {
    let dir = tempfile::tempdir().expect("dir");
    let (mine, theirs) = (dir.path().join("j.ron"), dir.path().join("other.ron"));
    stdout(trustbank(&mine).args(["add", "deposit", "10c", "made coffee"]));
    fs::copy(&mine, &theirs).expect("a copy on the other computer");
    stdout(trustbank(&mine).args(["add", "deposit", "1c", "here"]));
    stdout(trustbank(&theirs).args(["add", "withdrawal", "$1", "there", "--who", "partner"]));
    let theirs_before = fs::read(&theirs).expect("read");

    let said = stdout(trustbank(&mine).args(["merge"]).arg(&theirs));
    assert!(said.contains("Merged") && said.contains("1 entry"), "{said}");
    let text = fs::read_to_string(&mine).expect("read");
    for note in ["made coffee", "here", "there"] {
        assert!(text.contains(&format!("note: \"{note}\"")), "{note} is in the merge:\n{text}");
    }
    assert_eq!(fs::read(&theirs).expect("read"), theirs_before, "the other copy is only read");
    let again = stdout(trustbank(&mine).args(["merge"]).arg(&theirs));
    assert!(again.contains("Nothing new"), "{again}");

    let stranger = dir.path().join("stranger.ron");
    stdout(trustbank(&stranger).args(["add", "deposit", "1c", "someone else"]));
    let err = stderr_of_failure(trustbank(&mine).args(["merge"]).arg(&stranger));
    assert!(err.contains("two different journals"), "{err}");
}

/// `trustbank merge-driver BASE OURS THEIRS` as git calls it: an empty
/// BASE (both branches added the file) is a journal with no records, the
/// merge goes into OURS, quietly; a THEIRS that does not parse or is
/// another journal fails with a sentence and OURS is left byte for byte.
#[test]
fn merge_driver_merges_into_ours_and_leaves_it_alone_when_theirs_is_broken() {
    let dir = tempfile::tempdir().expect("dir");
    let [base, ours, theirs] = ["base.ron", "ours.ron", "theirs.ron"].map(|name| dir.path().join(name));
    fs::write(&base, "").expect("an empty base");
    stdout(trustbank(&ours).args(["add", "deposit", "10c", "made coffee"]));
    fs::copy(&ours, &theirs).expect("a copy on the other branch");
    stdout(trustbank(&ours).args(["add", "deposit", "1c", "here"]));
    stdout(trustbank(&theirs).args(["add", "withdrawal", "$1", "there"]));
    let driver = |theirs: &std::path::Path| {
        let mut cmd = Command::cargo_bin("trustbank").expect("binary built");
        cmd.env_remove("TRUSTBANK_FILE").arg("merge-driver").arg(&base).arg(&ours).arg(theirs);
        cmd
    };

    let out = driver(&theirs).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "quiet: {}", String::from_utf8_lossy(&out.stdout));
    let merged = trustbank::storage::load(&ours).expect("loads").journal;
    let mut notes: Vec<&str> = merged.entries.iter().map(|e| e.note.as_str()).collect();
    notes.sort_unstable();
    assert_eq!(notes, ["here", "made coffee", "there"]);

    let before = fs::read(&ours).expect("read");
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "(version: 2, entries: [(id: \"x\"").expect("write");
    let err = stderr_of_failure(&mut driver(&broken));
    assert!(err.contains("broken.ron:1:"), "{err}");
    let stranger = dir.path().join("stranger.ron");
    stdout(trustbank(&stranger).args(["add", "deposit", "1c", "someone else"]));
    let err = stderr_of_failure(&mut driver(&stranger));
    assert!(err.contains("two different journals"), "{err}");
    assert_eq!(fs::read(&ours).expect("read"), before, "OURS is untouched");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("list").flatten().map(|e| e.file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().ends_with(".tmp")), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_journal_its_owner_made_read_only_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    stdout(trustbank(&file).args(["add", "deposit", "10c", "kept as it is"]));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o400)).expect("chmod 0400");
    let before = fs::read(&file).expect("read");
    let err = stderr_of_failure(trustbank(&file).args(["add", "deposit", "25c", "refused"]));
    assert!(err.contains("the file is marked read-only; make it writable (chmod u+w)"), "{err}");
    assert_eq!(fs::read(&file).expect("read"), before, "every byte as it was");
    let mode = fs::metadata(&file).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o400, "not replaced by a writable file");
    // Reading still works.
    assert!(stdout(trustbank(&file).arg("status")).starts_with("balance $0.10"));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).expect("chmod 0600");
    stdout(trustbank(&file).args(["add", "deposit", "25c", "now it may"]));
}

#[test]
fn demo_write_keeps_the_demo_in_a_new_file_and_never_overwrites_one() {
    let dir = tempfile::tempdir().expect("dir");
    let demo = dir.path().join("demo.ron");
    let said = stdout(trustbank(&dir.path().join("unused.ron")).args(["demo", "--write"]).arg(&demo));
    assert!(said.starts_with("Wrote the demo journal (1800 entries, 6 commitments) to "), "{said}");
    // It opens as a journal of its own.
    let checked = stdout(trustbank(&demo).arg("check"));
    assert!(checked.contains("is sound: 1800 entries, 6 commitments"), "{checked}");
    // A second time, what is there stays byte for byte.
    let before = fs::read(&demo).expect("written");
    let refused = stderr_of_failure(trustbank(&demo).args(["demo", "--write"]).arg(&demo));
    assert!(refused.contains("exists already; the demo is written only to a new file"), "{refused}");
    assert_eq!(fs::read(&demo).expect("still there"), before);
    // The file named by --file is not touched by it.
    assert!(!dir.path().join("unused.ron").exists());
}
