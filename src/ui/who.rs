//! "Who is using this computer?": the two names, one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::layout::popup;
use crate::app::App;
use crate::domain::Person;

pub fn render(frame: &mut Frame, area: Rect, app: &App, selected: Person, theme: &Theme) {
    let rect = popup(frame, area, 50, 8);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(" Who is using this computer? ", theme.title))
        .title_bottom(Line::from(" 1/2 or ↑/↓ · Enter choose · Esc not now ").right_aligned());
    let mut lines = vec![Line::default()];
    for (i, person) in Person::BOTH.into_iter().enumerate() {
        let style = if person == selected { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", i + 1), theme.key),
            Span::styled(format!(" {} ", app.journal.people.name(person)), style),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("  Remembered on this computer; settings (,) change it.", theme.dim)));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
