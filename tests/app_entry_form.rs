//! `update` for the entry form: adding deposits and withdrawals, presets,
//! errors, and the repair a wipe offers.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{
    app, app_with, assert_balances_fresh, busy_journal, clear_field, date, entry_form, focus_entry_field, form_key,
    now, press, run, shift_tab, today, type_text,
};
use trustbank::app::form::EntryField;
use trustbank::app::keymap::Mode;
use trustbank::app::offer::Offer;
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, update};
use trustbank::domain::{Amount, EntryKind, Person};

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
