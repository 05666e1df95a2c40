//! Small layout helpers shared by the views.

use ratatui::Frame;
use ratatui::buffer::Buffer;
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

/// Truncates `text` to `width` columns, ending with `…` when cut; a
/// grapheme cluster (a letter and its accents, a joined emoji) is kept or
/// cut whole.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The columns `text` takes on a terminal: the width of each grapheme
/// cluster, so an emoji joined by zero-width joiners (a family) counts as
/// the one picture the terminal draws, as ratatui counts it when drawing.
pub fn text_width(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Terminals disagree about an emoji joined by zero-width joiners (a
/// family 👨‍👩‍👧, a rainbow flag): some draw the one picture in the two
/// columns ratatui counts for it, others draw each part in its own two and
/// push the rest of the line, border and all, out of place. Each such cell
/// is drawn as the first picture of its sequence, which every terminal
/// draws as wide as ratatui counted; the journal keeps the text whole.
pub fn unjoin(buf: &mut Buffer) {
    use unicode_width::UnicodeWidthStr;
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if !symbol.contains('\u{200d}') {
            continue;
        }
        let first = symbol.split('\u{200d}').next().unwrap_or_default();
        let missing = symbol.width().saturating_sub(first.width());
        let shown = format!("{first}{}", " ".repeat(missing));
        cell.set_symbol(&shown);
    }
}

/// Columns sized to their content, for reading across a wide screen: each
/// as wide as its widest text (`widest`, heads included), the room left
/// over staying at the right. When they do not fit in `width`, the
/// `flexible` column (the one holding words, like a title) gives up the
/// room, down to `least`, and cuts its text with `…`.
pub fn content_widths(widest: &[u16], flexible: usize, least: u16, width: u16, spacing: u16) -> Vec<Constraint> {
    let gaps = spacing * widest.len().saturating_sub(1) as u16;
    let others: u16 = widest.iter().enumerate().filter(|(i, _)| *i != flexible).map(|(_, w)| *w).sum();
    let room = width.saturating_sub(others + gaps).max(least);
    widest
        .iter()
        .enumerate()
        .map(|(i, w)| Constraint::Length(if i == flexible { (*w).min(room) } else { *w }))
        .collect()
}

/// The mark of a list that goes on below the fold: "↓ 12 more" at the right
/// of its first line (the heads), when rows from `shown_to` on are hidden.
pub fn more_below(frame: &mut Frame, table: Rect, shown_to: usize, len: usize, theme: &Theme) {
    let hidden = len.saturating_sub(shown_to);
    if hidden == 0 || table.height == 0 {
        return;
    }
    let mark = format!(" ↓ {hidden} more");
    let width = (text_width(&mark) as u16).min(table.width);
    let at = Rect { x: table.right() - width, y: table.y, width, height: 1 };
    frame.render_widget(Paragraph::new(Line::from(mark).style(theme.dim)), at);
}
