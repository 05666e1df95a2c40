//! `update`, action by action: the only place the app's state changes.
//!
//! Time is always passed in: "now" is Thursday 26 November 2026, 21:00 at
//! +01:00, so every test is deterministic.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
mod support;

use support::journal::content;
use trustbank::app::form::{CheckInField, CheckInForm, EntryField, EntryForm};
use trustbank::app::keymap::{Mode, action_for};
use trustbank::app::offer::Offer;
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, Tab, update};
use trustbank::domain::{
    Amount, Balances, CheckIn, Commitment, Entry, EntryKind, Id, Journal, Outcome, Person, Repair, Schedule,
    fold_balance, validate,
};

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

const NOW: &str = "2026-11-26T21:00:00+01:00";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

fn now() -> DateTime<FixedOffset> {
    at(NOW)
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid YYYY-MM-DD date")
}

fn today() -> NaiveDate {
    date("2026-11-26")
}

/// An entry with a fixed id, on `day` at `time` (+01:00).
fn entry(id: &str, day: &str, time: &str, kind: EntryKind, cents: u64, note: &str) -> Entry {
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

fn journal_with(entries: Vec<Entry>) -> Journal {
    let mut journal = Journal::default();
    for e in entries {
        journal.insert_entry(e);
    }
    journal
}

/// Three entries today (a deposit, a withdrawal, a deposit) and one
/// yesterday.
fn busy_journal() -> Journal {
    journal_with(vec![
        entry("E0", "2026-11-25", "20:00", EntryKind::Deposit, 500, "yesterday"),
        entry("E1", "2026-11-26", "08:00", EntryKind::Deposit, 10, "coffee in bed"),
        entry("E2", "2026-11-26", "12:00", EntryKind::Withdrawal, 100, "late again"),
        entry("E3", "2026-11-26", "19:00", EntryKind::Deposit, 25, "asked about her day"),
    ])
}

fn app() -> App {
    App::new(Journal::default(), now(), None)
}

fn app_with(journal: Journal) -> App {
    App::new(journal, now(), None)
}

fn read_only_app() -> App {
    App::new(busy_journal(), now(), Some("another trustbank has it open".into()))
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

fn form_key(code: KeyCode) -> Action {
    Action::Form(FormAction::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types `text` into the focused form field, one key per character.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, form_key(KeyCode::Char(c)));
    }
}

/// Empties the focused one-line field (the cursor sits at its end).
fn clear_field(app: &mut App, len: usize) {
    for _ in 0..len {
        update(app, form_key(KeyCode::Backspace));
    }
}

/// Moves the entry form's focus to `field` with Tab.
fn focus_entry_field(app: &mut App, field: EntryField) {
    for _ in 0..EntryField::ALL.len() {
        if entry_form(app).focus == field {
            return;
        }
        update(app, Action::Form(FormAction::NextField));
    }
    panic!("could not reach {field:?}");
}

/// Presses a key the way the event loop does: through the keymap.
fn press(app: &mut App, event: KeyEvent) {
    if let Some(action) = action_for(app.mode(), app.tab, &event) {
        update(app, action);
    }
}

fn entry_form(app: &App) -> &EntryForm {
    match &app.overlay {
        Overlay::Entry(form) => form,
        other => panic!("expected the entry form, found {other:?}"),
    }
}

fn check_in_form(app: &App) -> &CheckInForm {
    match &app.overlay {
        Overlay::CheckIn(form) => form,
        other => panic!("expected the check-in form, found {other:?}"),
    }
}

/// The cached balances agree with a fold from scratch, everywhere.
fn assert_balances_fresh(app: &App) {
    assert_eq!(app.balances.current(), fold_balance(&app.journal.entries));
    assert_eq!(app.balances, Balances::compute(&app.journal.entries));
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or("")
}

// ---------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------

#[test]
fn a_new_app_opens_on_today_with_nothing_open() {
    let app = app();
    assert_eq!(app.tab, Tab::Today);
    assert_eq!(app.today, today());
    assert_eq!(app.day, today());
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.save, SaveState::Saved);
    assert_eq!(app.revision, 0);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.running);
}

#[test]
fn before_four_in_the_morning_today_is_still_the_evening_before() {
    let app = App::new(Journal::default(), at("2026-11-27T03:30:00+01:00"), None);
    assert_eq!(app.today, today());
}

// ---------------------------------------------------------------------------
// Tabs
// ---------------------------------------------------------------------------

#[test]
fn next_tab_walks_the_tabs_in_order_and_wraps() {
    let mut app = app();
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut app, Action::NextTab);
        seen.push(app.tab);
    }
    assert_eq!(seen, [Tab::Commitments, Tab::Balance, Tab::Repair, Tab::Today]);
}

#[test]
fn previous_tab_walks_backwards_and_wraps() {
    let mut app = app();
    update(&mut app, Action::PreviousTab);
    assert_eq!(app.tab, Tab::Repair);
    update(&mut app, Action::PreviousTab);
    assert_eq!(app.tab, Tab::Balance);
}

#[test]
fn select_tab_jumps_to_any_tab() {
    let mut app = app();
    for tab in [Tab::Balance, Tab::Repair, Tab::Commitments, Tab::Today] {
        update(&mut app, Action::SelectTab(tab));
        assert_eq!(app.tab, tab);
    }
}

#[test]
fn tab_key_goes_to_the_next_tab_through_the_keymap() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    assert_eq!(app.tab, Tab::Commitments);
}

#[test]
fn shift_tab_goes_to_the_previous_tab_through_the_keymap() {
    let mut app = app();
    press(&mut app, shift_tab());
    assert_eq!(app.tab, Tab::Repair);
}

#[test]
fn digits_select_tabs_through_the_keymap() {
    let mut app = app();
    for (digit, tab) in ['2', '3', '4', '1'].into_iter().zip([Tab::Commitments, Tab::Balance, Tab::Repair, Tab::Today])
    {
        let event = KeyEvent::new(KeyCode::Char(digit), KeyModifiers::NONE);
        assert_eq!(action_for(app.mode(), app.tab, &event), Some(Action::SelectTab(tab)));
        press(&mut app, event);
        assert_eq!(app.tab, tab);
    }
}

// ---------------------------------------------------------------------------
// Help
// ---------------------------------------------------------------------------

#[test]
fn toggle_help_opens_then_closes_the_help() {
    let mut app = app();
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
    assert_eq!(app.mode(), Mode::Help);
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn close_closes_the_help() {
    let mut app = app();
    run(&mut app, [Action::ToggleHelp, Action::Close]);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn help_scrolls_down_and_not_above_the_top() {
    let mut app = app();
    run(&mut app, [Action::ToggleHelp, Action::ScrollHelp(1), Action::ScrollHelp(2)]);
    assert_eq!(app.overlay, Overlay::Help { scroll: 3 });
    update(&mut app, Action::ScrollHelp(-10));
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}

#[test]
fn reopened_help_starts_at_the_top() {
    let mut app = app();
    run(&mut app, [Action::ToggleHelp, Action::ScrollHelp(5), Action::ToggleHelp, Action::ToggleHelp]);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}

#[test]
fn scrolling_without_the_help_open_does_nothing() {
    let mut app = app();
    update(&mut app, Action::ScrollHelp(3));
    assert_eq!(app.overlay, Overlay::None);
}

// ---------------------------------------------------------------------------
// Days
// ---------------------------------------------------------------------------

#[test]
fn previous_day_steps_back_one_day_at_a_time() {
    let mut app = app();
    update(&mut app, Action::PreviousDay);
    assert_eq!(app.day, date("2026-11-25"));
    update(&mut app, Action::PreviousDay);
    assert_eq!(app.day, date("2026-11-24"));
    assert_eq!(app.today, today());
}

#[test]
fn next_day_cannot_go_past_today() {
    let mut app = app();
    update(&mut app, Action::NextDay);
    assert_eq!(app.day, today());
    assert!(message(&app).contains("tomorrow"), "{:?}", app.message);
}

#[test]
fn next_day_steps_forward_up_to_today() {
    let mut app = app();
    run(&mut app, [Action::PreviousDay, Action::PreviousDay]);
    update(&mut app, Action::NextDay);
    assert_eq!(app.day, date("2026-11-25"));
    run(&mut app, [Action::NextDay, Action::NextDay, Action::NextDay]);
    assert_eq!(app.day, today());
}

#[test]
fn go_to_today_comes_back_from_any_past_day() {
    let mut app = app();
    run(&mut app, std::iter::repeat_n(Action::PreviousDay, 40));
    assert_eq!(app.day, date("2026-10-17"));
    update(&mut app, Action::GoToToday);
    assert_eq!(app.day, today());
}

#[test]
fn changing_day_resets_the_selection() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::SelectNext]);
    assert_eq!(app.selected, 2);
    update(&mut app, Action::PreviousDay);
    assert_eq!(app.selected, 0);
}

#[test]
fn tick_before_day_end_keeps_today() {
    let mut app = app();
    update(&mut app, Action::Tick(at("2026-11-27T03:59:00+01:00")));
    assert_eq!(app.today, today());
    assert_eq!(app.day, today());
    assert_eq!(app.now, at("2026-11-27T03:59:00+01:00"));
}

#[test]
fn tick_past_day_end_moves_today_and_the_shown_day() {
    let mut app = app();
    update(&mut app, Action::Tick(at("2026-11-27T00:10:00+01:00")));
    assert_eq!(app.today, today(), "midnight alone does not end the day");
    update(&mut app, Action::Tick(at("2026-11-27T04:00:00+01:00")));
    assert_eq!(app.today, date("2026-11-27"));
    assert_eq!(app.day, date("2026-11-27"), "the view follows today");
}

#[test]
fn tick_past_day_end_leaves_a_past_day_in_view() {
    let mut app = app();
    update(&mut app, Action::PreviousDay);
    update(&mut app, Action::Tick(at("2026-11-27T04:01:00+01:00")));
    assert_eq!(app.today, date("2026-11-27"));
    assert_eq!(app.day, date("2026-11-25"));
    run(&mut app, [Action::NextDay, Action::NextDay, Action::NextDay]);
    assert_eq!(app.day, date("2026-11-27"));
}

#[test]
fn tick_keeps_the_message_on_screen() {
    let mut app = app();
    update(&mut app, Action::Undo);
    update(&mut app, Action::Tick(at("2026-11-26T21:01:00+01:00")));
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn the_next_action_clears_the_message() {
    let mut app = app();
    update(&mut app, Action::Undo);
    update(&mut app, Action::NextTab);
    assert_eq!(app.message, None);
}

/// The Balance tab's review is put together from the parts of its two
/// weeks, kept from the review before (so a step of the week computes one
/// new week), and the open repair's figures: at each step, and after a
/// change to the week shown, it is the review computed afresh.
#[test]
fn the_review_made_of_kept_weeks_is_the_review_computed_afresh() {
    let mut journal = journal_with(vec![
        entry("E0", "2026-11-10", "20:00", EntryKind::Deposit, 500, "two weeks back"),
        entry("E1", "2026-11-11", "20:00", EntryKind::Deposit, 20, "two weeks back"),
        entry("E2", "2026-11-12", "20:00", EntryKind::Withdrawal, 100, "two weeks back"),
        entry("E3", "2026-11-13", "20:00", EntryKind::Deposit, 30, "two weeks back"),
        entry("E4", "2026-11-18", "20:00", EntryKind::Deposit, 40, "last week"),
        entry("E5", "2026-11-19", "20:00", EntryKind::Deposit, 50, "last week"),
        entry("E6", "2026-11-26", "08:00", EntryKind::Deposit, 10, "this week"),
    ]);
    journal.commitments.push(Commitment { by: Person::B, ..daily_commitment() });
    journal.repairs.push(Repair::new(Id::from("R0"), "the lie".into(), date("2026-11-12"), Some(Id::from("E2"))));
    let mut app = app_with(journal);
    let fresh = |app: &App| {
        let balances = Balances::compute(&app.journal.entries);
        trustbank::domain::WeekReview::compute(&app.journal, &balances, app.week, app.today)
    };
    update(&mut app, Action::SelectTab(Tab::Balance));
    let this_week = app.week;
    let mut shown = Vec::new();
    for step in [Action::PreviousDay, Action::PreviousDay, Action::NextDay, Action::NextDay, Action::PreviousDay] {
        update(&mut app, step);
        let review = app.week_review();
        assert_eq!(*review, fresh(&app), "on the week of {}", app.week.start);
        assert_eq!((review.this_week.week, review.last_week.week), (app.week, app.week.previous()));
        assert!(review.repair.is_some(), "the open repair is in every week's review");
        shown.push(review.this_week.deposits.count);
    }
    // Each week has its own count, so a part taken for the wrong week shows.
    assert_eq!(shown, [2, 3, 2, 1, 2]);
    assert_eq!(app.week_review().last_week.deposits.count, 3);
    update(&mut app, Action::NextDay);
    assert_eq!(app.week, this_week);
    // A deposit today, in the week shown: the parts of before are not reused.
    let before = app.week_review().this_week.deposits.count;
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.week_review().this_week.deposits.count, before + 1, "{:?}", app.message);
    assert_eq!(*app.week_review(), fresh(&app));
    update(&mut app, Action::PreviousDay);
    assert_eq!(*app.week_review(), fresh(&app));
    update(&mut app, Action::Undo);
    assert_eq!(*app.week_review(), fresh(&app));
    update(&mut app, Action::NextDay);
    assert_eq!(app.week_review().this_week.deposits.count, before);
    assert_eq!(*app.week_review(), fresh(&app));
}

// ---------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------

#[test]
fn selection_stops_at_the_last_entry_of_the_day() {
    let mut app = app_with(busy_journal());
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 10));
    assert_eq!(app.selected, 2);
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
}

#[test]
fn selection_stops_at_the_first_entry() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::SelectNext]);
    run(&mut app, std::iter::repeat_n(Action::SelectPrevious, 10));
    assert_eq!(app.selected, 0);
}

#[test]
fn selection_on_an_empty_day_stays_at_zero() {
    let mut app = app();
    run(&mut app, [Action::SelectNext, Action::SelectNext]);
    assert_eq!(app.selected, 0);
    assert_eq!(app.selected_entry(), None);
}

// ---------------------------------------------------------------------------
// The entry form
// ---------------------------------------------------------------------------

#[test]
fn add_deposit_opens_a_form_with_the_defaults_and_focus_on_the_note() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    let form = entry_form(&app);
    assert!(!form.withdrawal);
    assert_eq!(form.editing, None);
    assert_eq!(form.amount.text(), "10c");
    assert_eq!(form.category, "positive interaction");
    assert_eq!(form.who, Person::A);
    assert_eq!(form.date.text(), "2026-11-26");
    assert_eq!(form.focus, EntryField::Note);
    assert_eq!(form.note.text(), "");
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn add_deposit_on_a_past_day_dates_the_form_that_day() {
    let mut app = app();
    run(&mut app, [Action::PreviousDay, Action::AddDeposit]);
    assert_eq!(entry_form(&app).date.text(), "2026-11-25");
}

#[test]
fn add_withdrawal_opens_a_form_with_the_withdrawal_defaults() {
    let mut app = app();
    update(&mut app, Action::AddWithdrawal);
    let form = entry_form(&app);
    assert!(form.withdrawal);
    assert_eq!(form.amount.text(), "$1.00");
    // The settings' default withdrawal category: neither an accusation
    // ("secret or hidden") nor the outcomes' "commitment missed".
    assert_eq!(form.category, "let down");
}

#[test]
fn typed_keys_go_into_the_focused_note() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "held hands ❤");
    assert_eq!(entry_form(&app).note.text(), "held hands ❤");
}

#[test]
fn backspace_and_cursor_keys_edit_the_note() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "helo");
    update(&mut app, form_key(KeyCode::Left));
    type_text(&mut app, "l");
    update(&mut app, form_key(KeyCode::End));
    type_text(&mut app, "!x");
    update(&mut app, form_key(KeyCode::Backspace));
    assert_eq!(entry_form(&app).note.text(), "hello!");
}

#[test]
fn paste_goes_into_the_focused_field_on_one_line() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "we ");
    update(&mut app, Action::Form(FormAction::Paste("walked\nand talked".into())));
    assert_eq!(entry_form(&app).note.text(), "we walked and talked");
}

#[test]
fn enter_in_a_one_line_note_does_not_add_a_line() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "a");
    update(&mut app, form_key(KeyCode::Enter));
    type_text(&mut app, "b");
    assert_eq!(entry_form(&app).note.text(), "ab");
}

#[test]
fn next_and_previous_field_cycle_through_every_field() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    let mut order = Vec::new();
    for _ in 0..EntryField::ALL.len() {
        update(&mut app, Action::Form(FormAction::NextField));
        order.push(entry_form(&app).focus);
    }
    assert_eq!(
        order,
        [
            EntryField::Amount,
            EntryField::Category,
            EntryField::Who,
            EntryField::Date,
            EntryField::Time,
            EntryField::Note
        ]
    );
    update(&mut app, Action::Form(FormAction::PreviousField));
    assert_eq!(entry_form(&app).focus, EntryField::Time);
}

/// Terminals send Shift-Tab as `BackTab` with the Shift modifier (crossterm
/// parses `CSI Z` that way, and Windows too).
fn shift_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

#[test]
fn shift_tab_in_a_form_goes_to_the_previous_field_through_the_keymap() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    press(&mut app, shift_tab());
    assert_eq!(entry_form(&app).focus, EntryField::Time);
}

#[test]
fn presets_set_the_deposit_amount() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    let mut amounts = Vec::new();
    for n in 0..4 {
        update(&mut app, Action::Form(FormAction::Preset(n)));
        amounts.push(entry_form(&app).amount.text());
    }
    assert_eq!(amounts, ["1c", "5c", "10c", "25c"]);
}

#[test]
fn a_preset_beyond_the_list_changes_nothing_on_a_deposit() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    update(&mut app, Action::Form(FormAction::Preset(7)));
    assert_eq!(entry_form(&app).amount.text(), "10c");
}

#[test]
fn category_and_who_pickers_move_with_the_arrows() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    focus_entry_field(&mut app, EntryField::Category);
    update(&mut app, form_key(KeyCode::Right));
    assert_eq!(entry_form(&app).category, "commitment kept");
    update(&mut app, form_key(KeyCode::Left));
    update(&mut app, form_key(KeyCode::Left));
    assert_eq!(entry_form(&app).category, "quality time", "wraps around");
    focus_entry_field(&mut app, EntryField::Who);
    update(&mut app, form_key(KeyCode::Char(' ')));
    assert_eq!(entry_form(&app).who, Person::B);
}

#[test]
fn submit_adds_the_deposit_and_asks_for_a_save() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "held hands");
    update(&mut app, Action::Form(FormAction::Paste(" on the walk".into())));
    update(&mut app, Action::Form(FormAction::Preset(3)));
    update(&mut app, Action::Form(FormAction::Submit));

    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entries.len(), 1);
    let e = &app.journal.entries[0];
    assert_eq!(e.kind, EntryKind::Deposit);
    assert_eq!(e.amount, Amount(25));
    assert_eq!(e.note, "held hands on the walk");
    assert_eq!(e.category, "positive interaction");
    assert_eq!(e.who, Person::A);
    assert_eq!(e.date, today());
    assert_eq!(e.at, now());
    assert_eq!(e.commitment, None);
    assert_eq!(app.balances.current().0, 25);
    assert_balances_fresh(&app);
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
    assert!(app.unsaved());
}

#[test]
fn submit_selects_the_new_entry() {
    let mut app = app_with(busy_journal());
    update(&mut app, Action::AddDeposit);
    update(&mut app, Action::Form(FormAction::Submit));
    // 21:00 sorts after the three entries of the day.
    assert_eq!(app.day_entries().len(), 4);
    assert_eq!(app.selected, 3);
    assert_eq!(app.selected_entry().map(|e| e.at), Some(now()));
}

#[test]
fn submit_on_a_past_date_shows_that_day() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    focus_entry_field(&mut app, EntryField::Date);
    clear_field(&mut app, 10);
    type_text(&mut app, "2026-11-20");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].date, date("2026-11-20"));
    assert_eq!(app.day, date("2026-11-20"));
}

#[test]
fn enter_in_the_entry_form_submits_through_the_keymap() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    assert_eq!(app.mode(), Mode::Form);
    // Letters that are commands elsewhere are text here.
    for c in "quit".chars() {
        press(&mut app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.running);
    assert_eq!(app.journal.entries[0].note, "quit");
}

#[test]
fn a_bad_amount_keeps_the_form_open_with_the_typed_text() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "the note I typed");
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 3);
    type_text(&mut app, "abc");
    update(&mut app, Action::Form(FormAction::Submit));

    let form = entry_form(&app);
    assert_eq!(form.amount.text(), "abc");
    assert_eq!(form.note.text(), "the note I typed");
    assert_eq!(form.focus, EntryField::Amount);
    let errors = form.errors(app.today, app.now, app.journal.settings.day_ends_at);
    assert!(errors.amount.as_deref().is_some_and(|e| e.contains("\"abc\" is not an amount")), "{errors:?}");
    assert!(app.message.is_some());
    assert!(app.journal.entries.is_empty());
    assert_eq!(app.revision, 0);
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn a_future_date_keeps_the_form_open_with_the_typed_text() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "tomorrow's news");
    focus_entry_field(&mut app, EntryField::Date);
    clear_field(&mut app, 10);
    type_text(&mut app, "2026-11-27");
    update(&mut app, Action::Form(FormAction::Submit));

    let form = entry_form(&app);
    assert_eq!(form.date.text(), "2026-11-27");
    assert_eq!(form.note.text(), "tomorrow's news");
    assert_eq!(
        form.errors(app.today, app.now, app.journal.settings.day_ends_at).date.as_deref(),
        Some("that day has not come yet")
    );
    assert!(app.journal.entries.is_empty());
    assert_eq!(app.revision, 0);
}

#[test]
fn a_fixed_error_then_submits() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 3);
    type_text(&mut app, "abc");
    update(&mut app, Action::Form(FormAction::Submit));
    clear_field(&mut app, 3);
    type_text(&mut app, "15c");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entries[0].amount, Amount(15));
}

#[test]
fn wipe_typed_into_a_deposit_is_an_error() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 3);
    type_text(&mut app, "wipe");
    update(&mut app, Action::Form(FormAction::Submit));
    assert!(matches!(app.overlay, Overlay::Entry(_)));
    assert!(app.journal.entries.is_empty());
}

#[test]
fn close_cancels_an_untouched_form_at_once_and_asks_before_discarding_typed_text() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    update(&mut app, Action::Close);
    assert_eq!(app.overlay, Overlay::None, "nothing typed: closed at once");

    update(&mut app, Action::AddDeposit);
    type_text(&mut app, "never mind");
    let typed = app.overlay.clone();
    update(&mut app, Action::Close);
    let Overlay::ConfirmDiscard(form) = &app.overlay else { panic!("asks: {:?}", app.overlay) };
    assert_eq!(**form, typed, "the form is kept while asked");
    assert_eq!(app.mode(), trustbank::app::keymap::Mode::Confirm);
    // n (or Esc) goes back to the form with every word.
    update(&mut app, Action::Close);
    assert_eq!(app.overlay, typed);
    // y discards it.
    update(&mut app, Action::Close);
    update(&mut app, Action::Confirm);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.journal.entries.is_empty());
    assert_eq!(app.revision, 0);
}

#[test]
fn add_withdrawal_with_the_fourth_preset_is_a_wipe() {
    let mut app = app_with(busy_journal());
    update(&mut app, Action::AddWithdrawal);
    update(&mut app, Action::Form(FormAction::Preset(3)));
    assert_eq!(entry_form(&app).amount.text(), "wipe");
    type_text(&mut app, "the lie");
    update(&mut app, Action::Form(FormAction::Submit));

    let wipe = app.selected_entry().expect("the new entry is selected");
    assert_eq!(wipe.kind, EntryKind::Wipe);
    assert_eq!(wipe.amount, Amount(0));
    assert_eq!(wipe.note, "the lie");
    assert_eq!(wipe.category, "betrayal", "a wipe is a betrayal, as it is from the shell");
    assert_eq!(app.balances.current().0, 0);
    assert_balances_fresh(&app);
}

#[test]
fn typing_wipe_moves_a_default_category_to_betrayal_and_keeps_a_chosen_one() {
    let mut app = app_with(busy_journal());
    update(&mut app, Action::AddWithdrawal);
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 5);
    type_text(&mut app, "wipe");
    assert_eq!(entry_form(&app).category, "betrayal");

    // A category chosen first stays what was chosen.
    update(&mut app, Action::Close);
    update(&mut app, Action::Confirm);
    update(&mut app, Action::AddWithdrawal);
    focus_entry_field(&mut app, EntryField::Category);
    update(&mut app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE))));
    let chosen = entry_form(&app).category.clone();
    assert_ne!(chosen, "betrayal");
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 5);
    type_text(&mut app, "wipe");
    assert_eq!(entry_form(&app).category, chosen);
}

/// A wipe saved: the question waits until it has been in sight long
/// enough to be read.
fn wipe_and_wait(app: &mut App) {
    run(app, [Action::AddWithdrawal, Action::Form(FormAction::Preset(3)), Action::Form(FormAction::Submit)]);
    assert!(app.offer.is_some(), "a wipe offers a repair");
    let later = app.uptime + Offer::SETTLE;
    update(app, Action::Uptime(later));
}

#[test]
fn a_new_wipe_offers_a_repair_and_no_declines_it() {
    let mut app = app_with(busy_journal());
    wipe_and_wait(&mut app);
    let wipe = app.selected_entry().map(|e| e.id.clone()).expect("the wipe is selected");
    assert_eq!(app.offer.as_ref().map(|o| &o.entry), Some(&wipe));
    assert_eq!(app.mode(), Mode::Confirm);
    update(&mut app, Action::Close);
    assert_eq!((&app.overlay, &app.offer), (&Overlay::None, &None));
    assert!(app.journal.repairs.is_empty());
    assert!(app.message.as_deref().is_some_and(|m| m.contains("Repair tab")), "{:?}", app.message);
}

/// Keys typed right after the wipe's Enter, before the question could be
/// read, do what they would without it: `a` opens a deposit, and a `y` or
/// `n` in its note is text. The question waits under the form and takes
/// its answer once the form is closed.
#[test]
fn keys_typed_before_the_offer_was_in_sight_are_not_its_answer() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::AddWithdrawal, Action::Form(FormAction::Preset(3)), Action::Form(FormAction::Submit)]);
    let wipe = app.offer.as_ref().map(|o| o.entry.clone()).expect("offered");
    assert_eq!(app.mode(), Mode::Normal, "not answerable yet");
    // y and n as a fast typist's next keys: neither answers.
    let soon = app.uptime + Offer::SETTLE / 3;
    update(&mut app, Action::Uptime(soon));
    update(&mut app, Action::Confirm);
    update(&mut app, Action::Close);
    assert!(app.offer.is_some() && app.overlay == Overlay::None, "{:?}", app.overlay);
    update(&mut app, Action::AddDeposit);
    assert!(matches!(app.overlay, Overlay::Entry(_)), "a opens the deposit form: {:?}", app.overlay);
    let later = app.uptime + Offer::SETTLE * 2;
    update(&mut app, Action::Uptime(later));
    type_text(&mut app, "yes, and no");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.journal.entries.iter().any(|e| e.note == "yes, and no"));
    // Now in sight, with nothing over it: y opens the repair for the wipe.
    assert_eq!(app.mode(), Mode::Confirm);
    update(&mut app, Action::Confirm);
    assert!(matches!(&app.overlay, Overlay::Repair(f) if f.withdrawal.as_ref() == Some(&wipe)), "{:?}", app.overlay);
}

#[test]
fn yes_to_the_offered_repair_opens_the_repair_form() {
    let mut app = app_with(busy_journal());
    wipe_and_wait(&mut app);
    update(&mut app, Action::Confirm);
    assert!(matches!(app.overlay, Overlay::Repair(_)), "{:?}", app.overlay);
    assert_eq!(app.journal.entries.len(), 5, "the wipe itself is kept");
}

#[test]
fn withdrawal_presets_are_the_dollar_amounts() {
    let mut app = app();
    update(&mut app, Action::AddWithdrawal);
    let mut amounts = Vec::new();
    for n in 0..3 {
        update(&mut app, Action::Form(FormAction::Preset(n)));
        amounts.push(entry_form(&app).amount.text());
    }
    assert_eq!(amounts, ["$1.00", "$5.00", "$20.00"]);
}

#[test]
fn a_withdrawal_takes_the_balance_below_zero() {
    let mut app = app();
    update(&mut app, Action::AddWithdrawal);
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].kind, EntryKind::Withdrawal);
    assert_eq!(app.balances.current().0, -100);
    assert_balances_fresh(&app);
}

// ---------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------

#[test]
fn edit_selected_opens_the_form_filled_from_the_entry() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::EditSelected]);
    let form = entry_form(&app);
    assert_eq!(form.editing.as_ref().map(|e| e.id.clone()), Some(Id::from("E2")));
    assert!(form.withdrawal);
    assert_eq!(form.amount.text(), "$1.00");
    assert_eq!(form.note.text(), "late again");
    assert_eq!(form.date.text(), "2026-11-26");
}

#[test]
fn editing_the_amount_replaces_the_entry_and_keeps_its_id() {
    let mut app = app_with(busy_journal());
    let before = app.journal.entry(&Id::from("E1")).cloned().expect("E1");
    update(&mut app, Action::EditSelected);
    focus_entry_field(&mut app, EntryField::Amount);
    clear_field(&mut app, 3);
    type_text(&mut app, "20c");
    update(&mut app, Action::Form(FormAction::Submit));

    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entries.len(), 4);
    let after = app.journal.entry(&Id::from("E1")).expect("E1 is still there");
    assert_eq!(after.amount, Amount(20));
    assert_eq!(after.at, before.at, "an edit keeps the moment written");
    assert_eq!(after.note, before.note);
    assert_eq!(app.balances.current().0, 500 + 20 - 100 + 25);
    assert_balances_fresh(&app);
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn editing_the_date_moves_the_entry_to_that_day() {
    let mut app = app_with(busy_journal());
    update(&mut app, Action::EditSelected);
    focus_entry_field(&mut app, EntryField::Date);
    clear_field(&mut app, 10);
    type_text(&mut app, "2026-11-24");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.day, date("2026-11-24"));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E1")));
    assert_eq!(app.journal.entries[0].id, Id::from("E1"), "ledger order");
    assert_balances_fresh(&app);
}

#[test]
fn edit_with_nothing_selected_says_so() {
    let mut app = app();
    update(&mut app, Action::EditSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert!(message(&app).contains("edit"), "{:?}", app.message);
}

#[test]
fn a_commitment_entry_cannot_be_edited_here() {
    let mut e = entry("K1", "2026-11-26", "09:00", EntryKind::Deposit, 10, "");
    e.commitment = Some(Id::from("C1"));
    let mut app = app_with(journal_with(vec![e]));
    update(&mut app, Action::EditSelected);
    assert_eq!(app.overlay, Overlay::None);
    assert!(message(&app).contains("commitment"), "{:?}", app.message);
}

#[test]
fn editing_a_wipe_shows_wipe_as_the_amount() {
    let wipe = entry("W1", "2026-11-26", "09:00", EntryKind::Wipe, 0, "");
    let mut app = app_with(journal_with(vec![wipe]));
    update(&mut app, Action::EditSelected);
    assert_eq!(entry_form(&app).amount.text(), "wipe");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].kind, EntryKind::Wipe);
}

// ---------------------------------------------------------------------------
// Deleting
// ---------------------------------------------------------------------------

#[test]
fn delete_selected_asks_first() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::DeleteSelected]);
    assert_eq!(app.overlay, Overlay::ConfirmDelete(Id::from("E2")));
    assert_eq!(app.mode(), Mode::Confirm);
    assert_eq!(app.journal.entries.len(), 4);
}

#[test]
fn close_on_the_question_keeps_the_entry() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    run(&mut app, [Action::DeleteSelected, Action::Close]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal, before);
    assert_eq!(app.revision, 0);
}

#[test]
fn confirm_on_the_question_removes_the_entry() {
    let mut app = app_with(busy_journal());
    run(&mut app, [Action::SelectNext, Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entry(&Id::from("E2")), None);
    assert_eq!(app.journal.entries.len(), 3);
    assert_eq!(app.balances.current().0, 500 + 10 + 25);
    assert_balances_fresh(&app);
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn deleting_the_last_line_moves_the_selection_up() {
    let mut app = app_with(busy_journal());
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 2));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.selected, 1);
    assert!(app.selected_entry().is_some());
}

#[test]
fn y_and_n_answer_the_question_through_the_keymap() {
    let mut app = app_with(busy_journal());
    press(&mut app, KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    assert_eq!(app.journal.entries.len(), 4);
    press(&mut app, KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    assert_eq!(app.journal.entries.len(), 3);
}

#[test]
fn delete_on_an_empty_day_asks_nothing() {
    let mut app = app();
    update(&mut app, Action::DeleteSelected);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn confirm_with_nothing_asked_does_nothing() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    update(&mut app, Action::Confirm);
    assert_eq!(app.journal, before);
    update(&mut app, Action::ToggleHelp);
    update(&mut app, Action::Confirm);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}

// ---------------------------------------------------------------------------
// Check-in
// ---------------------------------------------------------------------------

#[test]
fn write_check_in_opens_the_form_on_the_rating() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    let form = check_in_form(&app);
    assert_eq!(form.date, today());
    assert_eq!(form.rating, None);
    assert_eq!(form.focus, CheckInField::Rating);
    assert_eq!(app.mode(), Mode::Form);
}

#[test]
fn a_digit_sets_the_rating_and_moves_to_the_reflection() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, form_key(KeyCode::Char('4')));
    let form = check_in_form(&app);
    assert_eq!(form.rating, Some(4));
    assert_eq!(form.focus, CheckInField::Reflection);
    assert_eq!(app.mode(), Mode::Note);
}

#[test]
fn digits_outside_one_to_five_are_not_ratings() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    for c in ['0', '6', '9', 'x'] {
        update(&mut app, form_key(KeyCode::Char(c)));
    }
    let form = check_in_form(&app);
    assert_eq!(form.rating, None);
    assert_eq!(form.focus, CheckInField::Rating);
}

#[test]
fn arrows_step_the_rating_within_one_to_five() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    run(&mut app, std::iter::repeat_n(form_key(KeyCode::Right), 9));
    assert_eq!(check_in_form(&app).rating, Some(5));
    run(&mut app, std::iter::repeat_n(form_key(KeyCode::Left), 9));
    assert_eq!(check_in_form(&app).rating, Some(1));
}

#[test]
fn a_multi_line_reflection_is_stored_on_submit() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, form_key(KeyCode::Char('4')));
    type_text(&mut app, "good talk");
    update(&mut app, form_key(KeyCode::Enter));
    type_text(&mut app, "tired but close");
    assert!(matches!(app.overlay, Overlay::CheckIn(_)), "Enter is a new line");
    update(&mut app, Action::Form(FormAction::Submit));

    assert_eq!(app.overlay, Overlay::None);
    let check_in = app.journal.check_in(today(), trustbank::domain::Person::A).expect("today's check-in");
    assert_eq!(check_in.rating, 4);
    assert_eq!(check_in.reflection, "good talk\ntired but close");
    assert_eq!(check_in.at, now());
    assert_eq!(app.revision, 1);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn enter_in_the_reflection_is_a_new_line_through_the_keymap() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('b'), KeyModifiers::NONE));
    assert_eq!(check_in_form(&app).reflection.text(), "a\nb");
    press(&mut app, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        app.journal.check_in(today(), trustbank::domain::Person::A).map(|c| c.reflection.as_str()),
        Some("a\nb")
    );
}

#[test]
fn a_pasted_reflection_keeps_its_lines() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::WriteCheckIn,
            form_key(KeyCode::Char('3')),
            Action::Form(FormAction::Paste("one\r\ntwo".into())),
            Action::Form(FormAction::Submit),
        ],
    );
    assert_eq!(
        app.journal.check_in(today(), trustbank::domain::Person::A).map(|c| c.reflection.as_str()),
        Some("one\ntwo")
    );
}

#[test]
fn a_check_in_without_a_rating_stays_open_with_its_text() {
    let mut app = app();
    update(&mut app, Action::WriteCheckIn);
    update(&mut app, Action::Form(FormAction::NextField));
    type_text(&mut app, "forgot the rating");
    update(&mut app, Action::Form(FormAction::Submit));
    let form = check_in_form(&app);
    assert_eq!(form.reflection.text(), "forgot the rating");
    assert!(message(&app).contains("rating"), "{:?}", app.message);
    assert!(app.journal.check_ins.is_empty());
    assert_eq!(app.revision, 0);
}

#[test]
fn rewriting_a_check_in_starts_from_the_one_there_and_keeps_its_id() {
    let mut journal = Journal::default();
    journal.set_check_in(CheckIn {
        id: Id::from("C1"),
        date: today(),
        at: at("2026-11-26T20:00:00+01:00"),
        rating: 2,
        reflection: "rough".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    let mut app = app_with(journal);
    update(&mut app, Action::WriteCheckIn);
    let form = check_in_form(&app);
    assert_eq!(form.rating, Some(2));
    assert_eq!(form.reflection.text(), "rough");
    assert_eq!(form.focus, CheckInField::Reflection);
    type_text(&mut app, ", then better");
    update(&mut app, Action::Form(FormAction::Submit));
    let check_in = app.journal.check_in(today(), trustbank::domain::Person::A).expect("still one check-in");
    assert_eq!(check_in.id, Id::from("C1"));
    assert_eq!(check_in.reflection, "rough, then better");
    assert_eq!(app.journal.check_ins.len(), 1);
}

#[test]
fn a_check_in_on_a_past_day_is_filed_under_that_day() {
    let mut app = app();
    run(
        &mut app,
        [Action::PreviousDay, Action::WriteCheckIn, form_key(KeyCode::Char('2')), Action::Form(FormAction::Submit)],
    );
    assert!(app.journal.check_in(date("2026-11-25"), trustbank::domain::Person::A).is_some());
    assert!(app.journal.check_in(today(), trustbank::domain::Person::A).is_none());
}

// ---------------------------------------------------------------------------
// Undo and redo
// ---------------------------------------------------------------------------

/// Adds, edits, deletes and checks in, returning the journal before each
/// change and after the last.
fn four_changes(app: &mut App) -> Vec<Journal> {
    let mut states = vec![app.journal.clone()];
    // Add a deposit.
    update(app, Action::AddDeposit);
    type_text(app, "new");
    update(app, Action::Form(FormAction::Submit));
    states.push(app.journal.clone());
    // Edit it (it is selected).
    update(app, Action::EditSelected);
    focus_entry_field(app, EntryField::Amount);
    clear_field(app, 3);
    type_text(app, "25c");
    update(app, Action::Form(FormAction::Submit));
    states.push(app.journal.clone());
    // Delete the first entry of the day.
    run(app, [Action::SelectPrevious, Action::SelectPrevious, Action::SelectPrevious]);
    run(app, [Action::DeleteSelected, Action::Confirm]);
    states.push(app.journal.clone());
    // Check in.
    run(app, [Action::WriteCheckIn, form_key(KeyCode::Char('5')), Action::Form(FormAction::Submit)]);
    states.push(app.journal.clone());
    states
}

#[test]
fn the_four_changes_each_change_the_journal() {
    let mut app = app_with(busy_journal());
    let states = four_changes(&mut app);
    assert_eq!(states.len(), 5);
    for pair in states.windows(2) {
        assert_ne!(pair[0], pair[1]);
    }
    assert_eq!(app.revision, 4);
}

#[test]
fn undo_gives_back_each_previous_journal_exactly() {
    let mut app = app_with(busy_journal());
    let mut states = four_changes(&mut app);
    states.pop();
    while let Some(previous) = states.pop() {
        update(&mut app, Action::Undo);
        assert_eq!(content(&app.journal), content(&previous));
        assert_balances_fresh(&app);
        assert!(message(&app).starts_with("undid: "), "{:?}", app.message);
    }
    update(&mut app, Action::Undo);
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn redo_gives_back_each_undone_journal_exactly() {
    let mut app = app_with(busy_journal());
    let states = four_changes(&mut app);
    run(&mut app, std::iter::repeat_n(Action::Undo, 4));
    assert_eq!(content(&app.journal), content(&states[0]));
    for next in &states[1..] {
        update(&mut app, Action::Redo);
        assert_eq!(content(&app.journal), content(next));
        assert_balances_fresh(&app);
        assert!(message(&app).starts_with("redid: "), "{:?}", app.message);
    }
    update(&mut app, Action::Redo);
    assert_eq!(message(&app), "nothing to redo");
}

#[test]
fn undo_and_redo_count_as_changes_to_save() {
    let mut app = app_with(busy_journal());
    four_changes(&mut app);
    update(&mut app, Action::Saved { revision: 4 });
    assert_eq!(app.save, SaveState::Saved);
    update(&mut app, Action::Undo);
    assert_eq!(app.revision, 5);
    assert_eq!(app.save, SaveState::Saving);
    update(&mut app, Action::Redo);
    assert_eq!(app.revision, 6);
}

#[test]
fn undo_names_what_it_undid() {
    let mut app = app();
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit), Action::Undo]);
    assert_eq!(message(&app), "undid: add a deposit of $0.10");
}

#[test]
fn a_new_change_ends_the_redo_trail() {
    let mut app = app();
    run(
        &mut app,
        [
            Action::AddDeposit,
            Action::Form(FormAction::Submit),
            Action::Undo,
            Action::AddWithdrawal,
            Action::Form(FormAction::Submit),
            Action::Redo,
        ],
    );
    assert_eq!(message(&app), "nothing to redo");
    assert_eq!(app.journal.entries.len(), 1);
    assert_eq!(app.journal.entries[0].kind, EntryKind::Withdrawal);
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let mut app = app_with(busy_journal());
    let before = app.journal.clone();
    update(&mut app, Action::Undo);
    assert_eq!(message(&app), "nothing to undo");
    assert_eq!(app.journal, before);
    assert_eq!(app.revision, 0);
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn undoing_a_delete_keeps_the_selection_on_the_day() {
    let mut app = app_with(busy_journal());
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 2));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    update(&mut app, Action::Undo);
    assert_eq!(app.day_entries().len(), 3);
    assert!(app.selected < 3);
}

#[test]
fn undo_after_deleting_an_only_entry_and_redo_leave_a_valid_selection() {
    let mut app = app_with(journal_with(vec![entry("E1", "2026-11-26", "09:00", EntryKind::Deposit, 10, "")]));
    run(&mut app, [Action::DeleteSelected, Action::Confirm, Action::Undo, Action::Redo]);
    assert!(app.journal.entries.is_empty());
    assert_eq!(app.selected, 0);
}

// ---------------------------------------------------------------------------
// Read-only
// ---------------------------------------------------------------------------

#[test]
fn read_only_refuses_to_add_with_a_message() {
    let mut app = read_only_app();
    for action in [Action::AddDeposit, Action::AddWithdrawal] {
        update(&mut app, action);
        assert_eq!(app.overlay, Overlay::None);
        assert!(message(&app).contains("read-only"), "{:?}", app.message);
        assert!(message(&app).contains("another trustbank has it open"), "{:?}", app.message);
    }
}

#[test]
fn read_only_refuses_to_undo_or_redo_with_a_message() {
    let mut app = read_only_app();
    for action in [Action::Undo, Action::Redo] {
        update(&mut app, action);
        assert!(message(&app).contains("read-only"), "{:?}", app.message);
    }
    assert_eq!(app.revision, 0);
}

#[test]
fn read_only_refuses_edit_delete_and_check_in() {
    let mut app = read_only_app();
    let before = app.journal.clone();
    for action in [Action::EditSelected, Action::DeleteSelected, Action::WriteCheckIn] {
        update(&mut app, action.clone());
        assert_eq!(app.overlay, Overlay::None, "{action:?}");
        assert!(message(&app).contains("read-only"), "{action:?}");
    }
    assert_eq!(app.journal, before);
}

#[test]
fn read_only_still_browses() {
    let mut app = read_only_app();
    run(&mut app, [Action::PreviousDay, Action::GoToToday, Action::SelectNext, Action::NextTab, Action::ToggleHelp]);
    assert_eq!(app.selected, 1);
    assert_eq!(app.tab, Tab::Commitments);
    assert_eq!(app.overlay, Overlay::Help { scroll: 0 });
}

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

/// An app with `n` changes made (deposits added).
fn app_with_changes(n: usize) -> App {
    let mut app = app();
    for _ in 0..n {
        run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    }
    assert_eq!(app.revision, n as u64);
    app
}

#[test]
fn saved_for_the_newest_revision_means_saved() {
    let mut app = app_with_changes(1);
    assert_eq!(app.save, SaveState::Saving);
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saved);
    assert_eq!(app.saved, 1);
    assert!(!app.unsaved());
}

#[test]
fn saved_for_an_older_revision_is_still_saving() {
    let mut app = app_with_changes(2);
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saving);
    assert!(app.unsaved());
}

#[test]
fn a_late_saved_never_moves_saved_backwards() {
    let mut app = app_with_changes(2);
    update(&mut app, Action::Saved { revision: 2 });
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.saved, 2);
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn save_failed_shows_the_error_until_a_save_succeeds() {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    assert_eq!(app.save, SaveState::Failed("disk full".into()));
    assert!(app.unsaved());
    update(&mut app, Action::Saved { revision: 1 });
    assert_eq!(app.save, SaveState::Saved);
}

#[test]
fn a_change_after_a_failure_is_saving_again() {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.save, SaveState::Saving);
}

#[test]
fn read_only_stays_read_only_whatever_the_writer_says() {
    let mut app = read_only_app();
    update(&mut app, Action::Saved { revision: 0 });
    assert!(matches!(app.save, SaveState::ReadOnly(_)));
    update(&mut app, Action::SaveFailed { revision: 0, error: "nope".into() });
    assert_eq!(app.save, SaveState::ReadOnly("another trustbank has it open".into()));
}

// ---------------------------------------------------------------------------
// Quitting
// ---------------------------------------------------------------------------

fn failing_app() -> App {
    let mut app = app_with_changes(1);
    update(&mut app, Action::SaveFailed { revision: 1, error: "disk full".into() });
    app
}

#[test]
fn quit_when_saved_quits_at_once() {
    let mut app = app();
    update(&mut app, Action::Quit);
    assert!(!app.running);
}

#[test]
fn quit_while_saving_quits_at_once() {
    // The writer is still flushing; the event loop waits for it.
    let mut app = app_with_changes(1);
    update(&mut app, Action::Quit);
    assert!(!app.running);
}

#[test]
fn quit_with_a_failed_save_asks_first() {
    let mut app = failing_app();
    update(&mut app, Action::Quit);
    assert!(app.running);
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert_eq!(app.mode(), Mode::Confirm);
}

#[test]
fn no_to_quitting_keeps_running() {
    let mut app = failing_app();
    run(&mut app, [Action::Quit, Action::Close]);
    assert!(app.running);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn yes_to_quitting_quits() {
    let mut app = failing_app();
    run(&mut app, [Action::Quit, Action::Confirm]);
    assert!(!app.running);
}

#[test]
fn terminate_with_a_failed_save_quits_at_once() {
    let mut app = failing_app();
    update(&mut app, Action::Terminate);
    assert!(!app.running);
    assert_ne!(app.overlay, Overlay::ConfirmQuit);
}

#[test]
fn q_in_a_form_is_text_not_quit() {
    let mut app = app();
    press(&mut app, KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    press(&mut app, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert!(app.running);
    assert_eq!(entry_form(&app).note.text(), "q");
}

// ---------------------------------------------------------------------------
// Selections kept in range when commitments change
// ---------------------------------------------------------------------------

/// "walk together", due every day since 1 November.
fn daily_commitment() -> Commitment {
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

fn app_with_commitment() -> App {
    let mut journal = busy_journal();
    journal.commitments.push(daily_commitment());
    app_with(journal)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn undoing_a_new_commitment_keeps_the_commitments_selection_on_a_line() {
    let mut app = app_with_commitment();
    for c in ['2', 'n', 'a'] {
        press(&mut app, key(c));
    }
    press(&mut app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(app.journal.commitments.len(), 2, "{:?}", app.message);
    press(&mut app, key('u'));
    assert_eq!(app.journal.commitments.len(), 1);
    assert!(
        app.commitment_selected < app.journal.commitments.len(),
        "commitment_selected is {} with {} commitment(s)",
        app.commitment_selected,
        app.journal.commitments.len()
    );
    assert!(app.selected_commitment().is_some());
}

#[test]
fn unmarking_from_the_commitments_tab_keeps_the_today_selection_on_a_line() {
    let mut app = app_with_commitment();
    // Today: the due commitment, then three entries.
    assert_eq!(app.today_rows(), 4);
    press(&mut app, key('2'));
    press(&mut app, key(' '));
    press(&mut app, key('1'));
    // Marking kept posted a fifth line; select it.
    assert_eq!(app.today_rows(), 5);
    for _ in 0..5 {
        press(&mut app, key('j'));
    }
    assert_eq!(app.selected, 4);
    // The same mark again clears it, and its entry goes.
    press(&mut app, key('2'));
    press(&mut app, key(' '));
    assert_eq!(app.today_rows(), 4);
    assert!(app.selected < app.today_rows(), "selected is {} of {} rows", app.selected, app.today_rows());
}

/// Opens a repair from the Repair tab with this title.
fn open_repair(app: &mut App, title: &str) {
    run(app, [Action::SelectTab(Tab::Repair), Action::NewRepair]);
    type_text(app, title);
    update(app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
}

#[test]
fn undoing_a_new_repair_keeps_the_repair_selection_on_a_line() {
    let mut app = app();
    open_repair(&mut app, "the hidden account");
    open_repair(&mut app, "the missed birthday");
    assert_eq!(app.journal.repairs.len(), 2);
    update(&mut app, Action::Undo);
    assert_eq!(app.journal.repairs.len(), 1);
    assert!(
        app.repair_selected < app.journal.repairs.len(),
        "repair_selected is {} with {} repair(s)",
        app.repair_selected,
        app.journal.repairs.len()
    );
    assert!(app.selected_repair().is_some());
}

#[test]
fn submit_selects_the_new_entry_below_the_due_commitments() {
    let mut app = app_with_commitment();
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.selected_entry().map(|e| e.at), Some(now()), "selected line {}", app.selected);
}

#[test]
fn deleting_the_last_line_below_a_due_commitment_selects_the_new_last_line() {
    let mut app = app_with_commitment();
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 3));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
    run(&mut app, [Action::DeleteSelected, Action::Confirm]);
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E2")));
}

#[test]
fn undo_keeps_the_selected_line_below_a_due_commitment() {
    let mut app = app_with_commitment();
    run(&mut app, [Action::WriteCheckIn, form_key(KeyCode::Char('3')), Action::Form(FormAction::Submit)]);
    run(&mut app, std::iter::repeat_n(Action::SelectNext, 3));
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
    update(&mut app, Action::Undo);
    assert!(app.journal.check_ins.is_empty());
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(Id::from("E3")));
}

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
