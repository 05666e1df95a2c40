//! Any bytes as the journal file, through the path the app reads it by
//! (`storage::load` without the disk): parse, validate, normalize, then
//! open the app on it and draw every tab. Nothing may panic; a journal that
//! parses must come back equal through a save and a load.
//!
//! Then a fixed script of everyday actions (mark, add, check in, edit,
//! delete, new commitment and repair, move through days and weeks) runs on
//! the loaded journal: the app must stay consistent, what it would save
//! must load again, and undo must give back the file's journal. This is
//! what finds values the loader accepts but the app cannot live with.

#![no_main]

use std::path::Path;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use trustbank::app::{Action, App, FormAction, Tab, update};
use trustbank::domain::stamp::unstamped;
use trustbank::domain::{Outcome, validate};
use trustbank::storage::format::from_ron;
use trustbank_fuzz::{
    assert_caches_fresh, assert_round_trip, assert_sound, draw, draw_every_tab, now, size_from, undo_everything,
};

/// A few minutes of use, on every kind of thing a journal holds.
fn script() -> Vec<Action> {
    let key = |c| Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    let submit = Action::Form(FormAction::Submit);
    let mut actions = vec![
        // Today: a preset deposit, the default withdrawal, a check-in.
        Action::AddDeposit,
        Action::Form(FormAction::Preset(0)),
        submit.clone(),
        Action::AddWithdrawal,
        submit.clone(),
        Action::WriteCheckIn,
        key('3'),
        submit.clone(),
        Action::EditSelected,
        Action::Form(FormAction::Paste("!".into())),
        submit.clone(),
        Action::SelectNext,
        Action::DeleteSelected,
        Action::Confirm,
    ];
    // Every commitment of the day, today and the days before: each mark.
    for tab in [Tab::Today, Tab::Commitments] {
        actions.push(Action::SelectTab(tab));
        for _ in 0..3 {
            for outcome in [Outcome::Kept, Outcome::Missed, Outcome::Excused, Outcome::Excused] {
                actions.push(Action::Mark(outcome));
            }
            actions.extend([Action::SelectNext, Action::Mark(Outcome::Kept), Action::PreviousDay]);
        }
        actions.push(Action::GoToToday);
    }
    actions.extend([
        Action::EditSelected,
        submit.clone(),
        Action::ToggleArchive,
        Action::NewCommitment,
        key('x'),
        submit.clone(),
        Action::Mark(Outcome::Kept),
        // The chart over every range, weeks back and forth.
        Action::SelectTab(Tab::Balance),
        Action::PreviousDay,
        Action::PreviousDay,
        Action::NextDay,
    ]);
    actions.extend(std::iter::repeat_n(Action::WiderRange, 5));
    actions.extend(std::iter::repeat_n(Action::NarrowerRange, 5));
    actions.extend([
        // A repair, an agreement, a closed repair.
        Action::SelectTab(Tab::Repair),
        Action::NewRepair,
        key('r'),
        submit.clone(),
        Action::EditSelected,
        key('s'),
        submit.clone(),
        Action::AddAgreement,
        key('a'),
        submit.clone(),
        Action::ToggleClosed,
        Action::ToggleClosed,
        Action::OpenSettings,
        submit,
        Action::SelectTab(Tab::Today),
        Action::Tick(now() + Duration::days(1)),
        Action::Mark(Outcome::Kept),
        Action::Undo,
        Action::Redo,
    ]);
    // The new day's only entry is the one that mark posted: the last line.
    // Deleting it takes the mark with it, undone and redone as one.
    actions.extend(std::iter::repeat_n(Action::SelectNext, 8));
    actions.extend([Action::DeleteSelected, Action::Confirm, Action::Undo, Action::Redo, Action::Undo]);
    actions
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(parsed) = from_ron(bytes, Path::new("fuzz.ron"), None) else {
        // A bad file is an error naming the file; that it is not a panic
        // is the check.
        return;
    };
    assert_round_trip(&parsed.journal);

    // As `storage::store::parse`: a journal with problems is refused.
    if !validate::problems(&parsed.journal).is_empty() {
        return;
    }
    let mut journal = parsed.journal;
    journal.normalize();
    assert!(validate::problems(&journal).is_empty(), "normalizing made a sound journal unsound");
    assert_round_trip(&journal);

    // As `tui::run`: a newer format opens read-only.
    let read_only = parsed.newer_version.map(|v| format!("written by a newer trustbank (format {v})"));
    let mut app = App::new(journal, now(), read_only);
    assert_caches_fresh(&app);
    draw_every_tab(&mut app, 80, 24);
    let last = bytes.last().copied().unwrap_or(0);
    let (width, height) = size_from(last, bytes.len() as u8);
    draw_every_tab(&mut app, width, height);

    if app.read_only().is_some() {
        return;
    }
    let start = app.journal.clone();
    for action in script() {
        update(&mut app, action.clone());
        assert_caches_fresh(&app);
        // Any step may be saved: each must leave a file that loads.
        assert_sound(&app.journal);
        if !app.running {
            break;
        }
    }
    draw(&app, width, height);
    draw_every_tab(&mut app, 80, 24);
    assert_sound(&app.journal);
    assert_round_trip(&app.journal);
    undo_everything(&mut app);
    // Undo writes what was there anew (stamped now, deletions tombstoned, so
    // that a synced copy does not bring the undone change back).
    assert_eq!(unstamped(&app.journal), unstamped(&start), "undoing the script did not give back the loaded journal");
});
