//! App builders and drivers for the tests of `update`, action by action.
//!
//! Time is always passed in: "now" is Thursday 26 November 2026, 21:00 at
//! +01:00, so every test is deterministic.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::form::{CheckInForm, EntryField, EntryForm};
use trustbank::app::keymap::action_for;
use trustbank::app::{Action, App, FormAction, Overlay, update};
use trustbank::domain::{Amount, Balances, Commitment, Entry, EntryKind, Id, Journal, Person, Schedule, fold_balance};

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

pub const NOW: &str = "2026-11-26T21:00:00+01:00";

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

pub fn now() -> DateTime<FixedOffset> {
    at(NOW)
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid YYYY-MM-DD date")
}

pub fn today() -> NaiveDate {
    date("2026-11-26")
}

/// An entry with a fixed id, on `day` at `time` (+01:00).
pub fn entry(id: &str, day: &str, time: &str, kind: EntryKind, cents: u64, note: &str) -> Entry {
    Entry {
        id: Id::from(id),
        date: date(day),
        at: at(&format!("{day}T{time}:00+01:00")),
        kind,
        amount: Amount(cents),
        category: "positive interaction".into(),
        who: Person::A,
        note: note.into(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    }
}

pub fn journal_with(entries: Vec<Entry>) -> Journal {
    let mut journal = Journal::default();
    for e in entries {
        journal.insert_entry(e);
    }
    journal
}

/// Three entries today (a deposit, a withdrawal, a deposit) and one
/// yesterday.
pub fn busy_journal() -> Journal {
    journal_with(vec![
        entry("E0", "2026-11-25", "20:00", EntryKind::Deposit, 500, "yesterday"),
        entry("E1", "2026-11-26", "08:00", EntryKind::Deposit, 10, "coffee in bed"),
        entry("E2", "2026-11-26", "12:00", EntryKind::Withdrawal, 100, "late again"),
        entry("E3", "2026-11-26", "19:00", EntryKind::Deposit, 25, "asked about her day"),
    ])
}

pub fn app() -> App {
    App::new(Journal::default(), now(), None)
}

pub fn app_with(journal: Journal) -> App {
    App::new(journal, now(), None)
}

pub fn read_only_app() -> App {
    App::new(busy_journal(), now(), Some("another trustbank has it open".into()))
}

pub fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

pub fn form_key(code: KeyCode) -> Action {
    Action::Form(FormAction::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types `text` into the focused form field, one key per character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, form_key(KeyCode::Char(c)));
    }
}

/// Empties the focused one-line field (the cursor sits at its end).
pub fn clear_field(app: &mut App, len: usize) {
    for _ in 0..len {
        update(app, form_key(KeyCode::Backspace));
    }
}

/// Moves the entry form's focus to `field` with Tab.
pub fn focus_entry_field(app: &mut App, field: EntryField) {
    for _ in 0..EntryField::ALL.len() {
        if entry_form(app).focus == field {
            return;
        }
        update(app, Action::Form(FormAction::NextField));
    }
    panic!("could not reach {field:?}");
}

/// Presses a key the way the event loop does: through the keymap.
pub fn press(app: &mut App, event: KeyEvent) {
    if let Some(action) = action_for(app.mode(), app.tab, &event) {
        update(app, action);
    }
}

pub fn entry_form(app: &App) -> &EntryForm {
    match &app.overlay {
        Overlay::Entry(form) => form,
        other => panic!("expected the entry form, found {other:?}"),
    }
}

pub fn check_in_form(app: &App) -> &CheckInForm {
    match &app.overlay {
        Overlay::CheckIn(form) => form,
        other => panic!("expected the check-in form, found {other:?}"),
    }
}

/// The cached balances agree with a fold from scratch, everywhere.
pub fn assert_balances_fresh(app: &App) {
    assert_eq!(app.balances.current(), fold_balance(&app.journal.entries));
    assert_eq!(app.balances, Balances::compute(&app.journal.entries));
}

pub fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or("")
}

/// Terminals send Shift-Tab as `BackTab` with the Shift modifier (crossterm
/// parses `CSI Z` that way, and Windows too).
pub fn shift_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// "walk together", due every day since 1 November.
pub fn daily_commitment() -> Commitment {
    Commitment {
        id: Id::from("K0"),
        title: "walk together".into(),
        note: String::new(),
        schedule: Schedule::Daily,
        kept: Amount(10),
        missed: Amount(100),
        start: date("2026-11-01"),
        end: None,
        archived: false,
        archived_on: None,
        pauses: Vec::new(),
        earlier_schedules: Vec::new(),
        agreement: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    }
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}
