//! Issue 14, point 7, in the forms: dates outside 1900–2200 are refused in
//! every date field, a text never takes a control character other than a
//! new line or a tab, and a text stops at 64 KiB, saying so.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::commitment_form::{CommitmentField, CommitmentForm};
use trustbank::app::form::{CheckInForm, EntryField, EntryForm};
use trustbank::app::repair_form::RepairForm;
use trustbank::app::text_field::TextField;
use trustbank::app::{Action, App, FormAction, Overlay, update};
use trustbank::domain::limits::MAX_TEXT_BYTES;
use trustbank::domain::{Journal, Settings, validate};
use trustbank::ui::{self, Theme};

const OUTSIDE: &str = "is outside the dates trustbank keeps (1900-01-01 to 2200-12-31)";
const FULL: &str = "this text is full: 64.0 KiB is the most a text holds";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-26")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn form_key(code: KeyCode) -> Action {
    Action::Form(FormAction::Key(key(code)))
}

fn paste(text: &str) -> Action {
    Action::Form(FormAction::Paste(text.into()))
}

fn entry_note(app: &App) -> String {
    match &app.overlay {
        Overlay::Entry(form) => form.note.text(),
        other => panic!("expected the entry form, found {other:?}"),
    }
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or("")
}

/// What the screen shows, as text: a form's error line is drawn there.
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|frame| ui::render(frame, app, &Theme::dark())).expect("draws");
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Types `day` into the entry form's date and presses Enter.
fn submit_entry_dated(day: &str) -> App {
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::AddDeposit);
    for _ in 0..EntryField::ALL.len() {
        if matches!(&app.overlay, Overlay::Entry(form) if form.focus == EntryField::Date) {
            break;
        }
        update(&mut app, Action::Form(FormAction::NextField));
    }
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    update(&mut app, Action::Form(FormAction::Key(ctrl_u)));
    for c in day.chars() {
        update(&mut app, form_key(KeyCode::Char(c)));
    }
    update(&mut app, Action::Form(FormAction::Submit));
    app
}

#[test]
fn the_entry_form_refuses_a_date_before_1900_or_after_2200() {
    for day in ["1899-12-31", "0001-01-01", "2201-01-01"] {
        let app = submit_entry_dated(day);
        assert!(matches!(app.overlay, Overlay::Entry(_)), "{day}: the form stays open");
        assert!(app.journal.entries.is_empty(), "{day}: nothing added");
        // The popup is narrower than the sentence: its start is on screen.
        let said = format!("✗ {day} is outside the dates trustbank keeps");
        assert!(screen(&app).contains(&said), "{day}: {}", screen(&app));
    }
    let app = submit_entry_dated("1900-01-01");
    assert!(matches!(app.overlay, Overlay::None), "the first day is kept: {}", screen(&app));
    assert_eq!(app.journal.entries[0].date, d("1900-01-01"));
}

#[test]
fn the_commitment_form_refuses_a_start_end_or_once_outside_the_bounds() {
    let settings = Settings::default();
    let mut form = CommitmentForm::new(today(), &settings);
    form.title.set("walk");
    form.start.set("0001-01-01");
    assert_eq!(form.check(CommitmentField::Start), Err(format!("0001-01-01 {OUTSIDE}")));
    assert!(form.build("C".into()).is_err());
    form.start.set("2026-11-01");
    form.end.set("2300-01-01");
    assert_eq!(form.check(CommitmentField::End), Err(format!("2300-01-01 {OUTSIDE}")));
    form.end.set("");
    form.schedule.set("once on 1850-06-01");
    assert_eq!(form.check(CommitmentField::Schedule), Err(format!("1850-06-01 {OUTSIDE}")));
    form.schedule.set("once on 2026-12-24");
    assert!(form.build("C".into()).is_ok());
}

#[test]
fn the_repair_form_refuses_an_injury_before_1900() {
    let mut form = RepairForm::new("the card", today(), None);
    form.date.set("1899-01-01");
    assert_eq!(form.date_error(today()), Some(format!("1899-01-01 {OUTSIDE}")));
    assert_eq!(form.build("R".into(), today()), None);
    form.date.set("1900-01-01");
    assert!(form.build("R".into(), today()).is_some());
}

#[test]
fn a_check_in_outside_the_bounds_is_not_built() {
    let mut form = CheckInForm::new(d("1899-12-31"), trustbank::domain::Person::A, None);
    form.key(key(KeyCode::Char('4')));
    assert_eq!(form.error(), Some(format!("1899-12-31 {OUTSIDE}")));
    assert_eq!(form.build(now()), None);
    let mut form = CheckInForm::new(d("1900-01-01"), trustbank::domain::Person::A, None);
    form.key(key(KeyCode::Char('4')));
    assert_eq!(form.error(), None);
    assert!(form.build(now()).is_some());
}

#[test]
fn a_paste_leaves_out_control_characters_and_says_so() {
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::AddDeposit);
    update(&mut app, paste("made \u{1b}[31mdinner\u{7}\u{8} \u{9b}together\u{7f}"));
    assert_eq!(entry_note(&app), "made [31mdinner together");
    assert_eq!(message(&app), "left out 5 control characters from the paste");
    // A clean paste says nothing.
    update(&mut app, paste("!"));
    assert_eq!(message(&app), "");
    assert_eq!(entry_note(&app), "made [31mdinner together!");
}

#[test]
fn a_typed_control_character_is_refused() {
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::AddDeposit);
    update(&mut app, form_key(KeyCode::Char('a')));
    update(&mut app, form_key(KeyCode::Char('\u{1b}')));
    update(&mut app, form_key(KeyCode::Char('\u{7}')));
    assert_eq!(entry_note(&app), "a");
    assert_eq!(message(&app), "BEL (U+0007) is a control character; a text keeps none");
}

#[test]
fn a_multi_line_text_keeps_new_lines_and_tabs_and_turns_returns_into_new_lines() {
    let mut field = TextField::multiline("");
    field.paste("one\ttab\r\ntwo\rthree\u{1b}\n");
    assert_eq!(field.text(), "one\ttab\ntwo\nthree\n");
    assert_eq!(field.refused.as_deref(), Some("left out 1 control character from the paste"));
}

#[test]
fn a_note_takes_64_kib_and_refuses_the_next_key_saying_so() {
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::AddDeposit);
    update(&mut app, paste(&"x".repeat(MAX_TEXT_BYTES - 1)));
    assert_eq!(message(&app), "");
    update(&mut app, form_key(KeyCode::Char('y')));
    assert_eq!(entry_note(&app).len(), MAX_TEXT_BYTES);
    assert_eq!(message(&app), "");
    update(&mut app, form_key(KeyCode::Char('z')));
    assert_eq!(entry_note(&app).len(), MAX_TEXT_BYTES, "the key past the limit is refused");
    assert_eq!(message(&app), FULL);
    // A character of several bytes that would cross the limit is refused too.
    update(&mut app, form_key(KeyCode::Backspace));
    update(&mut app, form_key(KeyCode::Char('é')));
    assert_eq!(entry_note(&app).len(), MAX_TEXT_BYTES - 1);
    assert_eq!(message(&app), FULL);
    update(&mut app, form_key(KeyCode::Char('y')));
    // The largest note saves into a journal that loads again.
    update(&mut app, Action::Form(FormAction::Submit));
    assert!(matches!(app.overlay, Overlay::None), "saved: {}", message(&app));
    assert_eq!(app.journal.entries[0].note.len(), MAX_TEXT_BYTES);
    assert!(validate::problems(&app.journal).is_empty());
}

#[test]
fn a_paste_past_64_kib_is_refused_whole_with_its_size() {
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::AddDeposit);
    update(&mut app, form_key(KeyCode::Char('a')));
    update(&mut app, paste(&"x".repeat(70_000)));
    assert_eq!(entry_note(&app), "a");
    assert_eq!(message(&app), "the paste of 68.4 KiB would make this text longer than 64.0 KiB; nothing was pasted");
}

#[test]
fn a_full_text_selected_on_focus_can_be_replaced_by_a_paste() {
    // Tab back onto a full note selects it; a paste replaces the selection,
    // so it is measured against what remains.
    let settings = Settings::default();
    let mut form = EntryForm::new(false, today(), &settings, trustbank::domain::Person::A);
    form.note.set(&"x".repeat(MAX_TEXT_BYTES));
    form.move_focus(1);
    form.move_focus(-1);
    assert_eq!(form.focus, EntryField::Note);
    form.paste(&"y".repeat(1000));
    assert_eq!(form.note.text(), "y".repeat(1000));
    assert_eq!(form.note.refused, None);
}

#[test]
fn every_form_says_when_its_text_is_full() {
    // The commitment's note, a check-in's reflection: the same field, the
    // same footer line.
    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, form_key(KeyCode::Char('3')));
    update(&mut app, paste(&"r\n".repeat(MAX_TEXT_BYTES / 2)));
    update(&mut app, form_key(KeyCode::Enter));
    assert_eq!(message(&app), FULL);
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.check_ins.len(), 1);
    assert_eq!(app.journal.check_ins[0].reflection.len(), MAX_TEXT_BYTES - 1, "trimmed of its last new line");

    let mut app = App::new(Journal::default(), now(), None);
    update(&mut app, Action::NewCommitment);
    update(&mut app, paste(&"t".repeat(MAX_TEXT_BYTES)));
    update(&mut app, form_key(KeyCode::Char('!')));
    assert_eq!(message(&app), FULL);
}
