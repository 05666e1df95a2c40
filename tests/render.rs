//! The views, drawn into ratatui's `TestBackend` and read back from the
//! buffer: text, colours and the sizes they must survive.
//!
//! "Now" is Thursday 26 November 2026, 21:00 at +01:00.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use trustbank::app::keymap::{BINDINGS, Binding};
use trustbank::app::{Action, App, FormAction, Overlay, SaveState, Tab, update};
use trustbank::domain::{CheckIn, EntryKind, Id, Journal, Person};
use trustbank::ui::{Theme, render};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

mod support;

use support::journal::entry;

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

const NOW: &str = "2026-11-26T21:00:00+01:00";

/// The date of [`NOW`].
const TODAY: &str = "2026-11-26";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a valid RFC 3339 time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid YYYY-MM-DD date")
}

/// Today: a deposit with a note, a withdrawal, a wipe, and a check-in.
fn journal_with_entries() -> Journal {
    let mut journal = Journal::default();
    for e in [
        entry("E1", TODAY, "08:15", EntryKind::Deposit, 10, "positive interaction", Person::A, "coffee in bed"),
        entry("E2", TODAY, "12:30", EntryKind::Withdrawal, 100, "harsh word", Person::B, "snapped at lunch"),
        entry("E3", TODAY, "18:00", EntryKind::Wipe, 0, "betrayal", Person::A, "the hidden account"),
    ] {
        journal.insert_entry(e);
    }
    journal.set_check_in(CheckIn {
        id: Id::from("C1"),
        date: date("2026-11-26"),
        at: at(NOW),
        rating: 4,
        reflection: "good talk after dinner".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    journal
}

fn app_with_entries() -> App {
    App::new(journal_with_entries(), at(NOW), None)
}

fn empty_app() -> App {
    App::new(Journal::default(), at(NOW), None)
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

fn form_key(c: char) -> Action {
    Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

// ---------------------------------------------------------------------------
// Drawing and reading the buffer back
// ---------------------------------------------------------------------------

fn draw(app: &App, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| render(frame, app, theme)).expect("drawing into a TestBackend");
    terminal.backend().buffer().clone()
}

/// The buffer as lines of text, trailing spaces trimmed. A wide character
/// fills two cells; the cell it covers is skipped.
fn buffer_lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut covered = 0;
            for x in area.left()..area.right() {
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                covered = symbol.width().saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    buffer_lines(&draw(app, &Theme::dark(), width, height)).join("\n")
}

/// The position of the first cell where `needle` starts, on one line.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let lines = buffer_lines(buffer);
    lines.iter().enumerate().find_map(|(y, line)| {
        line.find(needle).map(|byte| {
            // Column = display width of what comes before.
            let x = line[..byte].width();
            (x as u16, y as u16)
        })
    })
}

fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in the screen:\n{text}");
}

fn assert_lacks(text: &str, needle: &str) {
    assert!(!text.contains(needle), "did not expect {needle:?} in the screen:\n{text}");
}

// ---------------------------------------------------------------------------
// Today
// ---------------------------------------------------------------------------

#[test]
fn today_at_80x24_shows_each_entry_on_its_line() {
    let text = screen(&app_with_entries(), 80, 24);
    assert_contains(&text, "Thursday 26 November 2026 · today");
    assert_contains(&text, "08:15 + $0.10");
    assert_contains(&text, "positive interaction");
    assert_contains(&text, "coffee in bed");
    assert_contains(&text, "12:30 - $1.00");
    assert_contains(&text, "Partner, by Me snapped at lunch");
    assert_contains(&text, "18:00 - wipe");
    assert_contains(&text, "the hidden account");
    assert_contains(&text, "time  amount     category");
}

#[test]
fn today_at_80x24_shows_the_day_figures() {
    let text = screen(&app_with_entries(), 80, 24);
    assert_contains(&text, "Day net $0.00 · Balance at day end $0.00 · Week to date $0.00");
}

#[test]
fn today_at_80x24_with_entries_snapshot() {
    insta::assert_snapshot!("today_with_entries_80x24", screen(&app_with_entries(), 80, 24));
}

/// A day whose three figures differ and none is zero: a deposit in last
/// week, one on Monday, and today's deposit and withdrawal.
#[test]
fn today_at_80x24_with_figures_that_are_not_zero_snapshot() {
    let mut journal = Journal::default();
    for e in [
        entry("F1", "2026-11-22", "20:00", EntryKind::Deposit, 50, "quality time", Person::B, "a walk on Sunday"),
        entry("F2", "2026-11-23", "19:00", EntryKind::Deposit, 200, "commitment kept", Person::A, "paid the bill"),
        entry("F3", TODAY, "08:15", EntryKind::Deposit, 10, "positive interaction", Person::A, "coffee in bed"),
        entry("F4", TODAY, "12:30", EntryKind::Withdrawal, 100, "harsh word", Person::B, "snapped at lunch"),
    ] {
        journal.insert_entry(e);
    }
    let text = screen(&App::new(journal, at(NOW), None), 80, 24);
    assert_contains(&text, "Day net -$0.90 · Balance at day end $1.60 · Week to date +$1.10");
    insta::assert_snapshot!("today_with_figures_80x24", text);
}

#[test]
fn today_at_120x40_shows_entries_check_in_and_the_footer_keys() {
    let text = screen(&app_with_entries(), 120, 40);
    assert_contains(&text, "08:15 + $0.10");
    assert_contains(&text, "12:30 - $1.00");
    assert_contains(&text, "18:00 - wipe");
    assert_contains(&text, "Check-in  ●●●●○ 4/5 connection");
    assert_contains(&text, "good talk after dinner");
    assert_contains(footer(&text), "a deposit");
    assert_contains(footer(&text), "x delete");
    assert_contains(footer(&text), "? help");
    assert!(footer(&text).ends_with("saved"), "{}", footer(&text));
}

#[test]
fn the_header_shows_the_tabs_and_the_date() {
    let text = screen(&app_with_entries(), 80, 24);
    let header = text.lines().next().unwrap_or("");
    assert_contains(header, "1 Today");
    assert_contains(header, "2 Commitments");
    assert_contains(header, "3 Balance");
    assert_contains(header, "4 Repair");
    assert_contains(header, "Thu 26 Nov 2026");
}

#[test]
fn a_day_before_today_is_called_yesterday() {
    let mut app = empty_app();
    update(&mut app, Action::PreviousDay);
    assert_contains(&screen(&app, 80, 24), "Wednesday 25 November 2026 · yesterday");
    update(&mut app, Action::PreviousDay);
    assert_contains(&screen(&app, 80, 24), "· 2 days ago");
}

#[test]
fn the_balance_follows_the_day_figures() {
    let mut journal = Journal::default();
    journal.insert_entry(entry("D1", TODAY, "09:00", EntryKind::Deposit, 25, "appreciation", Person::A, ""));
    journal.insert_entry(entry("D2", TODAY, "10:00", EntryKind::Deposit, 5, "appreciation", Person::A, ""));
    let app = App::new(journal, at(NOW), None);
    assert_contains(&screen(&app, 80, 24), "Day net +$0.30 · Balance at day end $0.30 · Week to date +$0.30");
}

#[test]
fn an_empty_day_shows_the_nothing_noted_hint() {
    let text = screen(&empty_app(), 80, 24);
    assert_contains(&text, "Nothing noted on this day yet");
    assert_contains(&text, "a adds a deposit, w a withdrawal");
    assert_lacks(&text, "time  amount");
}

#[test]
fn an_empty_day_says_the_check_in_is_not_written() {
    assert_contains(&screen(&empty_app(), 80, 24), "Check-in  not written yet");
}

#[test]
fn an_empty_day_at_80x24_snapshot() {
    insta::assert_snapshot!("empty_day_80x24", screen(&empty_app(), 80, 24));
}

#[test]
fn the_check_in_shows_its_rating_and_reflection() {
    let text = screen(&app_with_entries(), 80, 24);
    assert_contains(&text, "Check-in  ●●●●○ 4/5 connection");
    assert_contains(&text, "good talk after dinner");
}

#[test]
fn a_multi_line_reflection_shows_every_line() {
    let mut journal = Journal::default();
    journal.set_check_in(CheckIn {
        id: Id::from("C1"),
        date: date("2026-11-26"),
        at: at(NOW),
        rating: 2,
        reflection: "hard day\nwe still talked".into(),
        by: trustbank::domain::Person::A,
        updated: 0,
    });
    let text = screen(&App::new(journal, at(NOW), None), 80, 24);
    assert_contains(&text, "●●○○○ 2/5 connection");
    assert_contains(&text, "hard day");
    assert_contains(&text, "we still talked");
}

#[test]
fn wide_and_emoji_notes_are_drawn_whole() {
    let mut journal = Journal::default();
    journal.insert_entry(entry(
        "U1",
        TODAY,
        "09:00",
        EntryKind::Deposit,
        10,
        "quality time",
        Person::A,
        "一緒に散歩 🚶",
    ));
    assert_contains(&screen(&App::new(journal, at(NOW), None), 80, 24), "一緒に散歩 🚶");
}

/// A family emoji is one grapheme that some terminals draw in two columns
/// and others (tmux, VTE) in six: drawn as its first picture, every
/// terminal puts the rest of the row, border included, where ratatui did.
#[test]
fn a_joined_emoji_is_drawn_as_one_picture_and_keeps_the_border_in_place() {
    let mut journal = Journal::default();
    let note = "family 👨\u{200d}👩\u{200d}👧 time and a note long enough to be cut at the right edge of the screen";
    journal.insert_entry(entry("U1", TODAY, "09:00", EntryKind::Deposit, 10, "quality time", Person::A, note));
    let buffer = draw(&App::new(journal.clone(), at(NOW), None), &Theme::dark(), 80, 24);
    assert!(buffer.content.iter().all(|c| !c.symbol().contains('\u{200d}')), "no joiner reaches the terminal");
    let lines = buffer_lines(&buffer);
    let row = lines.iter().find(|l| l.contains("family")).expect("the entry's row");
    assert!(row.contains("family 👨 time"), "{row}");
    assert!(row.ends_with("…│"), "cut with an ellipsis, border in the last column: {row}");
    // Counted part by part, as a terminal that does not join them does.
    let by_parts: usize = row.chars().map(|c| c.width().unwrap_or(0)).sum();
    assert_eq!(by_parts, 80, "{row}");
    assert_eq!(journal.entries[0].note, note, "the journal keeps the whole emoji");
}

/// A focused text field is drawn from its own editor, which keeps the
/// layout of its text from frame to frame (a long note is not wrapped again
/// for each). Typed into, it draws what a form opened on the same text
/// draws, cursor and colours included, frame after frame.
#[test]
fn a_long_note_typed_into_draws_as_a_form_opened_on_that_text() {
    let note = "we talked about the week and what we both need from it ".repeat(40);
    for theme in [Theme::dark(), Theme::high_contrast()] {
        let mut typed = empty_app();
        run(&mut typed, [Action::AddDeposit, Action::Form(FormAction::Paste(note.clone()))]);
        draw(&typed, &theme, 120, 40);
        let mut text = note.clone();
        for c in "so we walked".chars() {
            update(&mut typed, form_key(c));
            text.push(c);
            let mut opened = empty_app();
            run(&mut opened, [Action::AddDeposit, Action::Form(FormAction::Paste(text.clone()))]);
            let frame = draw(&typed, &theme, 120, 40);
            assert_eq!(frame, draw(&opened, &theme, 120, 40), "after {c:?}");
            assert_eq!(frame, draw(&typed, &theme, 120, 40), "the next frame, after {c:?}");
        }
        let frame = draw(&typed, &theme, 120, 40);
        let (x, y) = find(&frame, "so we walked").expect("the end of the note is on screen");
        // The cursor, just after the last letter, in the theme's style.
        let cursor = &frame[(x + "so we walked".len() as u16, y)];
        assert_eq!(cursor.bg, theme.selected.bg.unwrap_or(Color::Reset));
        assert_eq!(cursor.modifier, theme.selected.add_modifier);
    }
}

// ---------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------

/// Every cell of `needle`'s first occurrence.
fn cells_of<'a>(buffer: &'a Buffer, needle: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let (x, y) = find(buffer, needle)
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", buffer_lines(buffer).join("\n")));
    (x..x + needle.width() as u16).map(|x| &buffer[(x, y)]).collect()
}

#[test]
fn a_wipe_is_bold_red_in_the_dark_theme() {
    let buffer = draw(&app_with_entries(), &Theme::dark(), 80, 24);
    for cell in cells_of(&buffer, "- wipe") {
        assert_eq!(cell.fg, Color::Red, "{cell:?}");
        assert!(cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    }
    // Its category is marked the same way.
    for cell in cells_of(&buffer, "betrayal") {
        assert_eq!(cell.fg, Color::Red, "{cell:?}");
        assert!(cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    }
}

#[test]
fn a_withdrawal_is_red_but_not_bold() {
    let buffer = draw(&app_with_entries(), &Theme::dark(), 80, 24);
    for cell in cells_of(&buffer, "- $1.00") {
        assert_eq!(cell.fg, Color::Red, "{cell:?}");
        assert!(!cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    }
}

#[test]
fn a_deposit_is_green() {
    let buffer = draw(&app_with_entries(), &Theme::dark(), 80, 24);
    for cell in cells_of(&buffer, "+ $0.10") {
        assert_eq!(cell.fg, Color::Green, "{cell:?}");
    }
}

#[test]
fn the_selected_entry_is_reversed() {
    let mut app = app_with_entries();
    update(&mut app, Action::SelectNext);
    let buffer = draw(&app, &Theme::dark(), 80, 24);
    for cell in cells_of(&buffer, "snapped at lunch") {
        assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    }
    for cell in cells_of(&buffer, "coffee in bed") {
        assert!(!cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    }
}

/// Every screen worth checking for colour: each tab, each overlay, each
/// save state, a message, and the tiny-window line.
fn every_screen() -> Vec<(String, App, u16, u16)> {
    let mut screens = Vec::new();
    let base = app_with_entries();
    screens.push(("today".into(), base, 80, 24));
    screens.push(("empty day".into(), empty_app(), 80, 24));
    for tab in [Tab::Commitments, Tab::Balance, Tab::Repair] {
        let mut app = app_with_entries();
        update(&mut app, Action::SelectTab(tab));
        screens.push((format!("{tab:?}"), app, 80, 24));
    }
    for (name, actions) in overlays() {
        let mut app = app_with_entries();
        run(&mut app, actions);
        screens.push((name.to_string(), app, 100, 30));
    }
    let mut invalid = app_with_entries();
    run(&mut invalid, [Action::AddDeposit, Action::Form(FormAction::NextField), form_key('x')]);
    screens.push(("invalid form".into(), invalid, 80, 24));
    let mut message = app_with_entries();
    update(&mut message, Action::NextDay);
    screens.push(("message".into(), message, 80, 24));
    let read_only = App::new(journal_with_entries(), at(NOW), Some("locked".into()));
    screens.push(("read-only".into(), read_only, 80, 24));
    screens.push(("tiny".into(), app_with_entries(), 40, 10));
    screens
}

/// The overlays, each with the actions that open it from a fresh app with
/// entries and a test that it is open.
type OverlayCase = (&'static str, Vec<Action>, fn(&App) -> bool);

fn overlay_cases() -> Vec<OverlayCase> {
    let failed = Action::SaveFailed { revision: 1, error: "disk full".into() };
    let repair = |then: &[Action]| {
        let mut actions =
            vec![Action::SelectTab(Tab::Repair), Action::NewRepair, form_key('x'), Action::Form(FormAction::Submit)];
        actions.extend_from_slice(then);
        actions
    };
    vec![
        ("no overlay", vec![], |a| matches!(&a.overlay, Overlay::None) && a.offer.is_none()),
        ("help", vec![Action::ToggleHelp], |a| matches!(&a.overlay, Overlay::Help { scroll: 0 })),
        (
            "help scrolled to the end",
            vec![Action::ToggleHelp, Action::ScrollHelp(i16::MAX)],
            |a| matches!(&a.overlay, Overlay::Help { scroll } if *scroll > 0),
        ),
        ("deposit form", vec![Action::AddDeposit], |a| matches!(&a.overlay, Overlay::Entry(f) if !f.withdrawal)),
        ("withdrawal form", vec![Action::AddWithdrawal], |a| matches!(&a.overlay, Overlay::Entry(f) if f.withdrawal)),
        ("edit form", vec![Action::EditSelected], |a| matches!(&a.overlay, Overlay::Entry(f) if f.editing.is_some())),
        ("check-in form", vec![Action::WriteCheckIn], |a| matches!(&a.overlay, Overlay::CheckIn(_))),
        ("commitment form", vec![Action::SelectTab(Tab::Commitments), Action::NewCommitment], |o| {
            matches!(&o.overlay, Overlay::Commitment(_))
        }),
        ("repair form", vec![Action::SelectTab(Tab::Repair), Action::NewRepair], |a| {
            matches!(&a.overlay, Overlay::Repair(_))
        }),
        // Whoever opens a repair is the one hurt by default: they write the
        // Reveal (step 1).
        ("repair step form", repair(&[Action::EditSelected]), |a| matches!(&a.overlay, Overlay::Step(_))),
        ("agreement form", repair(&[Action::AddAgreement]), |a| matches!(&a.overlay, Overlay::Agreement(_))),
        ("settings", vec![Action::OpenSettings], |a| matches!(&a.overlay, Overlay::Settings(_))),
        (
            "offer a repair",
            // In sight long enough to take its answer.
            vec![
                Action::AddWithdrawal,
                Action::Form(FormAction::Preset(3)),
                Action::Form(FormAction::Submit),
                Action::Uptime(trustbank::app::offer::Offer::SETTLE),
            ],
            |a| matches!(&a.overlay, Overlay::None) && a.offer.is_some(),
        ),
        ("confirm delete", vec![Action::DeleteSelected], |a| matches!(&a.overlay, Overlay::ConfirmDelete(_))),
        ("confirm quit", vec![Action::AddDeposit, Action::Form(FormAction::Submit), failed, Action::Quit], |o| {
            matches!(&o.overlay, Overlay::ConfirmQuit)
        }),
    ]
}

/// The actions that open each overlay, from a fresh app with entries.
fn overlays() -> Vec<(&'static str, Vec<Action>)> {
    overlay_cases().into_iter().map(|(name, actions, _)| (name, actions)).collect()
}

#[test]
fn each_overlay_case_opens_its_overlay() {
    for (name, actions, is_open) in overlay_cases() {
        let mut app = app_with_entries();
        run(&mut app, actions);
        assert!(is_open(&app), "{name}: {:?}", app.overlay);
    }
}

#[test]
fn the_overlay_cases_cover_every_kind_of_overlay() {
    let mut kinds = Vec::new();
    for (_, actions, _) in overlay_cases() {
        let mut app = app_with_entries();
        run(&mut app, actions);
        let kind = std::mem::discriminant(&app.overlay);
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    // None, Help, Entry, CheckIn, Commitment, Repair, Step, Agreement,
    // Settings, ConfirmDelete, ConfirmQuit: a new kind of
    // overlay belongs in `overlay_cases` too. (WhoIsHere opens only at the
    // start, without an action: see `who_is_here_shows_both_names`.)
    assert_eq!(kinds.len(), 11);
}

#[test]
fn who_is_here_shows_both_names_with_the_first_highlighted() {
    let journal = Journal { people: trustbank::domain::People::new("Sam", "Alex"), ..Journal::default() };
    let mut app = App::new(journal, at("2026-11-26T21:00:00+01:00"), None);
    app.ask_who_is_here();
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Who is using this computer?");
    assert_contains(&text, "1  Sam");
    assert_contains(&text, "2  Alex");
    assert_contains(&text, "Enter choose");
}

#[test]
fn the_monochrome_theme_uses_no_colour_anywhere() {
    for (name, app, width, height) in every_screen() {
        let buffer = draw(&app, &Theme::monochrome(), width, height);
        for y in 0..height {
            for x in 0..width {
                let cell = &buffer[(x, y)];
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}: cell {x},{y} {cell:?}");
            }
        }
    }
}

#[test]
fn the_monochrome_theme_still_marks_a_wipe() {
    let buffer = draw(&app_with_entries(), &Theme::monochrome(), 80, 24);
    for cell in cells_of(&buffer, "- wipe") {
        assert!(cell.modifier.contains(Modifier::BOLD), "{cell:?}");
    }
}

// ---------------------------------------------------------------------------
// Help
// ---------------------------------------------------------------------------

fn help_app() -> App {
    let mut app = app_with_entries();
    update(&mut app, Action::ToggleHelp);
    app
}

/// The row the help draws for a binding, as far as a 62-column box shows
/// it: the keys padded to 22 columns, then the start of the help text.
fn help_row(b: &Binding) -> String {
    let start: String = b.help.chars().take(30).collect();
    format!("  {:<18}{start}", b.keys_label())
}

#[test]
fn help_at_80x24_lists_the_bindings_that_fit() {
    let text = screen(&help_app(), 80, 24);
    assert_contains(&text, " Keys ");
    assert_contains(&text, BINDINGS[0].heading().as_str());
    // The first group (Today's keys) fits whole, under its heading.
    let first = BINDINGS[0].heading();
    for b in BINDINGS.iter().filter(|b| b.heading() == first) {
        assert_contains(&text, &help_row(b));
    }
    assert_contains(&text, "j/k scroll · Esc or ? closes");
}

#[test]
fn help_at_80x24_snapshot() {
    insta::assert_snapshot!("help_80x24", screen(&help_app(), 80, 24));
}

#[test]
fn help_at_120x40_groups_each_heading_once() {
    let text = screen(&help_app(), 120, 40);
    let mut shown = 0;
    for b in BINDINGS {
        if text.contains(&help_row(b)) {
            shown += 1;
            assert_contains(&text, b.heading().as_str());
        }
    }
    assert!(shown >= 25, "only {shown} bindings visible:\n{text}");
    for b in BINDINGS {
        let heading = b.heading();
        let heading_lines =
            text.lines().filter(|l| l.trim_start_matches('│').trim_end_matches('│').trim() == heading).count();
        assert!(heading_lines <= 1, "{heading} appears {heading_lines} times:\n{text}");
    }
}

#[test]
fn help_at_120x50_shows_whole_help_texts() {
    let text = screen(&help_app(), 120, 50);
    for help in [
        "add a deposit",
        "delete the selected entry (asks y/n)",
        "new commitment",
        "edit the selected entry or commitment",
        "previous week",
        "shorter chart range (week … all)",
        "back to this week",
        "new repair",
        "write in the selected step",
    ] {
        assert_contains(&text, help);
    }
}

#[test]
fn help_scrolled_through_shows_every_binding_in_full() {
    let mut app = help_app();
    let mut seen = String::new();
    for _ in 0..BINDINGS.len() {
        seen.push_str(&screen(&app, 120, 40));
        seen.push('\n');
        update(&mut app, Action::ScrollHelp(1));
    }
    for b in BINDINGS {
        assert_contains(&seen, b.help);
        assert_contains(&seen, &b.keys_label());
    }
}

#[test]
fn help_scrolled_past_the_end_shows_the_last_binding() {
    let mut app = help_app();
    update(&mut app, Action::ScrollHelp(i16::MAX));
    let text = screen(&app, 80, 24);
    let last = BINDINGS.last().expect("at least one binding");
    assert_contains(&text, last.help);
    assert_lacks(&text, BINDINGS[0].help);
}

#[test]
fn the_help_footer_lists_how_to_close_it() {
    assert_contains(footer(&screen(&help_app(), 80, 24)), "close");
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

#[test]
fn the_deposit_form_shows_its_fields_and_defaults() {
    let mut app = app_with_entries();
    update(&mut app, Action::AddDeposit);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "New deposit");
    for label in ["Note", "Amount", "Category", "Who", "Date"] {
        assert_contains(&text, label);
    }
    assert_contains(&text, "a few words: what happened?");
    assert_contains(&text, "10c");
    assert_contains(&text, "positive interaction");
    assert_contains(&text, "2026-11-26");
    assert_contains(&text, "Alt-1 penny · Alt-2 nickel · Alt-3 dime · Alt-4 quarter");
    assert_contains(&text, "Enter save · Tab next field · Esc cancel");
    assert_contains(footer(&text), "Esc cancel");
}

#[test]
fn the_withdrawal_form_offers_a_wipe() {
    let mut app = app_with_entries();
    update(&mut app, Action::AddWithdrawal);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "New withdrawal");
    assert_contains(&text, "$1.00");
    assert_contains(&text, "Alt-4 wipe");
}

#[test]
fn the_form_shows_typed_text() {
    let mut app = app_with_entries();
    update(&mut app, Action::AddDeposit);
    for c in "held hands".chars() {
        update(&mut app, form_key(c));
    }
    assert_contains(&screen(&app, 80, 24), "held hands");
}

#[test]
fn a_bad_amount_is_shown_beside_the_field_with_the_text_kept() {
    let mut app = app_with_entries();
    run(
        &mut app,
        [
            Action::AddDeposit,
            Action::Form(FormAction::NextField),
            form_key('a'),
            form_key('b'),
            form_key('c'),
            Action::Form(FormAction::Submit),
        ],
    );
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Amount    abc");
    assert_contains(&text, "✗ \"abc\" is not an amount");
    assert_contains(footer(&text), "fix the field marked in red");
}

#[test]
fn the_edit_form_is_filled_from_the_entry() {
    let mut app = app_with_entries();
    update(&mut app, Action::EditSelected);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Edit deposit");
    assert_contains(&text, "coffee in bed");
}

#[test]
fn the_check_in_form_asks_for_a_rating_first() {
    let mut app = empty_app();
    update(&mut app, Action::WriteCheckIn);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Check-in · Thu 26 Nov");
    assert_contains(&text, "Connection");
    assert_contains(&text, "○○○○○ not chosen");
    assert_contains(&text, "type 1–5");
    assert_contains(&text, "Reflection");
    assert_contains(&text, "Ctrl-s save · Enter new line");
}

#[test]
fn the_check_in_form_shows_the_rating_and_reflection_typed() {
    let mut app = empty_app();
    run(&mut app, [Action::WriteCheckIn, form_key('4'), form_key('o'), form_key('k')]);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "●●●●○ 4/5");
    assert_contains(&text, "ok");
    assert_contains(footer(&text), "Ctrl-s save");
}

#[test]
fn the_delete_question_names_the_entry() {
    let mut app = app_with_entries();
    update(&mut app, Action::DeleteSelected);
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Delete?");
    assert_contains(&text, "the deposit of $0.10");
    assert_contains(&text, "y yes · n no");
}

#[test]
fn the_quit_question_names_the_save_error() {
    let mut app = app_with_entries();
    run(
        &mut app,
        [
            Action::AddDeposit,
            Action::Form(FormAction::Submit),
            Action::SaveFailed { revision: 1, error: "disk full".into() },
            Action::Quit,
        ],
    );
    let text = screen(&app, 80, 24);
    assert_contains(&text, "Not saved");
    assert_contains(&text, "disk full");
}

// ---------------------------------------------------------------------------
// Footer
// ---------------------------------------------------------------------------

#[test]
fn the_footer_at_80_columns_keeps_the_help_key() {
    let text = screen(&app_with_entries(), 80, 24);
    assert_contains(footer(&text), "? help");
    assert_contains(footer(&text), "a deposit");
}

#[test]
fn the_footer_at_60_columns_keeps_the_help_key() {
    assert_contains(footer(&screen(&app_with_entries(), 60, 16)), "? help");
}

#[test]
fn the_footer_says_saved() {
    let text = screen(&app_with_entries(), 80, 24);
    assert!(footer(&text).ends_with("saved"), "{}", footer(&text));
}

#[test]
fn the_footer_says_saving_after_a_change() {
    let mut app = app_with_entries();
    run(&mut app, [Action::AddDeposit, Action::Form(FormAction::Submit)]);
    assert_eq!(app.save, SaveState::Saving);
    assert!(footer(&screen(&app, 80, 24)).ends_with("saving…"));
}

#[test]
fn the_footer_says_save_failed_with_the_error() {
    let mut app = app_with_entries();
    run(
        &mut app,
        [
            Action::AddDeposit,
            Action::Form(FormAction::Submit),
            Action::SaveFailed { revision: 1, error: "disk full".into() },
        ],
    );
    let text = screen(&app, 80, 24);
    assert!(footer(&text).ends_with("save failed: disk full"), "{}", footer(&text));
    assert_contains(footer(&text), "? help");
}

#[test]
fn a_long_save_error_is_cut_and_keeps_the_help_key() {
    let mut app = app_with_entries();
    update(
        &mut app,
        Action::SaveFailed {
            revision: 1,
            error: "permission denied while renaming the temporary file over the journal".into(),
        },
    );
    let text = screen(&app, 80, 24);
    assert_contains(footer(&text), "save failed: permission");
    assert!(footer(&text).ends_with('…'), "{}", footer(&text));
    assert_contains(footer(&text), "? help");
}

#[test]
fn the_footer_says_read_only_with_the_reason() {
    let app = App::new(journal_with_entries(), at(NOW), Some("locked by pid 42".into()));
    let text = screen(&app, 80, 24);
    assert!(footer(&text).ends_with("read-only: locked by pid 42"), "{}", footer(&text));
}

#[test]
fn the_header_says_read_only_where_it_fits_and_always_keeps_the_weekday() {
    let app = App::new(journal_with_entries(), at(NOW), Some("locked by pid 42".into()));
    let wide = screen(&app, 120, 30);
    assert_contains(wide.lines().next().unwrap_or(""), "read-only · Me · Thu 26 Nov 2026");
    // At 80 columns the date wins the header; the footer says read-only.
    let narrow = screen(&app, 80, 24);
    assert_contains(narrow.lines().next().unwrap_or(""), "Me · Thu 26 Nov 2026");
    assert_contains(footer(&narrow), "read-only");
}

#[test]
fn a_read_only_footer_offers_no_key_that_would_change_the_journal() {
    let mut app = App::new(journal_with_entries(), at(NOW), Some("locked by pid 42".into()));
    for tab in Tab::ALL {
        update(&mut app, Action::SelectTab(tab));
        let keys = footer(&screen(&app, 200, 30)).to_string();
        for writes in ["a deposit", "w withdrawal", "r check-in", "space kept", "u undo", "n new", "e edit", "x delete"]
        {
            assert_lacks(&keys, writes);
        }
        assert_contains(&keys, "? help");
    }
    // Pressed anyway, the reason is said in full, before anything else.
    update(&mut app, Action::SelectTab(Tab::Today));
    update(&mut app, Action::AddDeposit);
    assert_contains(footer(&screen(&app, 80, 24)), "read-only, nothing can be changed: locked by pid 42");
}

#[test]
fn a_message_takes_the_place_of_the_keys() {
    let mut app = app_with_entries();
    update(&mut app, Action::NextDay);
    let text = screen(&app, 80, 24);
    assert_contains(footer(&text), "this is today; tomorrow has not happened yet");
    assert_lacks(footer(&text), "a deposit");
}

// ---------------------------------------------------------------------------
// The other tabs
// ---------------------------------------------------------------------------

#[test]
fn no_tab_is_a_placeholder_any_more() {
    for tab in Tab::ALL {
        let mut app = app_with_entries();
        update(&mut app, Action::SelectTab(tab));
        let text = screen(&app, 80, 24);
        assert_lacks(&text, "coming in a later version");
    }
}

#[test]
fn the_other_tabs_do_not_show_the_days_entries() {
    for tab in [Tab::Commitments, Tab::Balance, Tab::Repair] {
        let mut app = app_with_entries();
        update(&mut app, Action::SelectTab(tab));
        let text = screen(&app, 80, 24);
        for data in ["coffee in bed", "snapped at lunch", "Day net"] {
            assert_lacks(&text, data);
        }
    }
}

#[test]
fn an_empty_repair_tab_explains_how_to_start() {
    let mut app = app_with_entries();
    update(&mut app, Action::SelectTab(Tab::Repair));
    let text = screen(&app, 80, 24);
    assert_contains(&text, "No repair conversations yet.");
    assert_contains(&text, "Press n to open a repair");
}

#[test]
fn the_other_tabs_do_not_offer_adding_entries_in_the_footer() {
    let mut app = app_with_entries();
    update(&mut app, Action::SelectTab(Tab::Balance));
    let footer_text = screen(&app, 80, 24);
    assert_lacks(footer(&footer_text), "deposit");
    assert_contains(footer(&footer_text), "? help");
}

// ---------------------------------------------------------------------------
// Small windows
// ---------------------------------------------------------------------------

#[test]
fn a_40x10_window_asks_for_at_least_60x16() {
    let text = screen(&app_with_entries(), 40, 10);
    assert_contains(&text, "at least 60×16");
    // Nothing but the sentence, wrapped if it must be.
    let shown: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(shown.join(" "), "Please make the window at least 60×16 (now 40×10)", "\n{text}");
}

#[test]
fn the_small_window_line_is_in_the_middle_row() {
    let buffer = draw(&app_with_entries(), &Theme::dark(), 70, 11);
    let lines = buffer_lines(&buffer);
    assert_contains(&lines[5], "at least 60×16 (now 70×11)");
}

#[test]
fn just_under_60x16_asks_for_a_larger_window() {
    for (width, height) in [(59, 16), (60, 15), (59, 15)] {
        assert_contains(&screen(&app_with_entries(), width, height), "at least 60×16");
    }
}

#[test]
fn at_60x16_the_app_is_drawn() {
    let text = screen(&app_with_entries(), 60, 16);
    assert_lacks(&text, "at least 60×16");
    assert_contains(&text, "08:15 + $0.10");
    assert_contains(&text, "Check-in  ●●●●○ 4/5 connection");
    assert_contains(footer(&text), "? help");
}

#[test]
fn the_read_only_header_at_80_columns_names_every_tab() {
    let app = App::new(journal_with_entries(), at(NOW), Some("locked by pid 42".into()));
    let text = screen(&app, 80, 24);
    let header = text.lines().next().unwrap_or("");
    for tab in Tab::ALL {
        assert_contains(header, &format!("{} {}", tab.index() + 1, tab.title()));
    }
}

#[test]
fn the_header_at_60_columns_names_every_tab() {
    let text = screen(&app_with_entries(), 60, 16);
    let header = text.lines().next().unwrap_or("");
    for tab in Tab::ALL {
        assert_contains(header, &format!("{} {}", tab.index() + 1, tab.title()));
    }
}

#[test]
fn no_size_from_1x1_to_20x8_panics_with_any_overlay() {
    for (_, actions) in overlays() {
        let mut app = app_with_entries();
        run(&mut app, actions);
        for width in 1..=20 {
            for height in 1..=8 {
                for theme in [Theme::dark(), Theme::monochrome()] {
                    draw(&app, &theme, width, height);
                }
            }
        }
    }
}

#[test]
fn the_smallest_sizes_draw_every_overlay_without_panic() {
    for (name, actions) in overlays() {
        let mut app = app_with_entries();
        run(&mut app, actions);
        for (width, height) in [(59, 15), (60, 16), (60, 17), (61, 16)] {
            let text = screen(&app, width, height);
            assert!(!text.is_empty(), "{name} at {width}x{height}");
        }
    }
}

#[test]
fn every_overlay_on_every_tab_draws_at_60x16() {
    for tab in Tab::ALL {
        for (name, actions) in overlays() {
            let mut app = app_with_entries();
            run(&mut app, actions);
            app.tab = tab;
            let text = screen(&app, 60, 16);
            assert!(text.contains('┌'), "{name} on {tab:?}:\n{text}");
        }
    }
}

/// Sam and Alex's day: each wrote about themselves, and Alex noted one of
/// Sam's; Alex is at the keyboard.
fn two_people_app() -> App {
    let mut journal = Journal { people: trustbank::domain::People::new("Sam", "Alex"), ..Journal::default() };
    let mut by = |e: trustbank::domain::Entry, by: Person| {
        journal.insert_entry(trustbank::domain::Entry { by, ..e });
    };
    by(
        entry("E1", TODAY, "08:15", EntryKind::Deposit, 10, "positive interaction", Person::A, "coffee in bed"),
        Person::A,
    );
    by(entry("E2", TODAY, "12:30", EntryKind::Withdrawal, 100, "harsh word", Person::B, "snapped at lunch"), Person::B);
    by(entry("E3", TODAY, "19:00", EntryKind::Deposit, 25, "appreciation", Person::A, "cooked for us"), Person::B);
    let mut app = App::new(journal, at(NOW), None);
    app.me = Person::B;
    app
}

#[test]
fn today_lists_both_peoples_entries_with_their_authors() {
    let app = two_people_app();
    let text = screen(&app, 80, 24);
    let line = |needle: &str| text.lines().find(|l| l.contains(needle)).unwrap_or_default().to_string();
    assert_contains(&line("coffee in bed"), "Sam ");
    assert_lacks(&line("coffee in bed"), "by");
    assert_contains(&line("snapped at lunch"), "Alex ");
    assert_contains(&line("cooked for us"), "Sam, by Alex");
    // The header names the person at the keyboard.
    assert_contains(text.lines().next().unwrap_or_default(), "Alex ·");
}

#[test]
fn today_with_two_people_at_80x24_snapshot() {
    insta::assert_snapshot!("today_two_people_80x24", screen(&two_people_app(), 80, 24));
}
