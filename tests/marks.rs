//! Marking commitments on Today and Commitments (issue 19, item 7): the
//! selection stays on the commitment just marked, so the same key again
//! clears that one; with an entry selected on Today, `space` marks the
//! first commitment due that has no mark yet. Only occurrences are marked
//! (item 8): an extra day kept of "N times a week" is welcome, an extra
//! miss is not.

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

/// One commitment with `schedule`, alone, selected on the Commitments tab.
fn commitments_tab_with(schedule: Schedule) -> App {
    let mut j = Journal::default();
    let start = "2026-11-01".parse().expect("day");
    j.commitments.push(new_commitment(Id::from("W1"), "date night".into(), schedule, start, Amount(10), Amount(100)));
    let mut app = App::new(j, now(), None);
    update(&mut app, Action::SelectTab(Tab::Commitments));
    app
}

fn balance_cents(app: &App) -> i64 {
    app.journal.entries.iter().fold(trustbank::domain::Cents(0), |balance, e| e.apply(balance)).0
}

#[test]
fn a_week_that_has_its_one_takes_an_extra_day_kept_but_no_miss() {
    let mut app = commitments_tab_with(Schedule::TimesPerWeek(1));
    // Monday 23 Nov: kept, the week's one.
    for _ in 0..3 {
        update(&mut app, Action::PreviousDay);
    }
    assert_eq!(app.day.to_string(), "2026-11-23");
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "W1"), Some(Outcome::Kept));
    // Thursday: a miss is refused, and nothing is posted.
    update(&mut app, Action::GoToToday);
    let before = app.journal.clone();
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "W1"), None);
    assert_eq!(app.journal, before, "no -$1.00 for a promise already met");
    assert_eq!(
        app.message.as_deref(),
        Some("\"date night\" has its 1 for this week (1 kept): a miss is not owed, an extra day kept is welcome")
    );
    // An extra day kept is welcome: its deposit is posted.
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "W1"), Some(Outcome::Kept));
    assert_eq!(balance_cents(&app), 20, "two deposits of a dime");
}

#[test]
fn misses_stop_at_the_weeks_number_and_a_fixed_day_off_its_schedule_is_refused() {
    let mut app = commitments_tab_with(Schedule::TimesPerWeek(2));
    // Mon and Tue missed: the week's two.
    for _ in 0..3 {
        update(&mut app, Action::PreviousDay);
    }
    press(&mut app, 'm');
    update(&mut app, Action::NextDay);
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "W1"), Some(Outcome::Missed));
    update(&mut app, Action::NextDay);
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "W1"), None, "a third miss of a 2x week is refused");
    press(&mut app, 's');
    assert_eq!(mark_of(&app, "W1"), None, "and so is an excuse");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("an excuse is not owed")), "{:?}", app.message);
    assert_eq!(balance_cents(&app), -200);
    // Clearing Tuesday's miss makes room again on Wednesday.
    update(&mut app, Action::PreviousDay);
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "W1"), None, "the same key clears it");
    update(&mut app, Action::NextDay);
    press(&mut app, 'm');
    assert_eq!(mark_of(&app, "W1"), Some(Outcome::Missed));

    // A Tuesday commitment on Thursday: not an occurrence.
    let tuesday: Vec<chrono::Weekday> = vec![chrono::Weekday::Tue];
    let mut app = commitments_tab_with(Schedule::Weekdays(tuesday));
    press(&mut app, ' ');
    assert_eq!(mark_of(&app, "W1"), None);
    assert_eq!(app.message.as_deref(), Some("\"date night\" is not due on Thu 26 Nov"));
}
