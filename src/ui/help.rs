//! The help overlay: every key, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::layout::popup;
use crate::app::App;
use crate::app::keymap::BINDINGS;

/// The lines of the help, grouped by where the keys work.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut heading: Option<String> = None;
    for b in BINDINGS {
        let h = b.heading();
        if heading.as_ref() != Some(&h) {
            if heading.is_some() {
                out.push(Line::default());
            }
            out.push(Line::from(Span::styled(h.clone(), theme.title)));
            heading = Some(h);
        }
        out.push(Line::from(vec![
            Span::styled(format!("  {:<22}", b.keys_label()), theme.key),
            Span::raw(b.help.to_string()),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, _app: &App, scroll: u16, theme: &Theme) {
    let lines = lines(theme);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = popup(frame, area, 64, height);
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
