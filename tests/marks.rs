//! Marking commitments on Today and Commitments (issue 19, item 7): the
//! selection stays on the commitment just marked, so the same key again
//! clears that one; with an entry selected on Today, `space` marks the
//! first commitment due that has no mark yet.

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::{Action, App, Tab, keymap, update};
use trustbank::domain::outcome::{new_commitment, outcome_on};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, Outcome, Person, Schedule};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

/// Two daily commitments and one entry today.
fn app() -> App {
    let mut j = Journal::default();
    for (id, title) in [("K1", "walk together"), ("K2", "say one thing I appreciate")] {
        let day = "2026-11-01".parse().expect("day");
        j.commitments.push(new_commitment(Id::from(id), title.into(), Schedule::Daily, day, Amount(10), Amount(100)));
    }
    j.insert_entry(Entry {
        id: Id::from("E1"),
        date: now().date_naive(),
        at: now(),
        kind: EntryKind::Deposit,
        amount: Amount(10),
        category: "positive interaction".into(),
        who: Person::A,
        note: "coffee in bed".into(),
        commitment: None,
        by: Person::A,
        updated: 0,
    });
    App::new(j, now(), None)
}

fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = keymap::action_for(app.mode(), app.tab, &event).expect("bound");
    update(app, action);
}

fn mark_of(app: &App, id: &str) -> Option<Outcome> {
    outcome_on(&app.journal, &Id::from(id), app.day).map(|o| o.outcome)
}

#[test]
fn space_keeps_the_selection_on_the_commitment_it_marked_so_space_again_clears_it() {
    let mut app = app();
    assert_eq!(app.selected_commitment().map(|c| c.title.as_str()), Some("walk together"));
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "K1"), Some(Outcome::Kept));
    assert_eq!(app.selected_commitment().map(|c| c.title.as_str()), Some("walk together"), "the selection stays");
    assert_eq!(app.message.as_deref(), Some("\"walk together\" marked kept; the same key again clears it, j the next"));
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "K1"), None, "the same key again clears the one just marked");
    assert_eq!(mark_of(&app, "K2"), None, "and never marks the next");
    assert_eq!(app.message.as_deref(), Some("\"walk together\" has no mark now"));

    // The same on the Commitments tab.
    update(&mut app, Action::SelectTab(Tab::Commitments));
    press(&mut app, 'j');
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "K2"), Some(Outcome::Missed));
    assert_eq!(app.selected_commitment().map(|c| c.id.as_str()), Some("K2"));
}

#[test]
fn with_an_entry_selected_space_marks_the_first_commitment_due_without_a_mark() {
    let mut app = app();
    // Down past both commitments to the entry.
    press(&mut app, 'j');
    press(&mut app, 'j');
    assert_eq!(app.selected_entry().map(|e| e.note.as_str()), Some("coffee in bed"));
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "K1"), Some(Outcome::Kept));
    assert_eq!(app.selected_commitment().map(|c| c.id.as_str()), Some("K1"), "it is selected, to see and undo");
    // From the entry again: the next one without a mark.
    app.selected = 2 + app.day_entries().len() - 1;
    assert!(app.selected_entry().is_some());
    press(&mut app, 's');
    assert_eq!(mark_of(&app, "K2"), Some(Outcome::Excused));
    // Everything marked: says so, and changes nothing.
    app.selected = 2 + app.day_entries().len() - 1;
    let revision = app.revision;
    press(&mut app, ' ');
    assert_eq!(app.revision, revision);
    assert_eq!(app.message.as_deref(), Some("every commitment due is marked: select one (j/k) to change its mark"));
}
