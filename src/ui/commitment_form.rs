//! The commitment form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::entry_form::text;
use super::layout::popup;
use crate::app::commitment_form::{CommitmentField, CommitmentForm};

const LABEL: u16 = 10;

fn placeholder(field: CommitmentField) -> &'static str {
    match field {
        CommitmentField::Title => "what you promise, e.g. Pick up Mia from school",
        CommitmentField::Schedule => {
            "every day · weekdays · Mon, Thu · 3x a week · every 2 weeks on Wed · monthly on the 15th"
        }
        CommitmentField::End => "YYYY-MM-DD, or empty",
        CommitmentField::From => "YYYY-MM-DD: the day a new schedule applies from",
        CommitmentField::Note => "optional",
        _ => "",
    }
}

pub fn render(frame: &mut Frame, area: Rect, form: &CommitmentForm, theme: &Theme) {
    let fields = form.fields();
    let rect = popup(frame, area, 78, 2 + 2 * fields.len() as u16);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(format!(" {} ", form.title_text()), theme.title))
        .title_bottom(Line::from(" Enter save · Tab next field · Esc cancel ").right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical(vec![Constraint::Length(2); fields.len()]).split(inner);
    for (&field, row) in fields.iter().zip(rows.iter()) {
        let [line, hint] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(*row);
        let [label, value] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(0)]).areas(line);
        let focused = form.focus == field;
        let label_style = if focused { theme.focus.patch(theme.title) } else { theme.dim };
        frame.render_widget(Paragraph::new(Span::styled(field.label(), label_style)), label);
        text(frame, value, form.field(field), focused, placeholder(field), theme);
        let [_, hint] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(0)]).areas(hint);
        let hint_line = match form.check(field) {
            Err(e) => Span::styled(format!("✗ {e}"), theme.error),
            Ok(note) => Span::styled(note, theme.dim),
        };
        frame.render_widget(Paragraph::new(hint_line), hint);
    }
}
