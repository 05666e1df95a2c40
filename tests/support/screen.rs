//! The app drawn into a test terminal, as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::App;
use trustbank::ui::{Theme, render};

/// One frame of `app` at `width` × `height` in the dark theme: one line per
/// row, trailing blanks trimmed.
pub fn of(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| render(frame, app, &Theme::dark())).expect("draws");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
