//! `v` on every tab with a list (issue 13): the history of a commitment, of
//! a repair part by part, and of the day's check-ins, each version with
//! what changed, who changed it and when.

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::{Action, App, FormAction, Overlay, Subject, Tab, update};
use trustbank::domain::outcome::new_commitment;
use trustbank::domain::{Amount, Id, Journal, People, Person, Repair, Schedule};
use trustbank::keyboard::{AtKeyboard, Source};

mod support;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

const TWO_HOURS_AGO: i64 = 2 * 3_600_000;

/// Sam (A) promised a daily walk and opened a repair for what hurt Alex
/// (B), both two hours ago; `me` is at the keyboard.
fn app_as(me: Person) -> App {
    let written = (now().timestamp_millis() - TWO_HOURS_AGO) as u64;
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut c =
        new_commitment(Id::from("C1"), "Walk".into(), Schedule::Daily, now().date_naive(), Amount(10), Amount(100));
    c.updated = written;
    j.commitments.push(c);
    let mut r = Repair::new(Id::from("R1"), "the card bill".into(), "2026-11-20".parse().expect("day"), None);
    r.hurt = Person::B;
    r.updated = written;
    r.reveal.how_i_felt = "small".into();
    r.reveal.by = Person::B;
    r.reveal.updated = written;
    j.repairs.push(r);
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: me, source: Source::Device });
    app
}

fn key(app: &mut App, code: KeyCode) {
    update(app, Action::Form(FormAction::Key(KeyEvent::new(code, KeyModifiers::NONE))));
}

fn typed(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

/// Presses `v` through the keymap, as a person would.
fn press_v(app: &mut App) {
    let v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &v).expect("v is bound");
    update(app, action);
}

fn assert_shows(shown: &str, lines: &[&str]) {
    for line in lines {
        assert!(shown.contains(line), "{line:?} is not in\n{shown}");
    }
}

#[test]
fn v_on_commitments_tells_the_commitments_versions() {
    let mut app = app_as(Person::A);
    update(&mut app, Action::SelectTab(Tab::Commitments));
    update(&mut app, Action::EditSelected);
    assert!(matches!(app.overlay, Overlay::Commitment(_)), "{:?}", app.overlay);
    typed(&mut app, " together");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    press_v(&mut app);
    assert_eq!(app.overlay, Overlay::History { subject: Subject::Record(Id::from("C1")), scroll: 0 });
    assert_shows(
        &support::screen::of(&app, 80, 24),
        &[
            "Sam's commitment \"Walk together\"",
            "version 1 · written by Sam · Thu 26 Nov 19:00",
            "title: Walk · schedule: every day · kept: +$0.10 · missed: -$1.00",
            "version 2 (now) · changed by Sam · Thu 26 Nov 21:00",
            "title: \"Walk\" → \"Walk together\"",
        ],
    );
}

#[test]
fn v_on_repair_tells_each_part_and_only_the_changed_ones_at_length_at_80x24() {
    let mut app = app_as(Person::B);
    update(&mut app, Action::SelectTab(Tab::Repair));
    // Alex finishes the reveal's first note, two hours after writing it.
    update(&mut app, Action::EditSelected);
    assert!(matches!(app.overlay, Overlay::Step(_)), "{:?}", app.overlay);
    typed(&mut app, " and unseen");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    // And half an hour later, within no window (it is a new hour).
    app.now += Duration::minutes(30);
    update(&mut app, Action::EditSelected);
    typed(&mut app, ", again");
    update(&mut app, Action::Form(FormAction::Submit));
    press_v(&mut app);
    assert_eq!(app.overlay, Overlay::History { subject: Subject::Record(Id::from("R1")), scroll: 0 });
    let shown = support::screen::of(&app, 80, 24);
    assert_shows(
        &shown,
        &[
            "the repair \"the card bill\"",
            "repair · never edited · Sam · Thu 26 Nov 19:00",
            "step 1 · reveal",
            "version 1 · written by Alex · Thu 26 Nov 19:00",
            "version 2 · changed by Alex · Thu 26 Nov 21:00",
            "how I felt: \"small\" → \"small and unseen\"",
            "version 3 (now) · changed by Alex · Thu 26 Nov 21:30",
            "how I felt: \"small and unseen\" → \"small and unseen, again\"",
        ],
    );
    insta::assert_snapshot!("history_of_a_repair_80x24", shown);
}

#[test]
fn v_on_today_tells_the_days_changed_check_ins_and_a_due_commitments_history() {
    let mut app = app_as(Person::A);
    update(&mut app, Action::WriteCheckIn);
    typed(&mut app, "3");
    typed(&mut app, "tired");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    // The rating changed later that evening, past the ten minutes.
    app.now += Duration::minutes(45);
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, Action::Form(FormAction::PreviousField));
    key(&mut app, KeyCode::Right);
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    // With no entry selected, the day's history: the check-in's versions.
    app.selected = 99;
    press_v(&mut app);
    let shown = support::screen::of(&app, 80, 24);
    assert_shows(
        &shown,
        &["Sam's check-in of Thu 26 Nov", "rating: 3 of 5 · reflection: tired", "rating: \"3 of 5\" → \"4 of 5\""],
    );
    update(&mut app, Action::Close);
    // The walk is due today and selected first: `v` tells its history.
    app.selected = 0;
    press_v(&mut app);
    assert_eq!(app.overlay, Overlay::History { subject: Subject::Record(Id::from("C1")), scroll: 0 });
}

/// Makes `change` as `by` at `at` (an RFC 3339 time), as the app does.
fn made(j: &mut Journal, change: trustbank::domain::Change, at: &str, by: Person) {
    use trustbank::domain::{Stamp, stamp::stamp, versioning::with_history};
    let at = Stamp::new(DateTime::parse_from_rfc3339(at).expect("time").timestamp_millis() as u64, by);
    let change = stamp(with_history(change, j, at), j, at);
    change.apply(j).expect("applies");
}

#[test]
fn trustbank_history_prints_every_change_of_a_range_by_day() {
    use trustbank::domain::{Change, Entry, EntryKind, Noticed};
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let at = DateTime::parse_from_rfc3339("2026-11-24T20:00:00+01:00").expect("time");
    let e = Entry {
        id: Id::from("E1"),
        date: at.date_naive(),
        at,
        kind: EntryKind::Deposit,
        amount: Amount(10),
        category: "positive interaction".into(),
        who: Person::A,
        note: "made dinner".into(),
        commitment: None,
        by: Person::A,
        updated: 0,
    };
    made(&mut j, Change::AddEntry(e.clone()), "2026-11-24T20:00:00+01:00", Person::A);
    let noticed = Noticed {
        id: Id::from("N1"),
        entry: e.id.clone(),
        at,
        word: "it meant a lot".into(),
        by: Person::B,
        updated: 0,
    };
    made(&mut j, Change::Notice(noticed), "2026-11-24T22:15:00+01:00", Person::B);
    let edited = Entry { note: "made dinner, washed up".into(), ..j.entries[0].clone() };
    made(&mut j, Change::ReplaceEntry(edited), "2026-11-25T08:30:00+01:00", Person::A);
    made(&mut j, Change::RemoveEntry(e.id.clone()), "2026-11-26T19:05:00+01:00", Person::A);
    // Last week's change is not in this week's history.
    let old = Entry { id: Id::from("E0"), date: "2026-11-18".parse().expect("day"), note: "old".into(), ..e };
    made(&mut j, Change::AddEntry(old), "2026-11-18T20:00:00+01:00", Person::A);

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    std::fs::write(&file, trustbank::storage::format::to_ron(&j).expect("ron")).expect("written");
    let out = support::cli::stdout(support::cli::trustbank(&file).arg("history"));
    assert_eq!(
        out,
        "4 changes from Mon 23 Nov 2026 to Thu 26 Nov 2026\n\
         \n\
         Tue 24 Nov\n\
         \x20 20:00  Sam wrote Sam's deposit of Tue 24 Nov: +$0.10 positive interaction \"made dinner\"\n\
         \x20 22:15  Alex noticed Sam's deposit of Tue 24 Nov: +$0.10 positive interaction \"made dinner\" — \"it meant a lot\"\n\
         \n\
         Wed 25 Nov\n\
         \x20 08:30  Sam changed Sam's deposit of Tue 24 Nov: note \"made dinner\" → \"made dinner, washed up\"\n\
         \n\
         Thu 26 Nov\n\
         \x20 19:05  Sam removed Sam's deposit of Tue 24 Nov: +$0.10 positive interaction \"made dinner, washed up\"\n"
    );
    let last_week = support::cli::stdout(support::cli::trustbank(&file).args([
        "history",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-22",
    ]));
    assert!(last_week.starts_with("One change from Mon 16 Nov 2026 to Sun 22 Nov 2026\n"), "{last_week}");
    assert!(
        last_week.contains("Sam wrote Sam's deposit of Wed 18 Nov: +$0.10 positive interaction \"old\""),
        "{last_week}"
    );
    let none = support::cli::stdout(support::cli::trustbank(&file).args([
        "history",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-02",
    ]));
    assert_eq!(none, "Nothing was written, changed or removed from Thu 1 Oct 2026 to Fri 2 Oct 2026.\n");
    let err = support::cli::stderr_of_failure(support::cli::trustbank(&file).args([
        "history",
        "--from",
        "today",
        "--to",
        "yesterday",
    ]));
    assert!(err.contains("is after --to"), "{err}");
}

/// Sam's deposit, edited once and noticed by Alex; Sam's withdrawal,
/// removed; both of Tue 24 Nov.
fn edited_noticed_and_removed() -> Journal {
    use trustbank::domain::{Change, Entry, EntryKind, Noticed};
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let at = DateTime::parse_from_rfc3339("2026-11-24T20:00:00+01:00").expect("time");
    let e = |id: &str, kind, note: &str| Entry {
        id: Id::from(id),
        date: at.date_naive(),
        at,
        kind,
        amount: Amount(10),
        category: "positive interaction".into(),
        who: Person::A,
        note: note.into(),
        commitment: None,
        by: Person::A,
        updated: 0,
    };
    made(&mut j, Change::AddEntry(e("E1", EntryKind::Deposit, "made dinner")), "2026-11-24T20:00:00+01:00", Person::A);
    made(&mut j, Change::AddEntry(e("E2", EntryKind::Withdrawal, "late")), "2026-11-24T20:01:00+01:00", Person::A);
    let noticed = Noticed {
        id: Id::from("N1"),
        entry: Id::from("E1"),
        at,
        word: "it meant a lot".into(),
        by: Person::B,
        updated: 0,
    };
    made(&mut j, Change::Notice(noticed), "2026-11-24T22:15:00+01:00", Person::B);
    let edited = Entry { note: "made dinner, washed up".into(), ..j.entry(&Id::from("E1")).expect("there").clone() };
    made(&mut j, Change::ReplaceEntry(edited), "2026-11-25T08:30:00+01:00", Person::A);
    made(&mut j, Change::RemoveEntry(Id::from("E2")), "2026-11-26T19:05:00+01:00", Person::A);
    j
}

#[test]
fn the_json_export_nests_each_entrys_noticed_and_history_and_lists_the_removed() {
    let j = edited_noticed_and_removed();
    let json: serde_json::Value = serde_json::from_str(&trustbank::export::json(&j, Default::default())).expect("json");
    let entries = json["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["note"], "made dinner, washed up");
    assert_eq!(entries[0]["history"][0]["note"], "made dinner", "the version before");
    assert_eq!(entries[0]["history"].as_array().map(Vec::len), Some(1));
    assert_eq!(entries[0]["noticed"][0]["word"], "it meant a lot");
    assert_eq!(entries[0]["noticed"][0]["by"], "B");
    let removed = json["removed_entries"].as_array().expect("removed entries");
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["last"]["note"], "late");
    assert_eq!(removed[0]["removed"]["by"], "A");
    // A range without that day lists none.
    let range = trustbank::export::DateRange { from: "2026-11-25".parse().ok(), to: None };
    let json: serde_json::Value = serde_json::from_str(&trustbank::export::json(&j, range)).expect("json");
    assert_eq!(json["removed_entries"], serde_json::json!([]));
}

#[test]
fn the_markdown_report_marks_edited_noticed_and_removed_entries() {
    let j = edited_noticed_and_removed();
    let day = "2026-11-24".parse().expect("day");
    let report = trustbank::export::markdown::report(&j, day, day, "2026-11-26".parse().expect("day"));
    assert!(
        report.contains(
            "- 20:00 · deposit +$0.10 · positive interaction · Sam · made dinner, washed up · _edited (1 earlier version)_ · _noticed by Alex: \"it meant a lot\"_"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "- ~~20:00 · withdrawal -$0.10 · positive interaction · Sam · late~~ · removed by Sam on Thu 26 Nov 19:05"
        ),
        "{report}"
    );
}
