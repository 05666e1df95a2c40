//! The settings overlay and the first-run welcome.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::entry_form::text;
use super::layout::{fit, popup};
use crate::app::settings_form::{SettingsField, SettingsForm};

const INTRO: &str = "A deposit is anything that builds trust: a kept promise, a kind word, a truth told, \
a penny or a dime at a time. A withdrawal is what costs it: a missed promise, a secret; a betrayal can take \
the balance to $0.";

/// The most lines a list of categories opens to while it is edited.
const LIST_LINES: u16 = 6;

/// The rows a field takes: one, or for the category list being edited its
/// lines and one to add to, up to [`LIST_LINES`].
fn field_height(form: &SettingsForm, field: SettingsField) -> u16 {
    match form.text(field) {
        Some(t) if form.in_note() && form.focus == field => (t.text().lines().count() as u16 + 1).clamp(2, LIST_LINES),
        _ => 1,
    }
}

pub fn render(frame: &mut Frame, area: Rect, form: &SettingsForm, theme: &Theme) {
    let fields = form.fields();
    let intro_height = if form.welcome { 5 } else { 0 };
    let heights: Vec<u16> = fields.iter().map(|f| field_height(form, *f)).collect();
    let list_height: u16 = heights.iter().sum();
    let height = list_height + intro_height + 4;
    let rect = popup(frame, area, 80, height);
    let (title, hint) = if form.welcome {
        (" Welcome to trustbank ", " Enter save · Tab next · ←/→ choose · Esc skip ")
    } else if form.in_note() {
        (" Settings ", " Ctrl-s save · Tab next · Esc cancel ")
    } else {
        (" Settings ", " Enter save · Tab next · ←/→ choose · Esc cancel ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(hint).right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [intro, list, _, error] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Length(list_height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    if form.welcome {
        let lines = vec![
            Line::from(Span::styled(INTRO, theme.base)),
            Line::default(),
            Line::from(Span::styled("Two names and a first day of the week, and you are ready. Esc skips.", theme.dim)),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), intro);
    }
    let rows = Layout::vertical(heights.iter().map(|h| Constraint::Length(*h))).split(list);
    let label_width = if form.welcome { 34 } else { 24 };
    for (field, row) in fields.iter().zip(rows.iter()) {
        let focused = form.focus == *field;
        let [label, value] = Layout::horizontal([Constraint::Length(label_width), Constraint::Min(0)]).areas(*row);
        let style = if focused { theme.focus.patch(theme.title) } else { theme.dim };
        let bad = if form.check(*field).is_err() { "✗ " } else { "" };
        let label = Rect { height: 1, ..label };
        frame.render_widget(Paragraph::new(Span::styled(format!("{bad}{}", field.label()), style)), label);
        match form.text(*field) {
            // A list of categories reads as one line until it is edited.
            Some(t) if t.multiline && !focused => {
                let shown = t.text().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" · ");
                frame.render_widget(Paragraph::new(fit(&shown, value.width as usize)), value);
            }
            Some(t) => {
                let placeholder = match field {
                    SettingsField::Me if form.welcome => "Me (or your name)",
                    SettingsField::Partner if form.welcome => "Partner (or their name)",
                    _ => "",
                };
                text(frame, value, t, focused, placeholder, theme)
            }
            None => {
                let shown = if focused { format!("◀ {} ▶", form.picker(*field)) } else { form.picker(*field) };
                frame.render_widget(Paragraph::new(Span::styled(shown, theme.title)), value);
            }
        }
    }
    let message = match form.check(form.focus) {
        Err(e) => Span::styled(format!("✗ {}: {e}", form.focus.label()), theme.error),
        Ok(()) => Span::styled(help(form.focus), theme.dim),
    };
    frame.render_widget(Paragraph::new(message), error);
}

fn help(field: SettingsField) -> &'static str {
    match field {
        SettingsField::DepositPresets => "up to four, \"name amount\", chosen with Alt-1…Alt-4",
        SettingsField::WithdrawalPresets => "up to three or four; the one after them is a wipe",
        SettingsField::DepositCategories | SettingsField::WithdrawalCategories => {
            "one per line: Enter adds, Alt-↑/↓ moves; past entries keep theirs"
        }
        SettingsField::Kept | SettingsField::Missed => "the default for new commitments",
        SettingsField::DayEnds => "an entry written before this hour belongs to the evening before",
        SettingsField::DefaultDeposit | SettingsField::DefaultWithdrawal => {
            "←/→ choose the category a new entry starts on"
        }
        SettingsField::Keyboard => "space or ←/→: the other one sits down (remembered on this computer)",
        _ => "",
    }
}
