//! How the demo's four tabs are laid out at 80×24 and at 200×50: text cut
//! by a narrow screen ends in `…` and keeps the number before its unit; a
//! wide screen reads across, columns sized to what they hold.

use chrono::{DateTime, FixedOffset};
use trustbank::app::{Action, App, Tab, update};
use trustbank::generate;

mod support;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

fn demo_on(tab: Tab) -> App {
    let mut app = App::new(generate::demo(now()), now(), None);
    update(&mut app, Action::SelectTab(tab));
    app
}

/// The column (in characters, as every cell here is one wide) where
/// `needle` starts on the first line holding it.
fn column(screen: &str, needle: &str) -> usize {
    let line = screen.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} in\n{screen}"));
    line[..line.find(needle).unwrap_or_default()].chars().count()
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} in\n{screen}"))
}

#[test]
fn a_commitment_title_too_long_for_80_columns_is_cut_with_an_ellipsis() {
    let mut app = demo_on(Tab::Commitments);
    let long = "Pay the credit card in full, every month, before the statement closes";
    let c = app.journal.commitments.iter_mut().find(|c| c.title == "Pay the credit card in full").expect("demo");
    c.title = long.into();
    let screen = support::screen::of(&app, 80, 24);
    let row = line_with(&screen, "Pay the credit card in full,");
    assert!(row.contains("…"), "the cut title ends in an ellipsis: {row}");
    assert!(row.contains("monthly on the 28th"), "the columns after it are whole: {row}");
    // The legend of the grid is whole too.
    assert!(screen.contains("✓ kept ✗ missed ~ excused ? open · not due"), "{screen}");
    // At 80 columns the demo's own title fits whole.
    let screen = support::screen::of(&demo_on(Tab::Commitments), 80, 24);
    assert!(screen.contains("Pay the credit card in full "), "{screen}");
}

#[test]
fn the_repair_tab_at_80x24_ends_each_cut_in_an_ellipsis() {
    let app = demo_on(Tab::Repair);
    let screen = support::screen::of(&app, 80, 24);
    assert!(screen.contains("│The hidden credit c…│"), "the repair's title in the list: {screen}");
    // The folded steps show their first sentence, cut with `…`.
    let folded = line_with(&screen, "The partner who caused the hurt");
    assert!(folded.ends_with("…│"), "{folded}");
    // The open step does not fit: its last line says there is more.
    assert!(screen.contains("… more: Enter opens the whole step"), "{screen}");
}

#[test]
fn the_balance_tab_at_80x24_gives_the_plot_seven_rows_and_keeps_the_weeks_to_go() {
    let screen = support::screen::of(&demo_on(Tab::Balance), 80, 24);
    // Rows of the plot: those with the y axis's line in the chart's panel.
    let plot = screen.lines().filter(|l| l.chars().nth(6) == Some('│')).count();
    assert!(plot >= 7, "{plot} rows (there were 5):\n{screen}");
    assert!(screen.contains("about 10 weeks"), "the repair's line keeps its number and unit: {screen}");
    // Kept, missed, excused and open add up to those due: 4 + 0 + 0 + 2 = 6.
    assert!(line_with(&screen, "Missed · excused · open").contains("0 · 0 · 2"), "{screen}");
}

#[test]
fn a_wide_screen_reads_across_with_columns_sized_to_their_content() {
    // Today: the schedule beside the title, not at the far right.
    let screen = support::screen::of(&demo_on(Tab::Today), 200, 50);
    let title = column(&screen, "Pick up Mia from school");
    assert_eq!(column(&screen, "weekdays"), title + "Pick up Mia from school ".len(), "{screen}");
    // Commitments: "when" just after the longest title.
    let screen = support::screen::of(&demo_on(Tab::Commitments), 200, 50);
    assert!(column(&screen, "when") < 40, "{screen}");
    assert!(column(&screen, "today") < 100, "{screen}");
    // The review: this week and last week side by side.
    let screen = support::screen::of(&demo_on(Tab::Balance), 200, 50);
    let apart = column(&screen, "last week") - column(&screen, "this week");
    assert!(apart < 40, "{apart} columns apart:\n{screen}");
    // Repair: each figure of the long game on one line with its label.
    let screen = support::screen::of(&demo_on(Tab::Repair), 200, 50);
    let deposits = line_with(&screen, "Deposits since");
    assert!(deposits.contains("· $"), "{deposits}");
    assert!(line_with(&screen, "Before the injury").contains('$'), "{screen}");
}

#[test]
fn the_demo_is_drawn_without_a_joiner_reaching_the_terminal() {
    let mut journal = generate::demo(now());
    let note = "family 👨\u{200d}👩\u{200d}👧 day";
    let today = now().date_naive();
    let e = journal.entries.iter_mut().rev().find(|e| e.date == today).expect("the demo has entries today");
    e.note = note.into();
    let app = App::new(journal, now(), None);
    for (w, h) in [(80, 24), (200, 50)] {
        let screen = support::screen::of(&app, w, h);
        // (The cell the picture covers reads as a blank here.)
        assert!(screen.contains("family 👨  day"), "{screen}");
        assert!(!screen.contains('\u{200d}'), "{screen}");
    }
}

#[test]
fn kept_rates_are_rounded_not_cut() {
    // The demo's week: 4 of 6 kept is 66.7%, shown as 67%, not 66%.
    let screen = support::screen::of(&demo_on(Tab::Balance), 80, 24);
    assert!(line_with(&screen, "Commitments kept").contains("4 of 6 due (67%)"), "{screen}");
    let screen = support::screen::of(&demo_on(Tab::Commitments), 80, 24);
    assert!(line_with(&screen, "Date night").contains("67%"), "{screen}");
}
