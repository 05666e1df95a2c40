//! The header: the tabs, who is at the keyboard, the date, and a
//! read-only warning.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use super::layout::text_width;
use crate::app::{App, Tab};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // The tabs come first; the date (and a read-only mark) takes what is
    // left, in the longest form that fits.
    let tabs_width: u16 = 12 + Tab::ALL.iter().map(|t| t.title().chars().count() as u16 + 4).sum::<u16>();
    let room = area.width.saturating_sub(tabs_width + 1) as usize;
    let ro = if app.read_only().is_some() { "read-only · " } else { "" };
    // The person at the keyboard comes before the date: on a shared
    // computer, whose words are being written matters most.
    let me = app.my_name();
    // The footer says read-only too: the weekday and date come first.
    let dated = |f: &str| format!("{me} · {}", app.today.format(f));
    let right = [format!("{ro}{}", dated("%a %-d %b %Y")), dated("%a %-d %b %Y"), dated("%-d %b %Y"), dated("%-d %b")]
        .into_iter()
        .chain([me.to_string()])
        .find(|t| text_width(t) <= room)
        .unwrap_or_else(|| me.to_string());
    let right_width = (text_width(&right) as u16 + 1).min(area.width.saturating_sub(tabs_width));
    let [left_area, right_area] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let mut spans = vec![Span::styled(" trustbank ", theme.title), Span::styled("│", theme.border)];
    for tab in Tab::ALL {
        let style = if tab == app.tab { theme.tab_active } else { theme.dim };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!("{} {}", tab.index() + 1, tab.title()), style));
        spans.push(Span::raw(" "));
    }
    let rule = Block::default().borders(Borders::BOTTOM).border_style(theme.border);
    frame.render_widget(Paragraph::new(Line::from(spans)).block(rule), left_area);
    let style = if app.read_only().is_some() { theme.warn } else { theme.dim };
    let text = super::layout::fit(&right, right_area.width.saturating_sub(1) as usize);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, style)).right_aligned())
            .block(Block::default().borders(Borders::BOTTOM).border_style(theme.border)),
        right_area,
    );
}
