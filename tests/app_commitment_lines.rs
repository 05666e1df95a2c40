//! `update` keeps selections in range when commitments and repairs change
//! the lines on a tab.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{app, app_with, busy_journal, daily_commitment, form_key, key, now, press, run, type_text};
use trustbank::app::{Action, App, FormAction, Overlay, Tab, update};
use trustbank::domain::Id;

// ---------------------------------------------------------------------------
// Selections kept in range when commitments change
// ---------------------------------------------------------------------------

fn app_with_commitment() -> App {
    let mut journal = busy_journal();
    journal.commitments.push(daily_commitment());
    app_with(journal)
}

#[test]
fn undoing_a_new_commitment_keeps_the_commitments_selection_on_a_line() {
    let mut app = app_with_commitment();
    for c in ['2', 'n', 'a'] {
        press(&mut app, key(c));
    }
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.journal.commitments.len(), 2, "{:?}", app.message);
    press(&mut app, key('u'));
    assert_eq!(app.journal.commitments.len(), 1);
    assert!(
        app.commitment_selected < app.journal.commitments.len(),
        "commitment_selected is {} with {} commitment(s)",
        app.commitment_selected,
        app.journal.commitments.len()
    );
    assert!(app.selected_commitment().is_some());
}

#[test]
fn unmarking_from_the_commitments_tab_keeps_the_today_selection_on_a_line() {
    let mut app = app_with_commitment();
    // Today: the due commitment, then three entries.
    assert_eq!(app.today_rows(), 4);
    press(&mut app, key('2'));
    press(&mut app, key(' '));
    press(&mut app, key('1'));
    // Marking kept posted a fifth line; select it.
    assert_eq!(app.today_rows(), 5);
    for _ in 0..5 {
        press(&mut app, key('j'));
    }
    assert_eq!(app.selected, 4);
    // The same mark again clears it, and its entry goes.
    press(&mut app, key('2'));
    press(&mut app, key(' '));
    assert_eq!(app.today_rows(), 4);
    assert!(app.selected < app.today_rows(), "selected is {} of {} rows", app.selected, app.today_rows());
}

/// Opens a repair from the Repair tab with this title.
fn open_repair(app: &mut App, title: &str) {
    run(app, [Action::SelectTab(Tab::Repair), Action::NewRepair]);
    type_text(app, title);
    update(app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
}

#[test]
fn undoing_a_new_repair_keeps_the_repair_selection_on_a_line() {
    let mut app = app();
    open_repair(&mut app, "the hidden account");
    open_repair(&mut app, "the missed birthday");
    assert_eq!(app.journal.repairs.len(), 2);
    update(&mut app, Action::Undo);
    assert_eq!(app.journal.repairs.len(), 1);
    assert!(
        app.repair_selected < app.journal.repairs.len(),
        "repair_selected is {} with {} repair(s)",
        app.repair_selected,
        app.journal.repairs.len()
    );
    assert!(app.selected_repair().is_some());
}

#[test]
fn submit_selects_the_new_entry_below_the_due_commitments() {
    let mut app = app_with_commitment();
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.selected_entry().map(|e| e.at), Some(now()), "selected line {}", app.selected);
}

#[test]
fn deleting_the_last_line_below_a_due_commitment_selects_the_new_last_line() {
    let mut app = app_with_commitment();
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 3));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E2")));
}

#[test]
fn undo_keeps_the_selected_line_below_a_due_commitment() {
    let mut app = app_with_commitment();
    run(&mut app, [Action::WriteCheckIn, form_key(KeyCode::Char('3')), Action::Form(FormAction::Submit)]);
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 3));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
    update(&mut app, Action::Undo);
    assert!(app.journal.check_ins.is_empty());
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
}
