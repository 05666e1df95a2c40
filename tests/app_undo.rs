//! `update` for undo and redo.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::KeyCode;
mod support;

use support::app::{
    app, app_with, assert_balances_fresh, busy_journal, clear_field, entry, focus_entry_field, form_key, journal_with,
    message, run, type_text,
};
use support::journal::content;
use trustbank::app::form::EntryField;
use trustbank::app::{Action, App, FormAction, SaveState, update};
use trustbank::domain::{EntryKind, Journal};

// ---------------------------------------------------------------------------
// Undo and redo
// ---------------------------------------------------------------------------

/// Adds, edits, deletes and checks in, returning the journal before each
/// change and after the last.
fn four_changes(app: &mut App) -> Vec<Journal> {
    let mut states = vec![app.journal.clone()];
    // Add a deposit.
    update(app, Action::AddDeposit);
    type_text(app, "new");
    update(app, Action::Form(FormAction::Submit));
    states.push(app.journal.clone());
    // Edit it (it is selected).
    update(app, Action::EditSelected);
    focus_entry_field(app, EntryField::Amount);
    clear_field(app, 3);
    type_text(app, "25c");
    update(app, Action::Form(FormAction::Submit));
    states.push(app.journal.clone());
    // Delete the first entry of the day.
    run(app, [Action::SelectPrevious, Action::SelectPrevious, Action::SelectPrevious]);
    run(app, [Action::DeleteSelected, Action::Confirm]);
    states.push(app.journal.clone());
    // Check in.
    run(app, [Action::WriteCheckIn, form_key(KeyCode::Char('5')), Action::Form(FormAction::Submit)]);
    states.push(app.journal.clone());
    states
}

#[test]
fn the_four_changes_each_change_the_journal() {
    let mut app = app_with(busy_journal());
    let states = four_changes(&mut app);
    assert_eq!(states.len(), 5);
    for pair in states.windows(2) {
        assert_ne!(pair[0], pair[1]);
    }
    assert_eq!(app.revision, 4);
}

#[test]
fn undo_gives_back_each_previous_journal_exactly() {
    let mut app = app_with(busy_journal());
    let mut states = four_changes(&mut app);
    states.pop();
    while let Some(previous) = states.pop() {
        update(&mut app, Action::Undo);
        assert_eq!(content(&app.journal), content(&previous));
        assert_balances_fresh(&app);
        assert!(message(&app).starts_with("undid: "), "{:?}", app.message);
    }
    update(&mut app, Action::Undo);
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn redo_gives_back_each_undone_journal_exactly() {
    let mut app = app_with(busy_journal());
    let states = four_changes(&mut app);
    run(&mut app, std::iter::repeat_n(Action::Undo, 4));
    assert_eq!(content(&app.journal), content(&states[0]));
    for next in &states[1..] {
        update(&mut app, Action::Redo);
        assert_eq!(content(&app.journal), content(next));
        assert_balances_fresh(&app);
        assert!(message(&app).starts_with("redid: "), "{:?}", app.message);
    }
    update(&mut app, Action::Redo);
    assert_eq!(message(&app), "nothing to redo");
}

#[test]
fn undo_and_redo_count_as_changes_to_save() {
    let mut app = app_with(busy_journal());
    four_changes(&mut app);
    update(&mut app, Action::Saved { revision: 4 });
    assert_eq!(app.save, SaveState::Saved);
    update(&mut app, Action::Undo);
    assert_eq!(app.revision, 5);
    assert_eq!(app.save, SaveState::Saving);
    update(&mut app, Action::Redo);
    assert_eq!(app.revision, 6);
}

#[test]
fn undo_names_what_it_undid() {
    let mut app = app();
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit), Action::Undo]);
    assert_eq!(message(&app), "undid: add a deposit of $0.10");
}

#[test]
fn a_new_change_ends_the_redo_trail() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::AddDeposit,
            Action::Form(FormAction::Submit),
            Action::Undo,
            Action::AddWithdrawal,
            Action::Form(FormAction::Submit),
            Action::Redo,
        ],
    );
    assert_eq!(message(&app), "nothing to redo");
    assert_eq!(app.journal.entries.len(), 1);
    assert_eq!(app.journal.entries[0].kind, EntryKind::Withdrawal);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    update(&mut app, Action::Undo);
    assert_eq!(message(&app), "nothing to undo");
    assert_eq!(app.journal, before);
    assert_eq!(app.revision, 0);
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn undoing_a_delete_keeps_the_selection_on_the_day() {
    let mut app = app_with(busy_journal());
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 2));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    update(&mut app, Action::Undo);
    assert_eq!(app.day_entries().len(), 3);
    assert!(app.selected < 3);
}

#[test]
fn undo_after_deleting_an_only_entry_and_redo_leave_a_valid_selection() {
    let mut app = app_with(journal_with(vec![entry("E1", "2026-11-26", "09:00", EntryKind::Deposit, 10, "")]));
    run(&mut app, [Action::DeleteSelected, Action::Confirm, Action::Undo, Action::Redo]);
    assert!(app.journal.entries.is_empty());
    assert_eq!(app.selected, 0);
}
