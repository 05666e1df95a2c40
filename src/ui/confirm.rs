//! Yes/no questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::popup;
use crate::app::App;
use crate::app::draft::Draft;
use crate::domain::{EntryKind, Id};

fn ask(frame: &mut Frame, area: Rect, title: &str, question: String, theme: &Theme) {
    ask_in(frame, area, 6, title, question, theme);
}

fn ask_in(frame: &mut Frame, area: Rect, height: u16, title: &str, question: String, theme: &Theme) {
    ask_with(frame, area, height, title, question, " y yes · n no ", theme);
}

fn ask_with(frame: &mut Frame, area: Rect, height: u16, title: &str, question: String, keys: &str, theme: &Theme) {
    let rect = popup(frame, area, 60, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warn)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Line::from(keys.to_string()).right_aligned());
    frame.render_widget(Paragraph::new(question).wrap(Wrap { trim: true }).block(block), rect);
}

pub fn delete(frame: &mut Frame, area: Rect, app: &App, id: &Id, theme: &Theme) {
    let what = match app.journal.entry(id) {
        Some(e) => {
            let kind = match e.kind {
                EntryKind::Deposit => format!("the deposit of {}", e.amount),
                EntryKind::Withdrawal => format!("the withdrawal of {}", e.amount),
                EntryKind::Wipe => "the wipe".to_string(),
            };
            // A posted entry's note is its commitment's title, said below.
            if e.note.is_empty() || e.commitment.is_some() { kind } else { format!("{kind} (\"{}\")", e.note) }
        }
        None => "this entry".into(),
    };
    match app.delete_clears(id) {
        Some(clears) => {
            let question = format!("Delete {what}? A mark posted it, so {clears}. You can undo both with u.");
            // A line more for a long commitment title.
            ask_in(frame, area, 7, "Delete?", question, theme);
        }
        None => ask(frame, area, "Delete?", format!("Delete {what}? You can undo it with u."), theme),
    }
}

pub fn quit(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let error = match &app.save {
        crate::app::SaveState::Failed(e) => e.as_str(),
        _ => "",
    };
    ask(
        frame,
        area,
        "Not saved",
        format!("The last change is not on disk ({error}). trustbank keeps retrying. Quit anyway and lose it?"),
        theme,
    );
}

/// An amount past the largest preset: meant?
pub fn amount(frame: &mut Frame, area: Rect, app: &App, form: &crate::app::form::EntryForm, theme: &Theme) {
    let settings = &app.journal.settings;
    let (Some(amount), Some(largest)) = (form.amount_typed(), form.needs_asking(settings)) else { return };
    let kind = if form.withdrawal { "withdrawal" } else { "deposit" };
    let coins = crate::app::form::in_coins(amount, settings).map_or_else(String::new, |c| format!(" ({c})"));
    let size = match largest.name.chars().next() {
        Some(c) if c.is_alphabetic() => format!("{} ({})", largest.name, largest.cents),
        _ => largest.cents.to_string(),
    };
    let question = format!(
        "A {kind} of {amount}{coins}? That is more than the largest size, {size}. A bare number is dollars: \
         10c is ten cents."
    );
    ask_with(frame, area, 7, "So much?", question, " y save it · n change it ", theme);
}

/// The draft kept when the app was stopped from outside: reopen it?
pub fn draft(frame: &mut Frame, area: Rect, draft: &Draft, theme: &Theme) {
    let when = draft.kept_at.format("%a %-d %b at %H:%M");
    let form = draft.form.title();
    let preview = draft.form.preview(40);
    let typed = if preview.is_empty() { String::new() } else { format!(": \"{preview}\"") };
    let question = format!(
        "When trustbank was stopped from outside on {when}, the form {form} held text you typed{typed}. \
         Reopen it with that text? (n discards the draft)"
    );
    ask_in(frame, area, 7, "A draft was kept", question, theme);
}

/// Asked beside the tab, not over the keys: see [`crate::app::offer`].
pub fn offer_repair(frame: &mut Frame, area: Rect, theme: &Theme) {
    let question = "That sounds painful. Would you like to open a repair for it, to work through the four steps \
                    together? (n on the Repair tab opens one later too)";
    ask_with(frame, area, 7, "A hard moment", question.into(), " y open a repair · n not now ", theme);
}

/// Closing a form that holds typed text.
pub fn discard(frame: &mut Frame, area: Rect, form: &crate::app::Overlay, theme: &Theme) {
    let title = crate::app::draft::FormDraft::of(form).map_or_else(|| "the form".to_string(), |d| d.title());
    let question = format!("Discard what you wrote in {title}? n goes back to the form, with every word.");
    ask(frame, area, "Discard?", question, theme);
}
