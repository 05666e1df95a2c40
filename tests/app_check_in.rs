//! `update` for the check-in form.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{app, app_with, at, check_in_form, date, form_key, message, now, press, run, today, type_text};
use trustbank::app::form::CheckInField;
use trustbank::app::keymap::Mode;
use trustbank::app::{Action, FormAction, Overlay, SaveState, update};
use trustbank::domain::{CheckIn, Id, Journal};

// ---------------------------------------------------------------------------
// Check-in
// ---------------------------------------------------------------------------

#[test]
fn write_check_in_opens_the_form_on_the_rating() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    let form = check_in_form(&app);
    assert_eq!(form.date, today());
    assert_eq!(form.rating, None);
    assert_eq!(form.focus, CheckInField::Rating);
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn a_digit_sets_the_rating_and_moves_to_the_reflection() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, form_key(KeyCode::Char('4')));
    let form = check_in_form(&app);
    assert_eq!(form.rating, Some(4));
    assert_eq!(form.focus, CheckInField::Reflection);
    assert_eq!(app.mode(), Mode::Note);
}

#[test]
fn digits_outside_one_to_five_are_not_ratings() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    for c in ['0', '6', '9', 'x'] {
        update(&mut app, form_key(KeyCode::Char(c)));
    }
    let form = check_in_form(&app);
    assert_eq!(form.rating, None);
    assert_eq!(form.focus, CheckInField::Rating);
}

#[test]
fn arrows_step_the_rating_within_one_to_five() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    run(&mut app, std::iter::repeat_n(form_key(KeyCode::Right), 9));
    assert_eq!(check_in_form(&app).rating, Some(5));
    run(&mut app, std::iter::repeat_n(form_key(KeyCode::Left), 9));
    assert_eq!(check_in_form(&app).rating, Some(1));
}

#[test]
fn a_multi_line_reflection_is_stored_on_submit() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, form_key(KeyCode::Char('4')));
    type_text(&mut app, "good talk");
    update(&mut app, form_key(KeyCode::Enter));
    type_text(&mut app, "tired but close");
    assert!(matches!(app.overlay, Overlay::CheckIn(_)), "Enter is a new line");
    update(&mut app, Action::Form(FormAction::Submit));

    assert_eq!(app.overlay, Overlay::None);
    let check_in = app.journal.check_in(today(), trustbank::domain::Person::A).expect("today's check-in");
    assert_eq!(check_in.rating, 4);
    assert_eq!(check_in.reflection, "good talk\ntired but close");
    assert_eq!(check_in.at, now());
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn enter_in_the_reflection_is_a_new_line_through_the_keymap() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE));
    assert_eq!(check_in_form(&app).reflection.text(), "a\nb");
    press(&mut app, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        app.journal.check_in(today(), trustbank::domain::Person::A).map(|c| c.reflection.as_str()),
        Some("a\nb")
    );
}

#[test]
fn a_pasted_reflection_keeps_its_lines() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::WriteCheckIn,
            form_key(KeyCode::Char('3')),
            Action::Form(FormAction::Paste("one\r\ntwo".into())),
            Action::Form(FormAction::Submit),
        ],
    );
    assert_eq!(
        app.journal.check_in(today(), trustbank::domain::Person::A).map(|c| c.reflection.as_str()),
        Some("one\ntwo")
    );
}

#[test]
fn a_check_in_without_a_rating_stays_open_with_its_text() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, Action::Form(FormAction::NextField));
    type_text(&mut app, "forgot the rating");
    update(&mut app, Action::Form(FormAction::Submit));
    let form = check_in_form(&app);
    assert_eq!(form.reflection.text(), "forgot the rating");
    assert!(message(&app).contains("rating"), "{:?}", app.message);
    assert!(app.journal.check_ins.is_empty());
    assert_eq!(app.revision, 0);
}

#[test]
fn rewriting_a_check_in_starts_from_the_one_there_and_keeps_its_id() {
    let mut journal = Journal::default();
    journal.set_check_in(CheckIn {
        id: Id::from("C1"),
        date: today(),
        at: at("2026-11-26T20:00:00+01:00"),
        rating: 2,
        reflection: "rough".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    let mut app = app_with(journal);
    update(&mut app, Action::WriteCheckIn);
    let form = check_in_form(&app);
    assert_eq!(form.rating, Some(2));
    assert_eq!(form.reflection.text(), "rough");
    assert_eq!(form.focus, CheckInField::Reflection);
    type_text(&mut app, ", then better");
    update(&mut app, Action::Form(FormAction::Submit));
    let check_in = app.journal.check_in(today(), trustbank::domain::Person::A).expect("still one check-in");
    assert_eq!(check_in.id, Id::from("C1"));
    assert_eq!(check_in.reflection, "rough, then better");
    assert_eq!(app.journal.check_ins.len(), 1);
}

#[test]
fn a_check_in_on_a_past_day_is_filed_under_that_day() {
    let mut app = app();
    run(
        &mut app,
        [Action::PreviousDay, Action::WriteCheckIn, form_key(KeyCode::Char('2')), Action::Form(FormAction::Submit)],
    );
    assert!(app.journal.check_in(date("2026-11-25"), trustbank::domain::Person::A).is_some());
    assert!(app.journal.check_in(today(), trustbank::domain::Person::A).is_none());
}
