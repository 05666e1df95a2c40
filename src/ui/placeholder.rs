//! The tabs whose issues have not landed yet: a short, honest note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::Tab;

pub fn render(frame: &mut Frame, area: Rect, tab: Tab, theme: &Theme) {
    let what = match tab {
        Tab::Commitments => {
            "Commitments kept or missed, with streaks and an 8-week grid, are coming in a later version."
        }
        Tab::Balance => {
            "The trust-balance chart and the weekly review are coming in a later version. Until then, `trustbank week` prints the review."
        }
        Tab::Repair => {
            "The four repair steps (reveal, acknowledge, make it right, the long game) are coming in a later version."
        }
        Tab::Today => "",
    };
    let text = vec![Line::default(), Line::from(what).style(theme.dim)];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(
            Block::default().borders(Borders::ALL).border_style(theme.border).title(format!(" {} ", tab.title())),
        ),
        area,
    );
}
