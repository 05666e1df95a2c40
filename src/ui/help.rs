//! The help overlay: every key, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::layout::popup;
use super::today::{EDITED_MARK, NOTICED_MARK, OTHER_OFFSET_MARK};
use crate::app::App;
use crate::app::keymap::BINDINGS;

/// The width of the key column.
const KEYS: usize = 18;

/// The lines of the help, grouped by where the keys work (each group once,
/// in the order it first appears in the keymap).
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut headings: Vec<String> = Vec::new();
    for b in BINDINGS {
        let h = b.heading();
        if !headings.contains(&h) {
            headings.push(h);
        }
    }
    let mut out = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(heading.clone(), theme.title)));
        for b in BINDINGS.iter().filter(|b| &b.heading() == heading) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<KEYS$}", b.keys_label()), theme.key),
                Span::raw(b.help.to_string()),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::from(Span::styled("Marks on Today", theme.title)));
    out.push(Line::from(vec![
        Span::styled(format!("  {:<KEYS$}", format!("20:00{OTHER_OFFSET_MARK}")), theme.key),
        Span::raw("a time written in another UTC offset, on your clock"),
    ]));
    out.push(Line::from(vec![
        Span::styled(format!("  {:<KEYS$}", format!("{EDITED_MARK}2")), theme.key),
        Span::raw("edited: the history keeps the 2 versions before"),
    ]));
    out.push(Line::from(vec![
        Span::styled(format!("  {:<KEYS$}", NOTICED_MARK), theme.key),
        Span::raw("noticed by your partner or you (n on Today)"),
    ]));
    out
}

pub fn render(frame: &mut Frame, area: Rect, _app: &App, scroll: u16, theme: &Theme) {
    let lines = lines(theme);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    // Wide enough for the longest line, so no description is cut.
    let width = lines.iter().map(|l| l.width() as u16).max().unwrap_or(40) + 2;
    let rect = popup(frame, area, width, height);
    let max_scroll = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let scroll = scroll.min(max_scroll);
    let more = if max_scroll > 0 { " j/k scroll · " } else { " " };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(format!("{more}Esc or ? closes ")).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
