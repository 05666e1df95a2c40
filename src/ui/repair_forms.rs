//! The repair forms: naming an injury, a step's notes, an agreement.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::entry_form::text;
use super::layout::popup;
use crate::app::App;
use crate::app::notice::WordForm;
use crate::app::repair_form::{AgreementForm, RepairForm, StepField, StepForm};
use crate::domain::StepState;
use crate::domain::repair::{STEP_NAMES, guidance};

fn frame_block<'a>(title: String, hint: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(hint).right_aligned())
}

fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    Span::styled(text.to_string(), if focused { theme.focus.patch(theme.title) } else { theme.dim })
}

fn hint(result: Result<String, String>, theme: &Theme) -> Span<'static> {
    match result {
        Ok(note) => Span::styled(note, theme.dim),
        Err(e) => Span::styled(format!("✗ {e}"), theme.error),
    }
}

pub fn repair(frame: &mut Frame, area: Rect, app: &App, form: &RepairForm, theme: &Theme) {
    let rect = popup(frame, area, 70, 10);
    let block = frame_block(" Open a repair ".into(), " Enter save · Tab next field · Esc cancel ", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner);
    frame.render_widget(Paragraph::new(label("The injury, in a few words", form.focus == 0, theme)), rows[0]);
    text(frame, rows[1], &form.title, form.focus == 0, "e.g. The hidden credit card", theme);
    frame.render_widget(Paragraph::new(hint(form.title_error().map_or(Ok(String::new()), Err), theme)), rows[2]);
    frame.render_widget(Paragraph::new(label("When it happened (YYYY-MM-DD)", form.focus == 1, theme)), rows[3]);
    text(frame, rows[4], &form.date, form.focus == 1, "", theme);
    frame
        .render_widget(Paragraph::new(hint(form.date_error(app.today).map_or(Ok(String::new()), Err), theme)), rows[5]);
    let focused = form.focus == 2;
    let arrows = if focused { ("◀ ", " ▶  space switches") } else { ("", "") };
    let hurt = Line::from(vec![
        label("Who was hurt (writes the Reveal)  ", focused, theme),
        Span::raw(arrows.0),
        Span::styled(app.journal.people.name(form.hurt).to_string(), theme.title),
        Span::styled(arrows.1, theme.dim),
    ]);
    frame.render_widget(Paragraph::new(hurt), rows[6]);
}

pub fn step(frame: &mut Frame, area: Rect, app: &App, form: &StepForm, theme: &Theme) {
    let height = (area.height.saturating_sub(2)).min(30);
    let rect = popup(frame, area, 90, height);
    let title = format!(" {}. {} · {} ", form.step + 1, STEP_NAMES[form.step.min(3)], form.repair.title);
    let keys = if form.step == 2 {
        " Ctrl-s save · Tab next · Esc cancel "
    } else {
        " Ctrl-s save · Enter new line · Tab next · Esc cancel "
    };
    let block = frame_block(title, keys, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // Agreements are one line each; the notes of steps 1 and 2 wrap.
    let text_rows = if form.step == 2 { Constraint::Length(1) } else { Constraint::Min(2) };
    let extra = 1 + usize::from(form.seen.is_some());
    let mut constraints = vec![Constraint::Length(2)];
    for _ in &form.notes {
        constraints.push(Constraint::Length(1));
        constraints.push(text_rows);
    }
    constraints.extend(std::iter::repeat_n(Constraint::Length(1), extra));
    constraints.push(Constraint::Length(2));
    let rows = Layout::vertical(constraints).split(inner);
    let first_line = super::repair::first_sentence(guidance(form.step));
    let first_line = Paragraph::new(Span::styled(first_line, theme.dim)).wrap(Wrap { trim: true });
    frame.render_widget(first_line, rows[0]);
    for (i, (name, field)) in form.notes.iter().enumerate() {
        let focused = form.focus == StepField::Note(i);
        let mut line = vec![label(name, focused, theme)];
        if let Some(author) = form.agreement_author(i) {
            let author = app.journal.people.name(author);
            line.push(Span::styled(format!(" · {author}'s words, only {author} changes them"), theme.dim));
        }
        frame.render_widget(Paragraph::new(Line::from(line)), rows[1 + 2 * i]);
        text(frame, rows[2 + 2 * i], field, focused, "", theme);
    }
    let mut at = 1 + 2 * form.notes.len();
    if let Some(seen) = form.seen {
        let focused = form.focus == StepField::Seen;
        let mark = if seen { "[x]" } else { "[ ]" };
        let line = Line::from(vec![
            label(&format!("{mark} I felt seen and heard"), focused, theme),
            Span::styled("  (space)", theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), rows[at]);
        at += 1;
    }
    let focused = form.focus == StepField::State;
    let states = [StepState::NotStarted, StepState::InProgress, StepState::Done]
        .iter()
        .flat_map(|s| {
            let style = if *s == form.state { theme.selected } else { theme.dim };
            [Span::styled(format!(" {} ", s.label()), style), Span::raw(" ")]
        })
        .collect::<Vec<_>>();
    let mut line = vec![label("Step  ", focused, theme)];
    line.extend(states);
    if focused {
        line.push(Span::styled(" ←/→ choose", theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), rows[at]);
    let hint = match form.step {
        2 if form.notes.is_empty() => "No agreements yet: Esc, then a on the Repair tab adds one with its commitment.",
        2 => "Empty an agreement to remove it · a on the Repair tab adds one, with its commitment.",
        3 => "Its figures are on the Repair tab; agreements are added in step 3, with a.",
        _ => "",
    };
    frame.render_widget(Paragraph::new(Span::styled(hint, theme.dim)).wrap(Wrap { trim: true }), rows[at + 1]);
}

pub fn agreement(frame: &mut Frame, area: Rect, form: &AgreementForm, theme: &Theme) {
    let rect = popup(frame, area, 76, 9);
    let block = frame_block(" New agreement ".into(), " Enter save · Tab next field · Esc cancel ", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 7]).split(inner);
    frame.render_widget(
        Paragraph::new(label("What would help you begin to trust again?", form.focus == 0, theme)),
        rows[0],
    );
    text(frame, rows[1], &form.text, form.focus == 0, "e.g. Weekly therapy together", theme);
    frame.render_widget(Paragraph::new(label("How often (it becomes a commitment)", form.focus == 1, theme)), rows[3]);
    text(frame, rows[4], &form.schedule, form.focus == 1, "", theme);
    frame.render_widget(Paragraph::new(hint(form.schedule_check(), theme)), rows[5]);
}

/// "Noticed", with a word for the partner.
pub fn noticed(frame: &mut Frame, area: Rect, app: &App, form: &WordForm, theme: &Theme) {
    let partner = app.journal.people.name(form.partner);
    let rect = popup(frame, area, 64, 7);
    let block = frame_block(" Noticed ".into(), " Enter save · Esc cancel ", theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    let what =
        if form.note.is_empty() { format!("{partner}'s entry") } else { format!("{partner}'s \"{}\"", form.note) };
    frame.render_widget(Paragraph::new(Span::styled(what, theme.dim)), rows[0]);
    frame.render_widget(Paragraph::new(label(&format!("A word for {partner} (optional)"), true, theme)), rows[2]);
    text(frame, rows[3], &form.word, true, "e.g. it meant a lot", theme);
}
