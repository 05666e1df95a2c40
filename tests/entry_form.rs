//! The entry form as a new user meets it (issue 19, items 4, 5, 6 and 16):
//! a note that wraps, an amount that says what it means and is asked about
//! past the largest size, the default category from the settings, and a
//! box that hides the list behind it.
//!
//! "Now" is Thursday 26 November 2026, 21:00 at +01:00.

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::form::{EntryField, EntryForm, in_coins};
use trustbank::app::keymap::Mode;
use trustbank::app::{Action, App, FormAction, Overlay, update};
use trustbank::domain::settings::Settings;
use trustbank::domain::{Amount, EntryKind, Journal, Person};

mod support;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a valid time")
}

fn app() -> App {
    App::new(Journal::default(), now(), None)
}

fn entry_form(app: &App) -> &EntryForm {
    match &app.overlay {
        Overlay::Entry(form) => form,
        other => panic!("expected the entry form, found {other:?}"),
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
    }
}

/// A deposit form with `note`, and `amount` typed over the default.
fn deposit(app: &mut App, note: &str, amount: &str) {
    update(app, Action::AddDeposit);
    type_text(app, note);
    update(app, Action::Form(FormAction::NextField));
    assert_eq!(entry_form(app).focus, EntryField::Amount);
    type_text(app, amount);
}

#[test]
fn an_amount_says_what_it_means_in_coins() {
    let s = Settings::default();
    let mut app = app();
    deposit(&mut app, "", "10");
    assert_eq!(entry_form(&app).meaning(&s).as_deref(), Some("= $10.00, 100 dimes"));
    assert_eq!(in_coins(Amount(25), &s).as_deref(), Some("a quarter"));
    assert_eq!(in_coins(Amount(37), &s).as_deref(), Some("37 pennies"));
    assert_eq!(in_coins(Amount(150), &s).as_deref(), Some("15 dimes"));
    // Beside the field on screen, not only in the model.
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("= $10.00, 100 dimes"), "{screen}");
}

#[test]
fn a_wipe_says_it_takes_the_balance_to_zero() {
    let mut app = app();
    update(&mut app, Action::AddWithdrawal);
    update(&mut app, Action::Form(FormAction::NextField));
    type_text(&mut app, "wipe");
    assert_eq!(entry_form(&app).meaning(&Settings::default()).as_deref(), Some("= the balance to $0"));
}

#[test]
fn an_amount_past_the_largest_size_is_asked_about_once_and_n_goes_back_to_it() {
    let mut app = app();
    deposit(&mut app, "picked up Mia", "10");
    update(&mut app, Action::Form(FormAction::Submit));
    assert!(matches!(app.overlay, Overlay::ConfirmAmount(_)), "asks: {:?}", app.overlay);
    assert_eq!(app.mode(), Mode::Confirm);
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("A deposit of $10.00 (100 dimes)?"), "{screen}");
    assert!(screen.contains("y save it"), "{screen}");
    assert!(app.journal.entries.is_empty(), "nothing saved before the answer");

    // n: back to the form, on the amount, with every letter.
    update(&mut app, Action::Close);
    let form = entry_form(&app);
    assert_eq!(
        (form.focus, form.note.text(), form.amount.text()),
        (EntryField::Amount, "picked up Mia".into(), "10".into())
    );

    // Meant after all: y saves, and the same amount is not asked again.
    update(&mut app, Action::Form(FormAction::Submit));
    update(&mut app, Action::Confirm);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.journal.entries.len(), 1);
    assert_eq!(app.journal.entries[0].amount, Amount(1000));
}

#[test]
fn amounts_within_the_sizes_and_unchanged_edits_are_not_asked_about() {
    let mut app = app();
    deposit(&mut app, "coffee", "25c");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "a quarter is a size");
    assert_eq!(app.journal.entries[0].amount, Amount(25));

    // A withdrawal's sizes go to $20.
    update(&mut app, Action::AddWithdrawal);
    update(&mut app, Action::Form(FormAction::NextField));
    type_text(&mut app, "$20");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None);

    // A large deposit said yes to once is not asked about when edited.
    deposit(&mut app, "a weekend away", "$5");
    update(&mut app, Action::Form(FormAction::Submit));
    update(&mut app, Action::Confirm);
    let big = app.journal.entries.iter().find(|e| e.amount == Amount(500)).expect("saved").id.clone();
    app.selected = app.today_rows() - 1;
    assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(big));
    update(&mut app, Action::EditSelected);
    type_text(&mut app, " together");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.journal.entries.iter().any(|e| e.note == "a weekend away together"));
}

#[test]
fn new_withdrawals_start_on_the_settings_category_and_the_form_says_so() {
    let mut app = app();
    update(&mut app, Action::AddWithdrawal);
    assert_eq!(entry_form(&app).category, "let down");
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("the default for new withdrawals (S settings changes it)"), "{screen}");

    let mut journal = Journal::default();
    journal.settings.default_withdrawal_category = "harsh word".into();
    let mut app = App::new(journal, now(), None);
    update(&mut app, Action::AddWithdrawal);
    assert_eq!(entry_form(&app).category, "harsh word");
    // A wipe is a betrayal, whatever the default.
    update(&mut app, Action::Form(FormAction::NextField));
    type_text(&mut app, "wipe");
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.journal.entries[0].kind, EntryKind::Wipe);
    assert_eq!(app.journal.entries[0].category, "betrayal");
}

#[test]
fn a_long_note_wraps_over_three_lines_in_the_form() {
    let mut app = app();
    update(&mut app, Action::AddDeposit);
    let note = "Picked up Mia on time and we talked the whole drive home about her day at school";
    type_text(&mut app, note);
    let screen = support::screen::of(&app, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines.iter().position(|l| l.contains("Note      Picked up Mia")).expect("the note's first line");
    assert!(lines[first + 1].contains("at school"), "the rest on the line below:\n{screen}");
    // And when the focus moves on, the note still shows whole.
    update(&mut app, Action::Form(FormAction::NextField));
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("at school"), "{screen}");
}

#[test]
fn the_form_hides_the_list_on_both_sides() {
    let mut journal = Journal::default();
    for i in 0..8 {
        let time = format!("{:02}:00", 8 + i);
        let note = "x".repeat(70);
        let e = support::journal::entry(
            &format!("E{i}"),
            "2026-11-26",
            &time,
            EntryKind::Deposit,
            10,
            "positive interaction",
            Person::A,
            &note,
        );
        journal.insert_entry(e);
    }
    let mut app = App::new(journal, now(), None);
    update(&mut app, Action::AddDeposit);
    let screen = support::screen::of(&app, 80, 24);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("│Note") || l.contains("│Amount")).collect();
    assert_eq!(rows.len(), 2, "{screen}");
    for row in rows {
        // The panel's border, then at once the form's.
        assert!(row.starts_with("││") && row.ends_with("││"), "nothing of the list beside the form: {row:?}");
    }
}

// ---------------------------------------------------------------------------
// The settings behind the form (issue 19, items 6 and 10)
// ---------------------------------------------------------------------------

use trustbank::app::settings_form::{SettingsField, SettingsForm};
use trustbank::domain::People;

fn settings_form() -> SettingsForm {
    SettingsForm::new(&Settings::default(), &People::new("Sam", "Alex"), Person::A, false)
}

fn focus_settings(form: &mut SettingsForm, field: SettingsField) {
    for _ in 0..form.fields().len() {
        if form.focus == field {
            return;
        }
        form.move_focus(1);
    }
    panic!("no {field:?} in the settings");
}

#[test]
fn the_default_withdrawal_category_is_picked_in_the_settings() {
    let mut form = settings_form();
    focus_settings(&mut form, SettingsField::DefaultWithdrawal);
    assert_eq!(form.picker(SettingsField::DefaultWithdrawal), "let down");
    form.key(KeyEvent::from(KeyCode::Left));
    assert_eq!(form.picker(SettingsField::DefaultWithdrawal), "betrayal");
    let (settings, _) = form.build().expect("sound");
    assert_eq!(settings.default_category(true), "betrayal");
}

#[test]
fn the_categories_figures_depend_on_cannot_be_removed() {
    let mut form = settings_form();
    focus_settings(&mut form, SettingsField::DepositCategories);
    form.deposit_categories.set("positive interaction, truth spoken, turned toward a bid");
    let refused = form.check(SettingsField::DepositCategories).expect_err("refused");
    assert_eq!(refused, "\"commitment kept\" stays: kept commitments' deposits are counted by it");
    assert_eq!(form.build().err(), Some(SettingsField::DepositCategories));
    form.withdrawal_categories.set("commitment missed, betrayal");
    assert!(form.check(SettingsField::WithdrawalCategories).expect_err("refused").contains("turned away"));
    // Others are renamed, moved and removed freely.
    form.deposit_categories.set("commitment kept, turned toward a bid, kindness");
    form.withdrawal_categories.set("turned away, commitment missed, let down");
    let (settings, _) = form.build().expect("sound");
    assert_eq!(settings.deposit_categories, ["commitment kept", "turned toward a bid", "kindness"]);
}

#[test]
fn sizes_named_by_their_amount_are_said_once_and_the_day_end_can_change() {
    let mut form = settings_form();
    assert_eq!(form.withdrawal_presets.text(), "$1, $5, $20");
    assert_eq!(form.day_ends.text(), "04:00");
    form.day_ends.set("2am");
    let (settings, _) = form.build().expect("sound");
    assert_eq!(settings.day_ends_at, chrono::NaiveTime::from_hms_opt(2, 0, 0).expect("a time"));
    assert_eq!(settings.withdrawal_presets, Settings::default().withdrawal_presets);
    form.day_ends.set("18:00");
    assert!(form.check(SettingsField::DayEnds).is_err(), "an evening hour is not the night after");
}

/// A key pressed as the terminal gives it, through the keymap.
fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let event = KeyEvent::new(code, modifiers);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &event).expect("a bound key");
    update(app, action);
}

#[test]
fn categories_are_edited_as_a_list_one_per_line() {
    let mut app = app();
    update(&mut app, Action::OpenSettings);
    while !matches!(&app.overlay, Overlay::Settings(f) if f.focus == SettingsField::DepositCategories) {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    // In the list Enter starts a new line; typing does not replace the list.
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    type_text(&mut app, "gentle honesty");
    // Alt-↑ moves it above the last one.
    press(&mut app, KeyCode::Up, KeyModifiers::ALT);
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("one per line: Enter adds, Alt-↑/↓ moves"), "{screen}");
    assert!(screen.contains("│                        gentle honesty"), "one per line on screen: {screen}");
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(app.overlay, Overlay::None), "saved: {:?}", app.overlay);
    let mut expected = Settings::default().deposit_categories;
    let last = expected.pop().expect("a category");
    expected.extend(["gentle honesty".to_string(), last]);
    assert_eq!(app.journal.settings.deposit_categories, expected);
    // Closed again, the list reads as one line.
    update(&mut app, Action::OpenSettings);
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("Deposit categories      positive interaction · commitment kept"), "{screen}");
}
