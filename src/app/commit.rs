//! Applying a change: stamped, checked, recorded for undo, queued for the
//! writer; and undo and redo, which are changes too.

use super::history::Step;
use super::integrity;
use super::state::{App, SaveState};
use super::update::writable;
use crate::domain::change::Applied;
use crate::domain::chart;
use crate::domain::stamp::stamp;
use crate::domain::versioning::with_history;
use crate::domain::{Change, Stamp};

/// Applies a change, keeping the versions it replaces in the journal's
/// history (see [`with_history`]), records its inverse, refreshes the
/// balances and asks for a save.
pub(super) fn commit(app: &mut App, change: Change, label: String) -> bool {
    let change = with_history(change, &app.journal, now(app));
    match apply_checked(app, change) {
        Ok((change, applied)) => {
            if let Some(index) = applied.first_entry {
                ledger_moved(app, index);
            }
            app.history.record(applied.inverse, label);
            changed(app, change);
            true
        }
        Err(e) => {
            app.message = Some(e);
            false
        }
    }
}

/// Stamps a change as made now by the person at the keyboard (see
/// [`stamp`]) and applies it, only if the journal still passes the
/// loader's checks after it (a journal that fails them would not open
/// again); otherwise puts the journal back as it was and says why. Returns
/// the change as stamped, which is what the file gets.
fn apply_checked(app: &mut App, change: Change) -> Result<(Change, Applied), String> {
    let change = stamp(change, &app.journal, now(app));
    let journal = &mut app.journal;
    let applied = change.clone().apply(journal).map_err(|e| e.to_string())?;
    match integrity::problem_after(journal, &change) {
        None => Ok((change, applied)),
        Some(problem) => {
            // The inverse of a change just applied always applies.
            let _ = applied.inverse.apply(journal);
            Err(format!("not done, as the journal could not be opened again: {problem}"))
        }
    }
}

/// Now, by the person at the keyboard.
fn now(app: &App) -> Stamp {
    Stamp::new(app.now.timestamp_millis().max(0) as u64, app.me)
}

/// Brings the caches in step after the ledger changed from `index` on.
fn ledger_moved(app: &mut App, index: usize) {
    app.balances.recompute_from(&app.journal.entries, index);
    chart::daily_from(&mut app.daily, &app.journal.entries, &app.balances, index);
}

/// After `change` was applied: queue it for the writer, count it.
fn changed(app: &mut App, change: Change) {
    app.derived.figures.forget(&change);
    app.revision += 1;
    app.in_flight.push_back((app.revision, change.clone()));
    app.outbox.push(change);
    app.save = SaveState::Saving;
    clamp_selections(app);
}

/// Keeps every selection on a line that exists after a change (a change on
/// one tab can shorten another tab's list).
pub(super) fn clamp_selections(app: &mut App) {
    app.selected = app.selected.min(app.today_rows().saturating_sub(1));
    app.commitment_selected = app.commitment_selected.min(app.journal.commitments.len().saturating_sub(1));
    app.repair_selected = app.repair_selected.min(app.journal.repairs.len().saturating_sub(1));
}

pub(super) fn undo(app: &mut App) {
    if !writable(app) {
        return;
    }
    let Some(step) = app.history.take_undo() else {
        app.message = Some("nothing to undo".into());
        return;
    };
    redo_or_undo(app, step, true);
}

pub(super) fn redo(app: &mut App) {
    if !writable(app) {
        return;
    }
    let Some(step) = app.history.take_redo() else {
        app.message = Some("nothing to redo".into());
        return;
    };
    redo_or_undo(app, step, false);
}

fn redo_or_undo(app: &mut App, step: Step, undoing: bool) {
    match apply_checked(app, step.change.clone()) {
        Ok((change, applied)) => {
            if let Some(index) = applied.first_entry {
                ledger_moved(app, index);
            }
            let back = Step { change: applied.inverse, label: step.label.clone() };
            if undoing {
                app.history.push_redo(back);
                app.message = Some(format!("undid: {}", step.label));
            } else {
                app.history.push_undo(back);
                app.message = Some(format!("redid: {}", step.label));
            }
            changed(app, change);
        }
        Err(e) => {
            app.message = Some(e);
            // Kept where it was, so the steps around it stay in order.
            if undoing {
                app.history.push_undo(step);
            } else {
                app.history.push_redo(step);
            }
        }
    }
}
