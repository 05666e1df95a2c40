//! `update` for moving around: the start, the tabs, the help, the days
//! and the selection.
//!
//! Time is always passed in: see `support::app` for the fixed "now".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
mod support;

use support::app::{
    app, app_with, at, busy_journal, daily_commitment, date, entry, journal_with, message, press, run, shift_tab, today,
};
use trustbank::app::keymap::{Mode, action_for};
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, Tab, update};
use trustbank::domain::{Balances, Commitment, EntryKind, Id, Journal, Person, Repair};

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

#[test]
fn lists_move_like_lists_and_say_when_they_go_on_below_the_fold() {
    let entries: Vec<_> = (0..30)
        .map(|i| {
            entry(
                &format!("E{i:02}"),
                "2026-11-26",
                &format!("{:02}:{:02}", 8 + i / 6, i % 6 * 10),
                EntryKind::Deposit,
                10,
                &format!("entry {i}"),
            )
        })
        .collect();
    let mut app = app_with(journal_with(entries));
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("↓ 15 more│"), "the list says how much is below: {shown}");
    press(&mut app, KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(app.selected, 29, "G: the last line");
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("entry 29") && !shown.contains("more│"), "at the end nothing is below: {shown}");
    press(&mut app, key(KeyCode::PageUp));
    assert_eq!(app.selected, 19, "a page is ten lines");
    press(&mut app, key(KeyCode::Home));
    assert_eq!(app.selected, 0);
    press(&mut app, key(KeyCode::PageDown));
    press(&mut app, key(KeyCode::PageDown));
    press(&mut app, key(KeyCode::PageDown));
    press(&mut app, key(KeyCode::PageDown));
    assert_eq!(app.selected, 29, "a page down stops at the last line");
    press(&mut app, key(KeyCode::Char('g')));
    assert_eq!(app.selected, 0, "g: the first line");
}
