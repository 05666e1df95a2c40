//! Small layout helpers shared by the views.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{MIN_HEIGHT, MIN_WIDTH, Theme};

/// A `width` x `height` box centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}

/// Clears the space under a popup. A popup within two columns of the
/// window's sides reaches to just inside the panel's border, so that no
/// letter of the list below shows between the two borders.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let width = if width + 4 >= area.width { width.max(area.width.saturating_sub(2)) } else { width };
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    rect
}

/// The message shown in a window too small to draw in: one centred line,
/// wrapped onto more when the window is narrower than the sentence.
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("Please make the window at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{})", area.width, area.height);
    // Word wrapping can take a line more than the letters need.
    let lines = ((text.chars().count() as u16).div_ceil(area.width) + 1).min(area.height);
    let rect = centered(area, area.width, lines);
    frame.render_widget(
        Paragraph::new(Line::from(text).style(theme.warn)).alignment(Alignment::Center).wrap(Wrap { trim: true }),
        rect,
    );
}

/// The rows of a table drawn in `table` (whose first line is the column
/// heads) that keep `selected` in view, as ratatui scrolls them: the first
/// row shown and how many fit. Only these rows need building.
pub fn table_window(selected: Option<usize>, table: Rect) -> (usize, usize) {
    let visible = table.height.saturating_sub(1) as usize;
    (selected.map_or(0, |s| (s + 1).saturating_sub(visible)), visible)
}

/// Truncates `text` to `width` columns, ending with `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
