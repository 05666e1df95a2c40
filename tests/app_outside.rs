//! `update` when the journal file changed outside: the writer sends the
//! journal it read (with the changes it had saved for brought onto it), and
//! the app puts the changes it made since on top, as the writer will.

use chrono::{DateTime, FixedOffset};
use trustbank::app::{Action, App, SaveState, update};
use trustbank::domain::replay::{CameIn, Difference};
use trustbank::domain::{Balances, Change, Entry, EntryKind, Journal};

mod support;

const NOW: &str = "2026-11-26T21:00:00+01:00";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

fn entry(id: &str, time: &str, kind: EntryKind, cents: u64, note: &str) -> Entry {
    support::app::entry(id, "2026-11-26", time, kind, cents, note)
}

fn journal_with(entries: &[Entry]) -> Journal {
    let mut journal = Journal::default();
    for e in entries {
        journal.insert_entry(e.clone());
    }
    journal
}

/// Makes `change` through `update`, as a person would (a deletion: select
/// the entry, `x`, `y`).
fn change(app: &mut App, change: Change) {
    match change {
        Change::RemoveEntry(id) => {
            let i = app.day_entries().iter().position(|e| e.id == id).expect("on the day");
            app.selected = app.due_commitments().len() + i;
            update(app, Action::DeleteSelected);
            update(app, Action::Confirm);
        }
        other => panic!("not used here: {other:?}"),
    }
}

fn came_in(before: &Journal, after: &Journal) -> CameIn {
    CameIn { difference: Difference::between(before, after), ..CameIn::default() }
}

#[test]
fn changes_made_after_the_writers_revision_go_on_top_of_what_came_in() {
    let a = entry("A", "08:00", EntryKind::Deposit, 10, "coffee");
    let b = entry("B", "09:00", EntryKind::Deposit, 25, "a walk");
    let c = entry("C", "10:00", EntryKind::Deposit, 5, "a note");
    let mut app = App::new(journal_with(&[a.clone(), b.clone(), c.clone()]), at(NOW), None);
    // Two changes: the writer has saved the first (revision 1) when it finds
    // the file changed; the second is still on its way to it.
    change(&mut app, Change::RemoveEntry(a.id.clone()));
    change(&mut app, Change::RemoveEntry(b.id.clone()));
    assert_eq!(app.revision, 2);
    app.selected = 0; // on C, the only entry left

    // Outside, someone added a withdrawal; the writer brought revision 1
    // (A removed) onto it.
    let w = entry("W", "11:00", EntryKind::Withdrawal, 100, "from the other window");
    let mut theirs = journal_with(&[b.clone(), c.clone(), w.clone()]);
    let writer_view = journal_with(&[b.clone(), c.clone()]);
    update(
        &mut app,
        Action::CameIn {
            revision: 1,
            journal: Box::new(theirs.clone()),
            came_in: Box::new(came_in(&writer_view, &theirs)),
        },
    );

    // Revision 2 (B removed, with its tombstone) went on top: the app holds
    // what the writer will hold once it applies revision 2 too.
    let (_, second) = app.in_flight.back().cloned().expect("revision 2 is in flight");
    second.apply(&mut theirs).expect("applies");
    assert!(theirs.removed.iter().any(|r| r.id == b.id), "B leaves a tombstone");
    assert_eq!(app.journal, theirs);
    let notes: Vec<&str> = app.day_entries().iter().map(|e| e.note.as_str()).collect();
    assert_eq!(notes, ["a note", "from the other window"]);
    // Everything drawn from the ledger follows.
    assert_eq!(app.balances.current(), Balances::compute(&theirs.entries).current());
    assert_eq!(app.balances.current().to_string(), "-$0.95");
    // The selection stays on the entry it was on.
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(c.id.clone()));
    assert_eq!(app.message.as_deref(), Some("the journal file changed outside: 1 entry added"));
}

#[test]
fn a_removal_of_an_entry_removed_outside_too_is_done_and_keeps_its_tombstone() {
    let a = entry("A", "08:00", EntryKind::Deposit, 10, "coffee");
    let b = entry("B", "09:00", EntryKind::Deposit, 25, "a walk");
    let mut app = App::new(journal_with(&[a.clone(), b.clone()]), at(NOW), None);
    change(&mut app, Change::RemoveEntry(a.id.clone()));
    // Outside, A was removed too (or a sync tool put a file without it in
    // place): this session's removal, not yet with the writer, is done
    // already, as the writer finds it.
    let theirs = journal_with(std::slice::from_ref(&b));
    let before = journal_with(&[a.clone(), b]);
    update(
        &mut app,
        Action::CameIn { revision: 0, journal: Box::new(theirs.clone()), came_in: Box::new(came_in(&before, &theirs)) },
    );
    assert_eq!(app.journal.entries, theirs.entries);
    assert!(app.journal.removed.iter().any(|r| r.id == a.id), "the tombstone stays, so no copy brings A back");
    assert_eq!(app.message.as_deref(), Some("the journal file changed outside: 1 entry removed"));
}

#[test]
fn a_save_reported_done_forgets_the_changes_it_holds() {
    let a = entry("A", "08:00", EntryKind::Deposit, 10, "coffee");
    let b = entry("B", "09:00", EntryKind::Deposit, 25, "a walk");
    let mut app = App::new(journal_with(&[a.clone(), b.clone()]), at(NOW), None);
    change(&mut app, Change::RemoveEntry(a.id.clone()));
    change(&mut app, Change::RemoveEntry(b.id.clone()));
    assert_eq!(app.in_flight.len(), 2);
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.in_flight.iter().map(|(r, _)| *r).collect::<Vec<_>>(), [2]);
    update(&mut app, Action::Saved { revision: 2 });
    assert!(app.in_flight.is_empty());
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn a_file_broken_outside_turns_the_app_read_only_and_back() {
    let a = entry("A", "08:00", EntryKind::Deposit, 10, "coffee");
    let mut app = App::new(journal_with(&[a]), at(NOW), None);
    let reason = "this window's journal is kept in journal.unsaved-20261126-210000.ron; it does not parse".to_string();
    update(&mut app, Action::TurnedReadOnly(reason.clone()));
    assert_eq!(app.save, SaveState::ReadOnly(reason.clone()));
    assert_eq!(app.message, Some(format!("read-only: {reason}")));
    update(&mut app, Action::AddDeposit);
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("read-only")), "{:?}", app.message);
    update(&mut app, Action::Writable);
    assert_eq!(app.save, SaveState::Saved);
    update(&mut app, Action::AddDeposit);
    assert_eq!(app.mode(), trustbank::app::keymap::Mode::Form);
}
