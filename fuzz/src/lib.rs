//! What the two fuzz targets share: a fixed "now", drawing into a
//! `TestBackend`, and the checks that every state of the app must pass.

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::{App, Tab, update};
use trustbank::domain::{Journal, validate};
use trustbank::storage::format::{from_ron, to_ron};
use trustbank::ui::{Theme, render};

/// Thursday 26 November 2026, 21:00 at +01:00, as in the tests.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a valid RFC 3339 time")
}

/// Terminal sizes worth trying: zero, tiny, just under and at the smallest
/// supported, common, wide.
const SIZES: [(u16, u16); 16] = [
    (0, 0),
    (1, 1),
    (2, 1),
    (1, 5),
    (10, 3),
    (20, 6),
    (40, 10),
    (59, 15),
    (60, 16),
    (80, 24),
    (100, 30),
    (120, 40),
    (200, 60),
    (33, 100),
    (300, 4),
    (80, 1),
];

/// A terminal size from one byte: the table above, or any size up to
/// 255 × 63.
pub fn size_from(a: u8, b: u8) -> (u16, u16) {
    if a < 64 { SIZES[usize::from(a) % SIZES.len()] } else { (u16::from(b), u16::from(a & 63)) }
}

/// Draws `app` the way the event loop does, with the journal's theme.
pub fn draw(app: &App, width: u16, height: u16) {
    // With and without colour, by the width's parity.
    let theme = Theme::named(&app.journal.settings.theme, width.is_multiple_of(2));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| render(frame, app, &theme)).expect("drawing into a TestBackend");
}

/// Draws every tab (and comes back to the one that was showing).
pub fn draw_every_tab(app: &mut App, width: u16, height: u16) {
    let showing = app.tab;
    for tab in Tab::ALL {
        app.tab = tab;
        draw(app, width, height);
    }
    app.tab = showing;
}

/// What a save writes, a load reads back unchanged.
pub fn assert_round_trip(journal: &Journal) {
    let text = to_ron(journal).expect("a journal serializes");
    let again = from_ron(text.as_bytes(), std::path::Path::new("fuzz.ron"), None)
        .unwrap_or_else(|e| panic!("what was written does not load: {e}\n{text}"));
    assert_eq!(&again.journal, journal, "the journal changed through a save and a load\n{text}");
}

/// What the app holds would load again: no problem the loader refuses.
pub fn assert_sound(journal: &Journal) {
    let problems = validate::problems(journal);
    assert!(problems.is_empty(), "the app holds a journal the loader refuses: {problems:?}");
}

/// Every cache and cursor of the app agrees with the journal.
pub fn assert_caches_fresh(app: &App) {
    if let Err(stale) = app.check_caches() {
        panic!("{stale}");
    }
}

/// Undoes until there is nothing left to undo; returns how many steps.
pub fn undo_everything(app: &mut App) -> usize {
    for steps in 0..=trustbank::app::history::DEPTH {
        update(app, trustbank::app::Action::Undo);
        if app.message.as_deref() == Some("nothing to undo") {
            return steps;
        }
    }
    panic!("undo never ran out");
}

/// Redoes `steps` changes, the last undone first.
pub fn redo(app: &mut App, steps: usize) {
    for _ in 0..steps {
        update(app, trustbank::app::Action::Redo);
    }
}
