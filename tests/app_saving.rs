//! `update` for read-only mode, saving and quitting.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{app, entry_form, message, press, read_only_app, run};
use trustbank::app::keymap::Mode;
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, Tab, update};

// ---------------------------------------------------------------------------
// Read-only
// ---------------------------------------------------------------------------

#[test]
fn read_only_refuses_to_add_with_a_message() {
    let mut app = read_only_app();
    for action in [Action::AddDeposit, Action::AddWithdrawal] {
        update(&mut app, action);
        assert_eq!(app.overlay, Overlay::None);
        assert!(message(&app).contains("read-only"), "{:?}", app.message);
        assert!(message(&app).contains("another trustbank has it open"), "{:?}", app.message);
    }
}

#[test]
fn read_only_refuses_to_undo_or_redo_with_a_message() {
    let mut app = read_only_app();
    for action in [Action::Undo, Action::Redo] {
        update(&mut app, action);
        assert!(message(&app).contains("read-only"), "{:?}", app.message);
    }
    assert_eq!(app.revision, 0);
}

#[test]
fn read_only_refuses_edit_delete_and_check_in() {
    let mut app = read_only_app();
    let before = app.journal.clone();
    for action in [Action::EditSelected, Action::DeleteSelected, Action::WriteCheckIn] {
        update(&mut app, action.clone());
        assert_eq!(app.overlay, Overlay::None, "{action:?}");
        assert!(message(&app).contains("read-only"), "{action:?}");
    }
    assert_eq!(app.journal, before);
}

#[test]
fn read_only_still_browses() {
    let mut app = read_only_app();
    run(&mut app, [Action::PreviousDay, Action::GoToToday, Action::SelectNext, Action::NextTab, Action::ToggleHelp]);
    assert_eq!(app.selected, 1);
    assert_eq!(app.tab, Tab::Commitments);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

/// An app with `n` changes made (deposits added).
fn app_with_changes(n: usize) -> App {
    let mut app = app();
    for _ in 0..n {
        run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    }
    assert_eq!(app.revision, n as u64);
    app
}

#[test]
fn saved_for_the_newest_revision_means_saved() {
    let mut app = app_with_changes(1);
    assert_eq!(app.save, SaveState::Saving);
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saved);
    assert_eq!(app.saved, 1);
    assert!(!app.unsaved());
}

#[test]
fn saved_for_an_older_revision_is_still_saving() {
    let mut app = app_with_changes(2);
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saving);
    assert!(app.unsaved());
}

#[test]
fn a_late_saved_never_moves_saved_backwards() {
    let mut app = app_with_changes(2);
    update(&mut app, Action::Saved { revision: 2 });
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.saved, 2);
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn save_failed_shows_the_error_until_a_save_succeeds() {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    assert_eq!(app.save, SaveState::Failed("disk full".into()));
    assert!(app.unsaved());
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn a_change_after_a_failure_is_saving_again() {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn read_only_stays_read_only_whatever_the_writer_says() {
    let mut app = read_only_app();
    update(&mut app, Action::Saved { revision: 0 });
    assert!(matches!(app.save, SaveState::ReadOnly(_)));
    update(&mut app, Action::SaveFailed { revision: 0, error: "nope".into() });
    assert_eq!(app.save, SaveState::ReadOnly("another trustbank has it open".into()));
}

// ---------------------------------------------------------------------------
// Quitting
// ---------------------------------------------------------------------------

fn failing_app() -> App {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    app
}

#[test]
fn quit_when_saved_quits_at_once() {
    let mut app = app();
    update(&mut app, Action::Quit);
    assert!(!app.running);
}

#[test]
fn quit_while_saving_quits_at_once() {
    // The writer is still flushing; the event loop waits for it.
    let mut app = app_with_changes(1);
    update(&mut app, Action::Quit);
    assert!(!app.running);
}

#[test]
fn quit_with_a_failed_save_asks_first() {
    let mut app = failing_app();
    update(&mut app, Action::Quit);
    assert!(app.running);
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert_eq!(app.mode(), Mode::Confirm);
}

#[test]
fn no_to_quitting_keeps_running() {
    let mut app = failing_app();
    run(&mut app, [Action::Quit, Action::Close]);
    assert!(app.running);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn yes_to_quitting_quits() {
    let mut app = failing_app();
    run(&mut app, [Action::Quit, Action::Confirm]);
    assert!(!app.running);
}

#[test]
fn terminate_with_a_failed_save_quits_at_once() {
    let mut app = failing_app();
    update(&mut app, Action::Terminate);
    assert!(!app.running);
    assert_ne!(app.overlay, Overlay::ConfirmQuit);
}

#[test]
fn q_in_a_form_is_text_not_quit() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(app.running);
    assert_eq!(entry_form(&app).note.text(), "q");
}
