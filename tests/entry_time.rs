//! When an entry happened (issue 14, point 2): the entry form's Time field,
//! the ledger order it gives, the order of entries of one moment after a
//! save and a reload, and the times Today shows.
//!
//! "Now" is Thursday 26 November 2026, 21:30 at +01:00.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::form::{EntryField, EntryForm};
use trustbank::app::{Action, App, FormAction, Overlay, update};
use trustbank::domain::{Balances, Entry, EntryKind, Id, Journal, Person};
use trustbank::ui::{Theme, render};

mod support;

const NOW: &str = "2026-11-26T21:30:00+01:00";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid YYYY-MM-DD date")
}

fn app_at(now: &str, journal: Journal) -> App {
    App::new(journal, at(now), None)
}

fn entry_form(app: &App) -> &EntryForm {
    match &app.overlay {
        Overlay::Entry(form) => form,
        other => panic!("expected the entry form, found {other:?}"),
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
    }
}

/// Tab to `field`; a text field takes the focus with its text selected, so
/// what is typed next replaces it.
fn focus(app: &mut App, field: EntryField) {
    for _ in 0..EntryField::ALL.len() {
        if entry_form(app).focus == field {
            return;
        }
        update(app, Action::Form(FormAction::NextField));
    }
    panic!("could not reach {field:?}");
}

/// Adds an entry through the form: a note, an amount, and a time unless
/// `time` is empty. Answers "not now" to the repair a wipe offers.
fn add(app: &mut App, withdrawal: bool, note: &str, amount: &str, time: &str) {
    update(app, if withdrawal { Action::AddWithdrawal } else { Action::AddDeposit });
    type_text(app, note);
    focus(app, EntryField::Amount);
    type_text(app, amount);
    if !time.is_empty() {
        focus(app, EntryField::Time);
        type_text(app, time);
    }
    update(app, Action::Form(FormAction::Submit));
    // "$5" is more than the largest deposit size: meant.
    if matches!(app.overlay, Overlay::ConfirmAmount(_)) {
        update(app, Action::Confirm);
    }
    // Answered once it has been in sight.
    if app.offer.is_some() {
        let later = app.uptime + trustbank::app::offer::Offer::SETTLE;
        update(app, Action::Uptime(later));
        update(app, Action::Close);
    }
    assert_eq!(app.overlay, Overlay::None, "{note} was added: {:?}", app.message);
}

fn notes_of(app: &App, day: &str) -> Vec<String> {
    app.journal.entries_on(date(day)).iter().map(|e| e.note.clone()).collect()
}

fn day_end(app: &App, day: &str) -> i64 {
    app.balances.at_end_of(&app.journal.entries, date(day)).0
}

// ---------------------------------------------------------------------------
// The order things happened
// ---------------------------------------------------------------------------

/// The case: the evening's wipe is written down first, the
/// morning's deposit after it. The deposit happened first, so the wipe is
/// last and the day ends at $0.
#[test]
fn a_morning_deposit_entered_after_the_evening_wipe_sorts_before_it() {
    let mut app = app_at(NOW, Journal::default());
    add(&mut app, true, "the lie", "wipe", "21:00");
    add(&mut app, false, "breakfast", "$2", "09:00");
    assert_eq!(notes_of(&app, "2026-11-26"), ["breakfast", "the lie"]);
    let entries = app.journal.entries_on(date("2026-11-26"));
    assert_eq!(entries[0].at, at("2026-11-26T09:00:00+01:00"));
    assert_eq!(entries[1].at, at("2026-11-26T21:00:00+01:00"));
    assert_eq!(day_end(&app, "2026-11-26"), 0, "the wipe is last");

    // A deposit given no time happened now (21:30), after the wipe: the
    // day no longer ends at $0.
    add(&mut app, false, "flowers", "25c", "");
    assert_eq!(notes_of(&app, "2026-11-26"), ["breakfast", "the lie", "flowers"]);
    assert_eq!(app.journal.entries_on(date("2026-11-26"))[2].at, at(NOW));
    assert_eq!(day_end(&app, "2026-11-26"), 25);
}

#[test]
fn a_past_day_defaults_to_the_evening_and_today_to_now() {
    let mut app = app_at(NOW, Journal::default());
    add(&mut app, false, "today", "10c", "");
    update(&mut app, Action::PreviousDay);
    add(&mut app, false, "yesterday", "10c", "");
    let yesterday = app.journal.entries_on(date("2026-11-25"));
    assert_eq!(yesterday[0].at, at("2026-11-25T21:00:00+01:00"));
    assert_eq!(app.journal.entries_on(date("2026-11-26"))[0].at, at(NOW));
}

#[test]
fn a_time_before_the_day_end_is_the_night_after() {
    // 01:00 on Friday is still Thursday's journal day (it ends at 04:00).
    let mut app = app_at("2026-11-27T01:00:00+01:00", Journal::default());
    assert_eq!(app.today, date("2026-11-26"));
    add(&mut app, false, "late talk", "$1", "00:30");
    add(&mut app, false, "dinner", "$1", "8pm");
    assert_eq!(notes_of(&app, "2026-11-26"), ["dinner", "late talk"]);
    let late = &app.journal.entries_on(date("2026-11-26"))[1];
    assert_eq!(late.at, at("2026-11-27T00:30:00+01:00"));
}

#[test]
fn a_bad_or_future_time_is_shown_next_to_the_field_and_keeps_the_typed_text() {
    let mut app = app_at(NOW, Journal::default());
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "the note I typed");
    focus(&mut app, EntryField::Time);
    type_text(&mut app, "25:00");
    update(&mut app, Action::Form(FormAction::Submit));
    let day_ends_at = app.journal.settings.day_ends_at;
    let form = entry_form(&app);
    assert_eq!(form.time.text(), "25:00");
    assert_eq!(form.note.text(), "the note I typed");
    let errors = form.errors(app.today, app.now, day_ends_at);
    assert_eq!(
        errors.for_field(EntryField::Time),
        Some("\"25:00\" is not an hour; hours go from 0 to 23, or 1 to 12 with am or pm")
    );
    assert!(app.journal.entries.is_empty());

    // 22:00 has not come yet (now is 21:30).
    focus(&mut app, EntryField::Note);
    focus(&mut app, EntryField::Time);
    type_text(&mut app, "10pm");
    update(&mut app, Action::Form(FormAction::Submit));
    let form = entry_form(&app);
    assert_eq!(form.errors(app.today, app.now, day_ends_at).time.as_deref(), Some("10pm has not come yet"));
    assert!(app.journal.entries.is_empty());

    // On a past day the same time is fine.
    focus(&mut app, EntryField::Date);
    type_text(&mut app, "2026-11-25");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    assert_eq!(app.journal.entries[0].at, at("2026-11-25T22:00:00+01:00"));
    assert_eq!(app.journal.entries[0].note, "the note I typed");
}

#[test]
fn the_time_field_is_drawn_with_its_error() {
    let mut app = app_at(NOW, Journal::default());
    update(&mut app, Action::AddDeposit);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Time      now (21:30)"), "{text}");
    assert!(text.contains("21:30, 9pm or 9:15am · before 04:00: the night after"), "{text}");
    focus(&mut app, EntryField::Time);
    type_text(&mut app, "half past");
    let text = screen(&app, 80, 24);
    assert!(text.contains("half past"), "{text}");
    assert!(text.contains("✗ \"half past\" is not a time; try 21:30, 9pm or 9:15am"), "{text}");
    // The whole form fits the smallest window the app draws in.
    let small = screen(&app, 60, 16);
    assert!(small.contains("✗ \"half past\" is not a time"), "{small}");
}

#[test]
fn an_edit_keeps_its_time_unless_it_is_changed() {
    // Written in +02:00, edited in +01:00: shown as 11:30, kept to the second.
    let mut journal = Journal::default();
    let written = at("2026-11-26T12:30:15+02:00");
    journal.insert_entry(Entry {
        id: Id::from("E1"),
        date: date("2026-11-26"),
        at: written,
        kind: EntryKind::Deposit,
        amount: trustbank::domain::Amount(10),
        category: "positive interaction".into(),
        who: Person::A,
        note: "lunch".into(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    let mut app = app_at(NOW, journal);
    update(&mut app, Action::EditSelected);
    assert_eq!(entry_form(&app).time.text(), "11:30");
    type_text(&mut app, " out");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].note, "lunch out");
    assert_eq!(app.journal.entries[0].at, written, "the exact moment and its offset");

    // Moved to another day, it keeps its time of day.
    update(&mut app, Action::EditSelected);
    focus(&mut app, EntryField::Date);
    type_text(&mut app, "2026-11-24");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].at, at("2026-11-24T11:30:15+01:00"));

    // A new time is one on the viewer's clock.
    update(&mut app, Action::EditSelected);
    focus(&mut app, EntryField::Time);
    type_text(&mut app, "7am");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].at, at("2026-11-24T07:00:00+01:00"));
    assert_eq!(app.journal.entries[0].id, Id::from("E1"));
}

// ---------------------------------------------------------------------------
// One moment, several entries: the order they were added in
// ---------------------------------------------------------------------------

/// Many entries at one moment (the form's "now", never moving): the order
/// they were added in, in the app, in the file, and after a reload, however
/// the file lists them.
#[test]
fn entries_of_one_moment_keep_their_order_through_a_save_and_a_reload() {
    let mut app = app_at(NOW, Journal::default());
    let script: Vec<(bool, String, &str)> = (0..30)
        .map(|i| match i % 3 {
            0 => (false, format!("d{i}"), "$3"),
            1 => (true, format!("w{i}"), "wipe"),
            _ => (false, format!("y{i}"), "25c"),
        })
        .collect();
    for (withdrawal, note, amount) in &script {
        add(&mut app, *withdrawal, note, amount, "");
    }
    let added: Vec<String> = script.iter().map(|(_, note, _)| note.clone()).collect();
    assert_eq!(notes_of(&app, "2026-11-26"), added);
    assert!(app.journal.entries.iter().all(|e| e.at == at(NOW)), "one moment");
    assert_eq!(app.balances.current().0, 25);

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    let text = trustbank::storage::format::to_ron(&app.journal).expect("serializes");
    std::fs::write(&file, &text).expect("write");
    let reloaded = trustbank::storage::load(&file).expect("loads").journal;
    assert_eq!(reloaded.entries, app.journal.entries);

    // A copy that lists its entries backwards (a hand edit, a merge) sorts
    // back the same way.
    let mut backwards = app.journal.clone();
    backwards.entries.reverse();
    std::fs::write(&file, trustbank::storage::format::to_ron(&backwards).expect("serializes")).expect("write");
    let reloaded = trustbank::storage::load(&file).expect("loads").journal;
    assert_eq!(reloaded.entries, app.journal.entries);
    assert_eq!(Balances::compute(&reloaded.entries).current().0, 25);

    // And what is added after the reload, at the same moment, comes last.
    let mut again = app_at(NOW, reloaded);
    add(&mut again, true, "after the reload", "wipe", "");
    assert_eq!(again.journal.entries.last().map(|e| e.note.as_str()), Some("after the reload"));
    assert_eq!(again.balances.current().0, 0);
}

// ---------------------------------------------------------------------------
// Today's times: the viewer's clock, and a mark for another offset
// ---------------------------------------------------------------------------

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| render(frame, app, &Theme::dark())).expect("drawing into a TestBackend");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn today_shows_times_on_the_viewers_clock_and_marks_another_offset() {
    use support::journal::entry;
    let mut journal = Journal::default();
    journal.insert_entry(entry("E1", "2026-11-26", "08:15", EntryKind::Deposit, 10, "appreciation", Person::A, "home"));
    let mut abroad = entry("E2", "2026-11-26", "12:00", EntryKind::Deposit, 25, "appreciation", Person::B, "abroad");
    abroad.at = at("2026-11-26T14:45:00+03:00");
    journal.insert_entry(abroad);
    let app = app_at(NOW, journal);
    let text = screen(&app, 80, 24);
    assert!(text.contains("08:15  + $0.10"), "same offset, no mark:\n{text}");
    assert!(text.contains("12:45* + $0.25"), "14:45 at +03:00 is 12:45 at +01:00, marked:\n{text}");

    // The same journal seen from +03:00: now the other entry is marked.
    let there = app_at("2026-11-26T23:30:00+03:00", app.journal.clone());
    let text = screen(&there, 80, 24);
    assert!(text.contains("10:15* + $0.10"), "{text}");
    assert!(text.contains("14:45  + $0.25"), "{text}");

    // The help says what the mark means.
    let mut help = app_at(NOW, Journal::default());
    update(&mut help, Action::ToggleHelp);
    update(&mut help, Action::ScrollHelp(200));
    let text = screen(&help, 120, 40);
    assert!(text.contains("20:00*") && text.contains("a time written in another UTC offset, on your clock"), "{text}");
}

#[test]
fn a_day_without_another_offset_draws_no_mark_column() {
    use support::journal::entry;
    let mut journal = Journal::default();
    journal.insert_entry(entry("E1", "2026-11-26", "08:15", EntryKind::Deposit, 10, "appreciation", Person::A, "home"));
    let text = screen(&app_at(NOW, journal), 80, 24);
    assert!(text.contains("08:15 + $0.10"), "{text}");
    assert!(!text.contains('*'), "{text}");
}

#[test]
fn an_outcome_marked_for_a_past_day_posts_its_entry_in_that_evening() {
    use trustbank::domain::outcome::new_commitment;
    use trustbank::domain::{Amount, Outcome, parse_schedule};
    let mut journal = Journal::default();
    let schedule = parse_schedule("every day").expect("schedule");
    journal.commitments.push(new_commitment(
        Id::from("C1"),
        "pick up Mia".into(),
        schedule,
        date("2026-11-01"),
        Amount(10),
        Amount(100),
    ));
    let mut app = app_at(NOW, journal);
    update(&mut app, Action::Mark(Outcome::Kept));
    update(&mut app, Action::PreviousDay);
    update(&mut app, Action::Mark(Outcome::Kept));
    let posted = |day: &str| app.journal.entries_on(date(day)).first().map(|e| e.at);
    assert_eq!(posted("2026-11-26"), Some(at(NOW)));
    assert_eq!(posted("2026-11-25"), Some(at("2026-11-25T21:00:00+01:00")));
}
