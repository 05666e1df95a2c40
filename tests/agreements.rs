//! Agreements of a repair's step 3 (issue 19, item 9): their state follows
//! the commitment that tracks them, the step form edits and removes them
//! (only their author's words), and the step 3 and 4 forms say that `a`
//! adds one.

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::{Action, App, FormAction, Overlay, Tab, keymap, update};
use trustbank::domain::outcome::new_commitment;
use trustbank::domain::{Agreement, Amount, Id, Journal, People, Person, Repair, Schedule, Version};
use trustbank::keyboard::{AtKeyboard, Source};

mod support;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

/// A repair of what hurt Alex (B), with Sam's (A) agreement "No more
/// hidden accounts" tracked by a weekly commitment, written two hours
/// ago; `me` at the keyboard, on step 3 of the Repair tab.
fn app_as(me: Person) -> App {
    let written = (now() - Duration::hours(2)).timestamp_millis() as u64;
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let start = "2026-11-20".parse().expect("day");
    let mut c = new_commitment(
        Id::from("C1"),
        "Show the statements".into(),
        Schedule::TimesPerWeek(1),
        start,
        Amount(10),
        Amount(100),
    );
    c.agreement = Some(Id::from("G1"));
    c.updated = written;
    j.commitments.push(c);
    let mut r = Repair::new(Id::from("R1"), "the card bill".into(), start, None);
    r.hurt = Person::B;
    r.updated = written;
    r.make_it_right.agreements.push(Agreement {
        id: Id::from("G1"),
        text: "No more hidden accounts".into(),
        commitment: Some(Id::from("C1")),
        by: Person::A,
        updated: written,
    });
    j.repairs.push(r);
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: me, source: Source::Device });
    update(&mut app, Action::SelectTab(Tab::Repair));
    press(&mut app, 'l');
    press(&mut app, 'l');
    assert_eq!(app.repair_step, 2);
    app
}

fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = keymap::action_for(app.mode(), app.tab, &event).expect("bound");
    update(app, action);
}

fn form_key(app: &mut App, code: KeyCode) {
    update(app, Action::Form(FormAction::Key(KeyEvent::new(code, KeyModifiers::NONE))));
}

fn agreements(app: &App) -> Vec<&str> {
    app.journal.repairs[0].make_it_right.agreements.iter().map(|a| a.text.as_str()).collect()
}

#[test]
fn an_agreement_says_when_its_commitment_is_archived_not_tracked() {
    let mut app = app_as(Person::A);
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("• No more hidden accounts (tracked)"), "{shown}");
    update(&mut app, Action::SelectTab(Tab::Commitments));
    press(&mut app, 'x');
    assert!(app.journal.commitments[0].archived, "{:?}", app.message);
    update(&mut app, Action::SelectTab(Tab::Repair));
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("• No more hidden accounts (its commitment is archived)"), "{shown}");
    assert!(!shown.contains("(tracked)"), "{shown}");
}

#[test]
fn the_step_form_edits_an_agreement_and_keeps_the_old_words_as_a_version() {
    let mut app = app_as(Person::A);
    press(&mut app, 'e');
    assert!(matches!(app.overlay, Overlay::Step(_)), "{:?}", app.overlay);
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("Agreement 1"), "{shown}");
    assert!(shown.contains("Empty an agreement to remove it · a on the Repair tab adds one"), "{shown}");
    form_key(&mut app, KeyCode::End);
    for c in " or cards".chars() {
        form_key(&mut app, KeyCode::Char(c));
    }
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    assert_eq!(agreements(&app), ["No more hidden accounts or cards"]);
    let kept = app
        .journal
        .versions
        .iter()
        .any(|v| matches!(v, Version::Agreement(_, a) if a.text == "No more hidden accounts"));
    assert!(kept, "the words before stay in the history: {:?}", app.journal.versions);
}

#[test]
fn an_emptied_agreement_is_removed_with_a_tombstone_and_its_commitment_stays() {
    let mut app = app_as(Person::A);
    press(&mut app, 'e');
    form_key(&mut app, KeyCode::End);
    for _ in 0.."No more hidden accounts".len() {
        form_key(&mut app, KeyCode::Backspace);
    }
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    assert!(agreements(&app).is_empty());
    assert!(app.journal.removed.iter().any(|r| r.id == Id::from("G1")), "a tombstone, so a sync cannot bring it back");
    assert_eq!(app.journal.commitments.len(), 1, "its commitment stays");
    assert_eq!(
        app.message.as_deref(),
        Some(
            "\"No more hidden accounts\" is removed (kept in the history, v); a commitment that tracked one stays until archived on Commitments"
        )
    );
    // Undo brings it back whole.
    update(&mut app, Action::Undo);
    assert_eq!(agreements(&app), ["No more hidden accounts"]);
}

#[test]
fn a_partners_agreement_is_theirs_to_change() {
    let mut app = app_as(Person::B);
    press(&mut app, 'e');
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("Agreement 1 · Sam's words, only Sam changes them"), "{shown}");
    let before = app.journal.clone();
    form_key(&mut app, KeyCode::Backspace);
    assert_eq!(app.message.as_deref(), Some("only the partner who wrote this agreement changes it"));
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(agreements(&app), ["No more hidden accounts"]);
    assert_eq!(app.journal.repairs[0].make_it_right.agreements, before.repairs[0].make_it_right.agreements);
}

#[test]
fn the_long_game_form_says_where_agreements_are_added() {
    let mut app = app_as(Person::A);
    press(&mut app, 'l');
    press(&mut app, 'e');
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("agreements are added in step 3, with a"), "{shown}");
}
