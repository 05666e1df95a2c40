//! No way of changing the journal leaves one the loader would refuse
//! (issue 14, point 1). Above all, deleting an entry a commitment's mark
//! posted: the question says what else goes, and the two go as one change.
//!
//! "Now" is Thursday 26 November 2026, 21:00 at +01:00.

mod support;

use chrono::{DateTime, FixedOffset, NaiveDate};
use support::journal::content;
use trustbank::app::{Action, App, Overlay, update};
use trustbank::domain::outcome::{new_commitment, outcome_on};
use trustbank::domain::{Amount, Change, Id, Journal, Outcome, Schedule, validate};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a valid RFC 3339 time")
}

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("a date")
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

fn problems(app: &App) -> Vec<String> {
    validate::problems(&app.journal).into_iter().map(|p| p.0).collect()
}

/// "walk together", daily since 1 November, marked `outcome` today on the
/// Today tab; the posted entry is selected (the commitment is line 0).
fn marked(outcome: Outcome) -> App {
    let mut journal = Journal::default();
    let start = "2026-11-01".parse().expect("a date");
    let c = new_commitment(Id::from("K0"), "walk together".into(), Schedule::Daily, start, Amount(10), Amount(100));
    journal.commitments.push(c);
    let mut app = App::new(journal, now(), None);
    update(&mut app, Action::Mark(outcome));
    assert_eq!(app.journal.entries.len(), 1, "{:?}", app.message);
    update(&mut app, Action::SelectRow(1));
    assert!(app.selected_entry().is_some_and(|e| e.commitment.is_some()));
    app
}

fn outcome_today(app: &App) -> Option<Outcome> {
    outcome_on(&app.journal, &Id::from("K0"), today()).map(|o| o.outcome)
}

#[test]
fn the_question_names_the_outcome_it_clears() {
    for (outcome, word) in [(Outcome::Kept, "kept"), (Outcome::Missed, "missed")] {
        let mut app = marked(outcome);
        update(&mut app, Action::DeleteSelected);
        let Overlay::ConfirmDelete(id) = app.overlay.clone() else {
            panic!("expected the question, found {:?}", app.overlay);
        };
        assert_eq!(
            app.delete_clears(&id).as_deref(),
            Some(format!("this clears the outcome '{word}' of walk together on Thu 26 Nov").as_str())
        );
        // Nothing is gone before the answer.
        assert_eq!(app.journal.entries.len(), 1);
        assert_eq!(outcome_today(&app), Some(outcome));
    }
}

#[test]
fn a_plain_entry_clears_no_outcome() {
    let mut app = marked(Outcome::Kept);
    run(&mut app, [Action::AddDeposit, Action::Form(trustbank::app::FormAction::Submit)]);
    let plain = app.journal.entries.iter().find(|e| e.commitment.is_none()).expect("the new deposit").id.clone();
    assert_eq!(app.delete_clears(&plain), None);
}

#[test]
fn yes_removes_the_outcome_and_its_entry_in_one_change_that_one_undo_brings_back() {
    let mut app = marked(Outcome::Kept);
    let before = app.journal.clone();
    let revision = app.revision;
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    assert!(app.journal.entries.is_empty(), "{:?}", app.message);
    assert_eq!(outcome_today(&app), None);
    assert_eq!(app.revision, revision + 1, "one change");
    // The writer is sent one batch holding both removals.
    match app.outbox.last() {
        Some(Change::Batch(changes)) => {
            assert!(changes.iter().any(|c| matches!(c, Change::RemoveOutcome { .. })), "{changes:?}");
            assert!(changes.iter().any(|c| matches!(c, Change::RemoveEntry(_))), "{changes:?}");
        }
        other => panic!("expected one batch, found {other:?}"),
    }
    assert_eq!(problems(&app), Vec::<String>::new());

    update(&mut app, Action::Undo);
    assert_eq!(content(&app.journal), content(&before), "one undo brings both back");
    assert!(app.message.as_deref().is_some_and(|m| m.contains("the mark of \"walk together\"")), "{:?}", app.message);
    update(&mut app, Action::Redo);
    assert!(app.journal.entries.is_empty());
    assert_eq!(outcome_today(&app), None);
    // And the mark itself still undoes: nothing was left half-done.
    update(&mut app, Action::Undo);
    update(&mut app, Action::Undo);
    assert_eq!(outcome_today(&app), None);
    assert!(app.journal.entries.is_empty());
    assert_eq!(problems(&app), Vec::<String>::new());
}

#[test]
fn every_step_of_delete_undo_redo_passes_the_loaders_checks() {
    for outcome in [Outcome::Kept, Outcome::Missed] {
        let mut app = marked(outcome);
        let steps = [
            Action::DeleteSelected,
            Action::Confirm,
            Action::Undo,
            Action::Redo,
            Action::Undo,
            Action::Undo,
            Action::Redo,
            Action::Redo,
            Action::Undo,
        ];
        for action in steps {
            update(&mut app, action.clone());
            assert_eq!(problems(&app), Vec::<String>::new(), "after {action:?}: {:?}", app.message);
            app.check_caches().unwrap_or_else(|e| panic!("after {action:?}: {e}"));
        }
        // Where it ended: the mark and its entry, back together.
        assert_eq!(outcome_today(&app), Some(outcome));
        assert_eq!(app.journal.entries.len(), 1);
    }
}

#[test]
fn marking_again_after_the_delete_posts_a_fresh_entry() {
    let mut app = marked(Outcome::Kept);
    run(&mut app, [Action::DeleteSelected, Action::Confirm, Action::SelectRow(0), Action::Mark(Outcome::Kept)]);
    assert_eq!(outcome_today(&app), Some(Outcome::Kept));
    assert_eq!(app.journal.entries.len(), 1);
    assert_eq!(problems(&app), Vec::<String>::new());
}

#[test]
fn an_undo_that_would_break_the_journal_is_refused_and_kept() {
    // An undo step that removes the posted entry alone (as the app did
    // before): it must be refused, the journal untouched.
    let mut app = marked(Outcome::Kept);
    let posted = app.journal.entries[0].id.clone();
    app.history.record(Change::RemoveEntry(posted), "planted".into());
    let before = app.journal.clone();
    let revision = app.revision;
    update(&mut app, Action::Undo);
    assert_eq!(app.journal, before);
    assert_eq!(app.revision, revision);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("not done, as the journal could not be opened again"), "{message}");
    assert!(message.contains("points to a missing entry"), "{message}");
    // The step stays where it was: the next undo meets it again, not an
    // older one out of order.
    update(&mut app, Action::Undo);
    assert_eq!(app.journal, before);
    app.check_caches().expect("caches untouched");
}

#[test]
fn the_guard_refuses_settings_a_mark_could_not_post() {
    // Settings from the form cannot hold these amounts; a planted redo of
    // such settings shows the guard covers settings too.
    let mut app = marked(Outcome::Kept);
    let mut settings = app.journal.settings.clone();
    settings.commitment_missed = Amount(0);
    app.history.push_redo(trustbank::app::history::Step {
        change: Change::SetSettings(Box::new(settings)),
        label: "planted".into(),
    });
    let before = app.journal.clone();
    update(&mut app, Action::Redo);
    assert_eq!(app.journal, before);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("commitment_missed")), "{:?}", app.message);
}

/// The question as drawn at 80×24: all of it, the outcome and the undo
/// hint, even for a long commitment title.
#[test]
fn the_drawn_question_says_the_outcome_goes_and_how_to_undo() {
    use ratatui::{Terminal, backend::TestBackend};
    let mut app = marked(Outcome::Kept);
    let long = "walk together after dinner, phones left at home";
    app.journal.commitments[0].title = long.into();
    update(&mut app, Action::DeleteSelected);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let theme = trustbank::ui::Theme::dark();
    terminal.draw(|frame| trustbank::ui::render(frame, &app, &theme)).expect("draws");
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
    let words = text.replace(['│', '┌', '┐', '└', '┘', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("A mark posted it, so this clears the outcome 'kept' of {long} on Thu 26 Nov.")),
        "{words}"
    );
    assert!(words.contains("You can undo both with u."), "{words}");
}

/// `trustbank add` runs the loader's checks before it saves: a journal
/// that would not open again is refused and left as it was.
#[test]
fn the_add_command_refuses_to_make_a_journal_the_loader_refuses() {
    use clap::Parser;
    use trustbank::cli::{Cli, Command};
    let Some(Command::Add(args)) =
        Cli::try_parse_from(["trustbank", "add", "deposit", "10c", "coffee"]).expect("parses").command
    else {
        panic!("expected the add command");
    };
    let mut fine = Journal::default();
    trustbank::commands::add(&mut fine, &args, now(), today(), trustbank::domain::Person::A)
        .expect("a sound journal takes the entry");
    assert_eq!(fine.entries.len(), 1);

    // A journal with an outcome pointing to a missing entry (what the app
    // once saved): adding to it would save a file that does not open.
    let mut broken = marked(Outcome::Kept).journal;
    broken.entries.clear();
    let before = broken.clone();
    let err = trustbank::commands::add(&mut broken, &args, now(), today(), trustbank::domain::Person::A)
        .expect_err("refused");
    assert!(err.0.starts_with("nothing was added, as the journal could not be opened again"), "{}", err.0);
    assert!(err.0.contains("points to a missing entry"), "{}", err.0);
    assert_eq!(broken, before);
}

/// An agreement makes a commitment; marking it posts an entry. Undoing
/// and redoing all of it, step by step, never leaves an outcome or an
/// entry without its commitment.
#[test]
fn undoing_and_redoing_an_agreement_and_its_marks_stays_sound() {
    use trustbank::app::{FormAction, Tab};
    let mut app = App::new(Journal::default(), now(), None);
    let paste = |text: &str| Action::Form(FormAction::Paste(text.into()));
    let submit = Action::Form(FormAction::Submit);
    run(&mut app, [Action::SelectTab(Tab::Repair), Action::NewRepair, paste("the hidden account"), submit.clone()]);
    run(&mut app, [Action::AddAgreement, paste("show the statements"), submit]);
    assert_eq!(app.journal.commitments.len(), 1, "{:?}", app.message);
    run(&mut app, [Action::SelectTab(Tab::Commitments), Action::Mark(Outcome::Kept)]);
    assert_eq!(app.journal.entries.len(), 1, "{:?}", app.message);
    let end = app.journal.clone();
    let steps = std::iter::repeat_n(Action::Undo, 3).chain(std::iter::repeat_n(Action::Redo, 3));
    for action in steps {
        update(&mut app, action.clone());
        assert!(
            app.message.as_deref().is_some_and(|m| m.starts_with("undid") || m.starts_with("redid")),
            "{:?}",
            app.message
        );
        assert_eq!(problems(&app), Vec::<String>::new(), "after {action:?}");
    }
    assert_eq!(content(&app.journal), content(&end));
}
