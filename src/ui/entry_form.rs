//! The entry form, drawn as a centred box.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::popup;
use crate::app::App;
use crate::app::form::{EntryField, EntryForm};
use crate::app::text_field::TextField;
use crate::domain::Person;
use crate::domain::moment::EVENING;

const LABEL: u16 = 10;
/// The note wraps over this many lines (and scrolls past them).
const NOTE_ROWS: u16 = 3;

pub fn render(frame: &mut Frame, area: Rect, app: &App, form: &EntryForm, theme: &Theme) {
    let rect = popup(frame, area, 76, 2 + NOTE_ROWS + 2 * (EntryField::ALL.len() as u16 - 1));
    let kind_style = if form.withdrawal { theme.withdrawal } else { theme.deposit };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(kind_style)
        .title(Span::styled(format!(" {} ", form.title()), kind_style.patch(theme.title)))
        .title_bottom(Line::from(" Enter save · Tab next field · Esc cancel ").right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let day_ends_at = app.journal.settings.day_ends_at;
    let errors = form.errors(app.today, app.now, day_ends_at);
    let heights = EntryField::ALL.map(|f| Constraint::Length(if f == EntryField::Note { NOTE_ROWS } else { 2 }));
    let rows = Layout::vertical(heights).split(inner);
    for (field, row) in EntryField::ALL.into_iter().zip(rows.iter()) {
        // The note has no hint: its rows are all for the text.
        let [line, hint] = match field {
            EntryField::Note => [*row, Rect::default()],
            _ => Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(*row),
        };
        let [label, value] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(0)]).areas(line);
        let focused = form.focus == field;
        let label_style = if focused { theme.focus.patch(theme.title) } else { theme.dim };
        frame.render_widget(Paragraph::new(Span::styled(field.label(), label_style)), label);
        match field {
            EntryField::Note => text(frame, value, &form.note, focused, "a few words: what happened?", theme),
            EntryField::Amount => {
                let meaning = form.meaning(&app.journal.settings).unwrap_or_default();
                let width = meaning.chars().count() as u16;
                let [field_area, _, meaning_area] =
                    Layout::horizontal([Constraint::Min(8), Constraint::Length(1), Constraint::Length(width)])
                        .areas(value);
                text(frame, field_area, &form.amount, focused, "", theme);
                frame.render_widget(Paragraph::new(Span::styled(meaning, kind_style)), meaning_area);
            }
            EntryField::Date => text(frame, value, &form.date, focused, "", theme),
            EntryField::Time => text(frame, value, &form.time, focused, &time_placeholder(form, app), theme),
            EntryField::Category => {
                let arrows = if focused { ("◀ ", " ▶") } else { ("", "") };
                let line = Line::from(vec![
                    Span::raw(arrows.0),
                    Span::styled(form.category.clone(), theme.title),
                    Span::raw(arrows.1),
                ]);
                frame.render_widget(Paragraph::new(line), value);
            }
            EntryField::Who => {
                let pick = |who: Person| {
                    let style = if form.who == who { theme.selected } else { theme.dim };
                    Span::styled(format!(" {} ", app.journal.people.name(who)), style)
                };
                // The person at the keyboard first.
                let (me, partner) = (app.me, app.me.other());
                frame.render_widget(Paragraph::new(Line::from(vec![pick(me), Span::raw(" "), pick(partner)])), value);
            }
        }
        let [_, hint_area] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(0)]).areas(hint);
        let hint_line = match errors.for_field(field) {
            Some(error) => Line::from(Span::styled(format!("✗ {error}"), theme.error)),
            None => Line::from(Span::styled(hint_text(field, form, app, focused), theme.dim)),
        };
        frame.render_widget(Paragraph::new(hint_line), hint_area);
    }
}

fn hint_text(field: EntryField, form: &EntryForm, app: &App, focused: bool) -> String {
    let settings = &app.journal.settings;
    match field {
        EntryField::Amount => {
            let presets = if form.withdrawal { &settings.withdrawal_presets } else { &settings.deposit_presets };
            let mut parts: Vec<String> =
                presets.iter().enumerate().take(4).map(|(i, p)| format!("Alt-{} {}", i + 1, p.name)).collect();
            if form.withdrawal && presets.len() < 4 {
                parts.push(format!("Alt-{} wipe", presets.len() + 1));
            }
            parts.join(" · ")
        }
        EntryField::Category => {
            let default = settings.default_category(form.withdrawal);
            let kind = if form.withdrawal { "withdrawals" } else { "deposits" };
            match (focused, form.category == default) {
                (true, _) => format!("←/→ choose · new {kind} start on \"{default}\" (S settings)"),
                (false, true) => format!("the default for new {kind} (S settings changes it)"),
                (false, false) => String::new(),
            }
        }
        EntryField::Who if focused => "←/→ or space switch".into(),
        EntryField::Date => "YYYY-MM-DD".into(),
        EntryField::Time => {
            format!("21:30, 9pm or 9:15am · before {}: the night after", settings.day_ends_at.format("%H:%M"))
        }
        _ => String::new(),
    }
}

/// A text field: the live editor when focused, plain text otherwise.
pub fn text(frame: &mut Frame, area: Rect, field: &TextField, focused: bool, placeholder: &str, theme: &Theme) {
    if focused {
        frame.render_widget(&*field.editor(theme.selected, placeholder, theme.dim), area);
    } else {
        let text = field.text();
        let shown = if text.is_empty() { Span::styled(placeholder.to_string(), theme.dim) } else { Span::raw(text) };
        // Wrapped where the field has the rows for it, as the editor wraps.
        frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: false }), area);
    }
}

/// What an empty Time field stands for: now on today, the evening on a past
/// day, an edited entry's own time.
fn time_placeholder(form: &EntryForm, app: &App) -> String {
    match form.parsed_date(app.today) {
        _ if form.editing.is_some() => format!("as it was ({})", form.time_was),
        Ok(day) if day < app.today => format!("{}, the evening", EVENING.format("%H:%M")),
        _ => format!("now ({})", app.now.format("%H:%M")),
    }
}
