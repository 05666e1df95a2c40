//! The check-in form: the day's connection rating and a reflection.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::entry_form::text;
use super::layout::popup;
use crate::app::App;
use crate::app::form::{CheckInField, CheckInForm};

pub fn render(frame: &mut Frame, area: Rect, _app: &App, form: &CheckInForm, theme: &Theme) {
    let rect = popup(frame, area, 76, 14);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(format!(" Check-in · {} ", form.date.format("%a %-d %b")), theme.title))
        .title_bottom(Line::from(" Ctrl-s save · Enter new line · Tab rating · Esc cancel ").right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [rating_row, hint_row, label_row, note] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)])
            .areas(inner);
    let rating_focus = form.focus == CheckInField::Rating;
    let label = |text: &str, focused: bool| {
        Span::styled(format!("{text:<12}"), if focused { theme.focus.patch(theme.title) } else { theme.dim })
    };
    let dots: String = (1..=5).map(|i| if form.rating.is_some_and(|r| i <= r) { '●' } else { '○' }).collect();
    let rating_text = form.rating.map_or("not chosen".to_string(), |r| format!("{r}/5"));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            label("Connection", rating_focus),
            Span::styled(dots, theme.focus),
            Span::raw(format!(" {rating_text}")),
        ])),
        rating_row,
    );
    let hint = match form.error() {
        Some(e) if rating_focus => Span::styled(format!("{:12}type 1–5 ({e})", ""), theme.dim),
        Some(e) => Span::styled(format!("{:12}✗ {e}", ""), theme.error),
        None => Span::styled(format!("{:12}1 distant · 3 okay · 5 very close", ""), theme.dim),
    };
    frame.render_widget(Paragraph::new(hint), hint_row);
    frame.render_widget(Paragraph::new(label("Reflection", !rating_focus)), label_row);
    text(frame, note, &form.reflection, !rating_focus, "a line about the day (Enter for a new line)", theme);
}
