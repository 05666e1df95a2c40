//! Each person owns their own words: `update` lets only an entry's author
//! change it, only the hurt partner write a repair's Reveal and only the
//! other its Acknowledge; and "Who is using this computer?".

use chrono::{DateTime, FixedOffset};
use trustbank::app::{Action, App, Overlay, update};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, People, Person, Repair};
use trustbank::keyboard::{AtKeyboard, Source};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

fn entry(id: &str, by: Person) -> Entry {
    Entry {
        id: Id::from(id),
        date: "2026-11-26".parse().expect("date"),
        at: DateTime::parse_from_rfc3339("2026-11-26T20:00:00+01:00").expect("time"),
        kind: EntryKind::Deposit,
        amount: Amount(10),
        category: "positive interaction".into(),
        who: by,
        note: format!("by {by:?}"),
        commitment: None,
        by,
        updated: 0,
    }
}

/// Sam (A) at the keyboard, one entry by Alex (B) today.
fn app_with_alexs_entry() -> App {
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    j.insert_entry(entry("E1", Person::B));
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: Person::A, source: Source::Device });
    app
}

#[test]
fn the_other_persons_entry_cannot_be_edited() {
    let mut app = app_with_alexs_entry();
    update(&mut app, Action::EditSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.message.as_deref(), Some("Alex wrote this entry; only Alex can change it"));
}

#[test]
fn the_other_persons_entry_cannot_be_deleted() {
    let mut app = app_with_alexs_entry();
    update(&mut app, Action::DeleteSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.message.as_deref(), Some("Alex wrote this entry; only Alex can change it"));
    assert_eq!(app.journal.entries.len(), 1);
    assert_eq!(app.revision, 0);
}

#[test]
fn the_author_may_edit_and_delete_their_own() {
    let mut app = app_with_alexs_entry();
    app.me = Person::B;
    update(&mut app, Action::EditSelected);
    assert!(matches!(app.overlay, Overlay::Entry(_)), "{:?}", app.overlay);
    update(&mut app, Action::Close);
    update(&mut app, Action::DeleteSelected);
    assert!(matches!(app.overlay, Overlay::ConfirmDelete(_)));
    update(&mut app, Action::Confirm);
    assert!(app.journal.entries.is_empty());
}

#[test]
fn a_check_in_is_always_ones_own() {
    let mut app = app_with_alexs_entry();
    let alexs = trustbank::domain::CheckIn {
        id: Id::from("C1"),
        date: app.today,
        at: now(),
        rating: 4,
        reflection: "a good evening".into(),
        by: Person::B,
        updated: 0,
    };
    app.journal.set_check_in(alexs.clone());
    update(&mut app, Action::WriteCheckIn);
    let Overlay::CheckIn(form) = &app.overlay else { panic!("{:?}", app.overlay) };
    // Sam writes Sam's check-in; Alex's is not in the form.
    assert_eq!(form.by, Person::A);
    assert_eq!(form.existing, None);
    assert_eq!(app.journal.check_in(app.today, Person::B), Some(&alexs));
}

fn app_with_repair(me: Person) -> App {
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut r = Repair::new(Id::from("R1"), "The card".into(), "2026-11-20".parse().expect("date"), None);
    r.hurt = Person::B;
    j.repairs.push(r);
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: me, source: Source::Device });
    update(&mut app, Action::SelectTab(trustbank::app::Tab::Repair));
    app
}

#[test]
fn the_reveal_is_written_by_the_hurt_partner_only() {
    let mut sam = app_with_repair(Person::A);
    update(&mut sam, Action::EditSelected);
    assert_eq!(sam.overlay, Overlay::None);
    assert_eq!(sam.message.as_deref(), Some("the Reveal is Alex's to write; only Alex can change it"));
    let mut alex = app_with_repair(Person::B);
    update(&mut alex, Action::EditSelected);
    assert!(matches!(alex.overlay, Overlay::Step(_)), "{:?}", alex.overlay);
}

#[test]
fn the_acknowledge_is_written_by_the_other_partner_only() {
    let mut alex = app_with_repair(Person::B);
    update(&mut alex, Action::NextDay);
    update(&mut alex, Action::EditSelected);
    assert_eq!(alex.overlay, Overlay::None);
    assert_eq!(alex.message.as_deref(), Some("the Acknowledge is Sam's to write; only Sam can change it"));
    let mut sam = app_with_repair(Person::A);
    update(&mut sam, Action::NextDay);
    update(&mut sam, Action::EditSelected);
    assert!(matches!(sam.overlay, Overlay::Step(_)), "{:?}", sam.overlay);
}

#[test]
fn agreements_are_made_by_either_and_the_promise_is_the_repairing_partners() {
    for me in Person::BOTH {
        let mut app = app_with_repair(me);
        update(&mut app, Action::AddAgreement);
        assert!(matches!(app.overlay, Overlay::Agreement(_)), "{me:?}: {:?}", app.overlay);
        for c in "Weekly therapy".chars() {
            let key = crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            );
            update(&mut app, Action::Form(trustbank::app::FormAction::Key(key)));
        }
        update(&mut app, Action::Form(trustbank::app::FormAction::Submit));
        assert_eq!(app.journal.commitments.len(), 1, "{me:?}: {:?}", app.message);
        // Alex was hurt: the promise is Sam's to keep, whoever wrote it.
        assert_eq!(app.journal.commitments[0].by, Person::A);
        assert_eq!(app.journal.repairs[0].make_it_right.agreements[0].by, me);
    }
}

#[test]
fn who_is_here_is_asked_once_and_the_choice_is_queued_to_be_remembered() {
    let j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut app = App::new(j, now(), None);
    app.ask_who_is_here();
    assert_eq!(app.overlay, Overlay::WhoIsHere(Person::A));
    update(&mut app, Action::SelectNext);
    assert_eq!(app.overlay, Overlay::WhoIsHere(Person::B));
    update(&mut app, Action::Confirm);
    assert_eq!((app.me, app.keyboard, app.remember), (Person::B, Source::Device, Some(Person::B)));
    assert_eq!(app.overlay, Overlay::None);
    // Known now: not asked again.
    app.ask_who_is_here();
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_name_given_for_the_run_or_an_unnamed_journal_is_not_asked() {
    let named = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut app = App::new(named, now(), None);
    app.at_keyboard(AtKeyboard { person: Person::B, source: Source::ThisRun });
    app.ask_who_is_here();
    assert_eq!(app.overlay, Overlay::None);
    let mut unnamed = App::new(Journal::default(), now(), None);
    unnamed.ask_who_is_here();
    assert_eq!(unnamed.overlay, Overlay::None);
}

#[test]
fn the_welcome_remembers_the_first_person_unless_the_run_named_someone() {
    let mut app = App::new(Journal::default(), now(), None);
    app.welcome();
    update(&mut app, Action::Form(trustbank::app::FormAction::Submit));
    assert_eq!(app.remember, Some(Person::A));
    let mut for_run = App::new(Journal::default(), now(), None);
    for_run.at_keyboard(AtKeyboard { person: Person::B, source: Source::ThisRun });
    for_run.welcome();
    update(&mut for_run, Action::Form(trustbank::app::FormAction::Submit));
    assert_eq!(for_run.remember, None);
}

#[test]
fn settings_switch_who_is_at_the_keyboard_and_remember_it() {
    let j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: Person::A, source: Source::Device });
    update(&mut app, Action::OpenSettings);
    let space =
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(' '), crossterm::event::KeyModifiers::NONE);
    // The form opens on "At the keyboard".
    update(&mut app, Action::Form(trustbank::app::FormAction::Key(space)));
    update(&mut app, Action::Form(trustbank::app::FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    assert_eq!((app.me, app.remember), (Person::B, Some(Person::B)));
    // The names stay with their people.
    assert_eq!(app.journal.people, People::new("Sam", "Alex"));
    assert_eq!(app.my_name(), "Alex");
}

#[test]
fn a_new_repair_says_who_was_hurt_the_opener_by_default_or_the_other_of_a_betrayal() {
    let j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: Person::B, source: Source::Device });
    update(&mut app, Action::SelectTab(trustbank::app::Tab::Repair));
    update(&mut app, Action::NewRepair);
    let Overlay::Repair(form) = &app.overlay else { panic!("{:?}", app.overlay) };
    assert_eq!(form.hurt, Person::B);
    // Tab to "who was hurt", space: the other one.
    let space =
        crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(' '), crossterm::event::KeyModifiers::NONE);
    for c in "Late".chars() {
        let key =
            crossterm::event::KeyEvent::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE);
        update(&mut app, Action::Form(trustbank::app::FormAction::Key(key)));
    }
    update(&mut app, Action::Form(trustbank::app::FormAction::NextField));
    update(&mut app, Action::Form(trustbank::app::FormAction::NextField));
    update(&mut app, Action::Form(trustbank::app::FormAction::Key(space)));
    update(&mut app, Action::Form(trustbank::app::FormAction::Submit));
    assert_eq!(app.journal.repairs[0].hurt, Person::A, "{:?}", app.message);
}
