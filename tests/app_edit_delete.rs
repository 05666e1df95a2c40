//! `update` for changing what is there: editing and deleting entries.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{
    app, app_with, assert_balances_fresh, busy_journal, clear_field, date, entry, entry_form, focus_entry_field,
    journal_with, message, press, run, type_text,
};
use trustbank::app::form::EntryField;
use trustbank::app::keymap::Mode;
use trustbank::app::{Action, FormAction, Overlay, SaveState, update};
use trustbank::domain::{Amount, EntryKind, Id};

// ---------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------

#[test]
fn edit_selected_opens_the_form_filled_from_the_entry() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::EditSelected]);
    let form = entry_form(&app);
    assert_eq!(form.editing.as_ref().map(|e| e.id.clone()), Some(Id::from("E2")));
    assert!(form.withdrawal);
    assert_eq!(form.amount.text(), "$1.00");
    assert_eq!(form.note.text(), "late again");
    assert_eq!(form.date.text(), "2026-11-26");
}

#[test]
fn editing_the_amount_replaces_the_entry_and_keeps_its_id() {
    let mut app = app_with(busy_journal());
    let before = app.journal.entry(&Id::from("E1")).cloned().expect("E1");
    update(&mut app, Action::EditSelected);
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 3);
    type_text(&mut app, "20c");
    update(&mut app, Action::Form(FormAction::Submit));

    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entries.len(), 4);
    let after = app.journal.entry(&Id::from("E1")).expect("E1 is still there");
    assert_eq!(after.amount, Amount(20));
    assert_eq!(after.at, before.at, "an edit keeps the moment written");
    assert_eq!(after.note, before.note);
    assert_eq!(app.balances.current().0, 500 + 20 - 100 + 25);
    assert_balances_fresh(&app);
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn editing_the_date_moves_the_entry_to_that_day() {
    let mut app = app_with(busy_journal());
    update(&mut app, Action::EditSelected);
    focus_entry_field(&mut app, EntryField::Date);
    clear_field(&mut app, 10);
    type_text(&mut app, "2026-11-24");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.day, date("2026-11-24"));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E1")));
    assert_eq!(app.journal.entries[0].id, Id::from("E1"), "ledger order");
    assert_balances_fresh(&app);
}

#[test]
fn edit_with_nothing_selected_says_so() {
    let mut app = app();
    update(&mut app, Action::EditSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert!(message(&app).contains("edit"), "{:?}", app.message);
}

#[test]
fn a_commitment_entry_cannot_be_edited_here() {
    let mut e = entry("K1", "2026-11-26", "09:00", EntryKind::Deposit, 10, "");
    e.commitment = Some(Id::from("C1"));
    let mut app = app_with(journal_with(vec![e]));
    update(&mut app, Action::EditSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert!(message(&app).contains("commitment"), "{:?}", app.message);
}

#[test]
fn editing_a_wipe_shows_wipe_as_the_amount() {
    let wipe = entry("W1", "2026-11-26", "09:00", EntryKind::Wipe, 0, "");
    let mut app = app_with(journal_with(vec![wipe]));
    update(&mut app, Action::EditSelected);
    assert_eq!(entry_form(&app).amount.text(), "wipe");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].kind, EntryKind::Wipe);
}

// ---------------------------------------------------------------------------
// Deleting
// ---------------------------------------------------------------------------

#[test]
fn delete_selected_asks_first() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::DeleteSelected]);
    assert_eq!(app.overlay, Overlay::ConfirmDelete(Id::from("E2")));
    assert_eq!(app.mode(), Mode::Confirm);
    assert_eq!(app.journal.entries.len(), 4);
}

#[test]
fn close_on_the_question_keeps_the_entry() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    run(&mut app, [Action::DeleteSelected, Action::Close]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal, before);
    assert_eq!(app.revision, 0);
}

#[test]
fn confirm_on_the_question_removes_the_entry() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entry(&Id::from("E2")), None);
    assert_eq!(app.journal.entries.len(), 3);
    assert_eq!(app.balances.current().0, 500 + 10 + 25);
    assert_balances_fresh(&app);
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn deleting_the_last_line_moves_the_selection_up() {
    let mut app = app_with(busy_journal());
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 2));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.selected, 1);
    assert!(app.selected_entry().is_some());
}

#[test]
fn y_and_n_answer_the_question_through_the_keymap() {
    let mut app = app_with(busy_journal());
    press(&mut app, KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    assert_eq!(app.journal.entries.len(), 4);
    press(&mut app, KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    assert_eq!(app.journal.entries.len(), 3);
}

#[test]
fn delete_on_an_empty_day_asks_nothing() {
    let mut app = app();
    update(&mut app, Action::DeleteSelected);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn confirm_with_nothing_asked_does_nothing() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    update(&mut app, Action::Confirm);
    assert_eq!(app.journal, before);
    update(&mut app, Action::ToggleHelp);
    update(&mut app, Action::Confirm);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}
