//! `update`, action by action: the only place the app's state changes.
//!
//! Random sessions of actions and of keys keep every cache fresh and undo
//! back to the start. (Kept under this name so that
//! `app_update.proptest-regressions` still applies.)
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
mod support;

use support::app::{app_with, at, busy_journal, daily_commitment, date, entry, key, now, press};
use support::journal::content;
use trustbank::app::{Action, App, FormAction, Tab, update};
use trustbank::domain::{CheckIn, EntryKind, Id, Journal, Outcome, Repair, fold_balance, validate};

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// A small starting journal with entries today and yesterday, a wipe and a
/// check-in, so edits, deletes and check-ins have something to work on.
fn start_journal() -> Journal {
    let mut journal = busy_journal();
    journal.insert_entry(entry("E4", "2026-11-25", "21:00", EntryKind::Wipe, 0, "the lie"));
    journal.set_check_in(CheckIn {
        id: Id::from("C0"),
        date: date("2026-11-25"),
        at: at("2026-11-25T22:00:00+01:00"),
        rating: 3,
        reflection: "okay".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    journal.commitments.push(daily_commitment());
    journal.repairs.push(Repair::new(Id::from("R0"), "the lie".into(), date("2026-11-25"), Some(Id::from("E4"))));
    journal
}

fn arb_form_key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        6 => any::<char>().prop_map(KeyCode::Char),
        3 => proptest::sample::select(vec!['1', '3', '5', '9', '$', '.', 'c', 'w', 'i', 'p', 'e', '-', ' '])
            .prop_map(KeyCode::Char),
        1 => Just(KeyCode::Enter),
        2 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::Delete),
        1 => Just(KeyCode::Left),
        1 => Just(KeyCode::Right),
        1 => Just(KeyCode::Up),
        1 => Just(KeyCode::Down),
        1 => Just(KeyCode::Home),
        1 => Just(KeyCode::End),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
    ];
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

fn arb_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => Just(Action::NextTab),
        1 => Just(Action::PreviousTab),
        1 => proptest::sample::select(Tab::ALL.to_vec()).prop_map(Action::SelectTab),
        1 => Just(Action::ToggleHelp),
        1 => (-3i16..4).prop_map(Action::ScrollHelp),
        3 => Just(Action::Close),
        2 => Just(Action::PreviousDay),
        2 => Just(Action::NextDay),
        1 => Just(Action::GoToToday),
        2 => Just(Action::SelectNext),
        2 => Just(Action::SelectPrevious),
        3 => Just(Action::AddDeposit),
        3 => Just(Action::AddWithdrawal),
        3 => Just(Action::EditSelected),
        3 => Just(Action::DeleteSelected),
        2 => Just(Action::WriteCheckIn),
        3 => proptest::sample::select(vec![Outcome::Kept, Outcome::Missed, Outcome::Excused]).prop_map(Action::Mark),
        1 => Just(Action::NewCommitment),
        1 => Just(Action::ToggleArchive),
        1 => Just(Action::NarrowerRange),
        1 => Just(Action::WiderRange),
        1 => (0usize..8).prop_map(Action::SelectRow),
        1 => Just(Action::NewRepair),
        1 => Just(Action::AddAgreement),
        1 => Just(Action::ToggleClosed),
        1 => Just(Action::OpenSettings),
        4 => Just(Action::Undo),
        3 => Just(Action::Redo),
        3 => Just(Action::Confirm),
        2 => Just(Action::Form(FormAction::NextField)),
        1 => Just(Action::Form(FormAction::PreviousField)),
        5 => Just(Action::Form(FormAction::Submit)),
        2 => (0usize..6).prop_map(|n| Action::Form(FormAction::Preset(n))),
        8 => arb_form_key().prop_map(|k| Action::Form(FormAction::Key(k))),
        1 => "\\PC{0,12}".prop_map(|s| Action::Form(FormAction::Paste(s))),
        // Time passing: made cumulative by the test, so the clock only moves on.
        1 => (1i64..30).prop_map(|hours| Action::Tick(now() + chrono::Duration::hours(hours))),
    ]
}

/// A step of a random session: an action, or "select the entry a mark
/// posted", worked out against the app as it is then (its line depends on
/// what came before).
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    SelectPostedEntry,
}

/// Mostly single actions; now and then a run that marks the due
/// commitment and deletes the entry the mark posted, which single random
/// actions would seldom line up.
fn arb_steps() -> impl Strategy<Value = Vec<Step>> {
    let mark_then_delete = |outcome| {
        vec![
            Step::Act(Action::Close),
            Step::Act(Action::SelectTab(Tab::Today)),
            Step::Act(Action::SelectRow(0)),
            Step::Act(Action::Mark(outcome)),
            Step::SelectPostedEntry,
            Step::Act(Action::DeleteSelected),
            Step::Act(Action::Confirm),
        ]
    };
    prop_oneof![
        12 => arb_action().prop_map(|a| vec![Step::Act(a)]),
        1 => proptest::sample::select(vec![Outcome::Kept, Outcome::Missed]).prop_map(mark_then_delete),
    ]
}

fn action_of(app: &App, step: Step) -> Action {
    match step {
        Step::Act(action) => action,
        Step::SelectPostedEntry => {
            let due = app.due_commitments().len();
            match app.day_entries().iter().position(|e| e.commitment.is_some()) {
                Some(i) => Action::SelectRow(due + i),
                None => Action::Close,
            }
        }
    }
}

/// Keys that mark the first due commitment on Today (space) and delete the
/// last line of the day (where the posted entry is, unless something was
/// added after it): x, then y.
fn mark_then_delete_keys() -> Vec<KeyEvent> {
    let mut keys = vec![KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), key('1')];
    keys.extend(std::iter::repeat_n(key('k'), 8));
    keys.push(key(' '));
    keys.extend(std::iter::repeat_n(key('j'), 8));
    keys.extend([key('x'), key('y')]);
    keys
}

/// What the loader runs on every file it opens finds nothing wrong: the
/// app never holds a journal it could save but not open again.
fn assert_sound(app: &App) -> Result<(), TestCaseError> {
    let problems = validate::problems(&app.journal);
    prop_assert!(problems.is_empty(), "the app holds a journal the loader refuses: {:?}", problems);
    Ok(())
}

/// Every cache and cursor of the app agrees with the journal, the journal
/// passes the loader's checks, and the viewed day and week are not in the
/// future (the clock here only moves on).
fn assert_caches_fresh(app: &App) -> Result<(), TestCaseError> {
    app.check_caches().map_err(TestCaseError::fail)?;
    assert_sound(app)?;
    prop_assert!(app.day <= app.today);
    prop_assert!(app.week <= app.week_of(app.today));
    Ok(())
}

/// The writer is sent only the changes: applied in order to its copy, they
/// must give the app's journal exactly.
fn assert_outbox_catches_up(app: &mut App, copy: &mut Journal) -> Result<(), TestCaseError> {
    for change in std::mem::take(&mut app.outbox) {
        prop_assert!(change.apply(copy).is_ok(), "a change the app applied fits the writer's copy");
    }
    prop_assert_eq!(&*copy, &app.journal);
    Ok(())
}

/// Undoes until there is nothing left to undo; returns how many steps.
fn undo_everything(app: &mut App) -> usize {
    for steps in 0..=trustbank::app::history::DEPTH {
        update(app, Action::Undo);
        if app.message.as_deref() == Some("nothing to undo") {
            return steps;
        }
    }
    panic!("undo never ran out");
}

proptest! {
    #[test]
    fn random_actions_keep_the_balances_fresh_and_undo_to_the_start(
        steps in prop::collection::vec(arb_steps(), 1..=40),
    ) {
        let start = start_journal();
        let mut app = app_with(start.clone());
        let mut writers_copy = start.clone();
        let mut clock = now();
        for step in steps.into_iter().flatten() {
            let mut action = action_of(&app, step);
            if let Action::Tick(at) = action {
                clock += at - now();
                action = Action::Tick(clock);
            }
            update(&mut app, action.clone());
            prop_assert_eq!(
                app.balances.current(),
                fold_balance(&app.journal.entries),
                "after {:?}", action
            );
            assert_caches_fresh(&app)?;
            assert_outbox_catches_up(&mut app, &mut writers_copy)?;
        }
        undo_everything(&mut app);
        assert_sound(&app)?;
        prop_assert_eq!(content(&app.journal), content(&start));
        prop_assert_eq!(app.balances.current(), fold_balance(&app.journal.entries));
    }

    #[test]
    fn random_keys_through_the_keymap_never_break_the_app(
        keys in prop::collection::vec(
            prop_oneof![
                3 => proptest::sample::select(
                    "aw+-rexhljkut1234?qyn5 ms[]c,S".chars().collect::<Vec<_>>()
                )
                .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                1 => Just(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
                1 => Just(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                1 => Just(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
                1 => Just(KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE)),
                1 => Just(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
                1 => Just(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
                1 => (1u8..=4).prop_map(|d| KeyEvent::new(
                    KeyCode::Char(char::from(b'0' + d)),
                    KeyModifiers::ALT,
                )),
                1 => arb_form_key(),
            ]
            .prop_map(|key| vec![key]),
            1..=40,
        )
        .prop_flat_map(|runs| {
            // Now and then, the keys of a mark and a delete of its entry.
            let at = 0..=runs.len();
            (Just(runs), at, any::<bool>())
        })
        .prop_map(|(mut runs, at, splice)| {
            if splice {
                runs.insert(at, mark_then_delete_keys());
            }
            runs.concat()
        }),
    ) {
        let start = start_journal();
        let mut app = app_with(start.clone());
        let mut writers_copy = start.clone();
        for key in keys {
            press(&mut app, key);
            if !app.running {
                break;
            }
            assert_caches_fresh(&app)?;
            assert_outbox_catches_up(&mut app, &mut writers_copy)?;
        }
        undo_everything(&mut app);
        assert_sound(&app)?;
        prop_assert_eq!(content(&app.journal), content(&start));
    }
}
