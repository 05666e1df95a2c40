//! The footer: the keys that work here (from the keymap) and the save
//! state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::layout::fit;
use crate::app::keymap::active;
use crate::app::{App, SaveState};

/// The save state as the footer says it.
pub fn save_label(save: &SaveState) -> String {
    match save {
        SaveState::Saved => "saved".into(),
        SaveState::Unwritten => "new: nothing written yet".into(),
        SaveState::Saving => "saving…".into(),
        SaveState::Failed(e) => format!("save failed: {e}"),
        SaveState::ReadOnly(reason) => format!("read-only: {reason}"),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // With a message on the left, a read-only reason would only repeat it.
    let state = match (&app.save, &app.message) {
        (SaveState::ReadOnly(_), Some(_)) => "read-only".to_string(),
        (save, _) => save_label(save),
    };
    let state_style = match app.save {
        SaveState::Saved | SaveState::Unwritten => theme.dim,
        SaveState::Saving => theme.dim,
        SaveState::Failed(_) | SaveState::ReadOnly(_) => theme.warn,
    };
    let state_width = (state.chars().count() as u16 + 2).min(area.width / 2);
    let [keys_area, state_area] = Layout::horizontal([Constraint::Min(0), Constraint::Length(state_width)]).areas(area);
    let left = match &app.message {
        Some(message) => Line::from(Span::styled(fit(message, keys_area.width as usize), theme.warn)),
        None => key_hints(app, keys_area.width as usize, theme),
    };
    frame.render_widget(Paragraph::new(left), keys_area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(&state, state_area.width as usize), state_style)).right_aligned()),
        state_area,
    );
}

/// As many `key label` pairs as fit, in keymap order; the help key always
/// keeps its place at the end, so every other key is one `?` away.
fn key_hints(app: &App, width: usize, theme: &Theme) -> Line<'static> {
    // The first key of each only: the help lists every key.
    // Read-only, the keys that would change the journal are not offered.
    let read_only = app.read_only().is_some();
    let hints: Vec<(String, &str)> = active(app.mode(), app.tab)
        .filter(|b| !(b.footer.is_empty() || read_only && b.action.writes()))
        .map(|b| (b.keys.first().map(|k| k.label()).unwrap_or_default(), b.footer))
        .collect();
    let cost = |(keys, label): &(String, &str)| keys.chars().count() + 1 + label.chars().count() + 2;
    let help = hints.iter().position(|(_, label)| *label == "help");
    let mut budget = width.saturating_sub(help.map_or(0, |i| cost(&hints[i])));
    let mut shown: Vec<usize> = Vec::new();
    for (i, hint) in hints.iter().enumerate() {
        // One hint per label: "save" once, by its first keys.
        if Some(i) == help || shown.iter().any(|&j| hints[j].1 == hint.1) {
            continue;
        }
        if cost(hint) > budget {
            break;
        }
        budget -= cost(hint);
        shown.push(i);
    }
    shown.extend(help);
    let mut spans = Vec::new();
    for i in shown {
        let (keys, label) = &hints[i];
        spans.push(Span::styled(keys.clone(), theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    Line::from(spans)
}
