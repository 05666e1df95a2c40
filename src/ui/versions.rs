//! The history overlay (`v` on Today): every version of the selected
//! entry, what changed and who changed it when, who noticed it, and the
//! entries of the day that were removed, each with its last version.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::popup;
use super::today::NOTICED_MARK;
use crate::app::App;
use crate::domain::history::{amount_words, entry_changes, entry_versions, removed_on};
use crate::domain::{Entry, Id, Journal};
use crate::export::csv::kind_name;

/// When a version was written, on the viewer's clock.
fn when(ms: u64, viewer: FixedOffset) -> String {
    match DateTime::from_timestamp_millis(ms as i64).filter(|_| ms > 0) {
        Some(at) => at.with_timezone(&viewer).format("%a %-d %b %H:%M").to_string(),
        None => "before trustbank kept times".into(),
    }
}

/// "+$0.10 positive interaction "made dinner"".
fn summary(e: &Entry) -> String {
    let amount = amount_words(e);
    if e.note.is_empty() {
        format!("{amount} {}", e.category)
    } else {
        format!("{amount} {} \"{}\"", e.category, e.note)
    }
}

/// The lines of the history of `entry` (if one is selected) and of what
/// was removed on `day`.
pub fn lines<'a>(
    journal: &Journal,
    entry: Option<&Id>,
    day: NaiveDate,
    viewer: FixedOffset,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let people = &journal.people;
    let mut out = Vec::new();
    if let Some(id) = entry {
        let versions = entry_versions(journal, id);
        if let Some(last) = versions.last() {
            let kind = kind_name(last.kind);
            let head = format!("{}'s {kind} of {}", people.name(last.who), last.date.format("%a %-d %b"));
            out.push(Line::from(Span::styled(head, theme.title)));
        }
        for (i, v) in versions.iter().enumerate() {
            let now = i + 1 == versions.len() && journal.entry(id).is_some();
            let what = if i == 0 { "written" } else { "changed" };
            let label = format!("version {}{}", i + 1, if now { " (now)" } else { "" });
            out.push(Line::from(vec![
                Span::styled(format!("  {label}"), theme.key),
                Span::raw(format!(" · {what} by {} · {}", people.name(v.by), when(v.updated, viewer))),
            ]));
            match i.checked_sub(1).map(|p| versions[p]) {
                None => out.push(Line::from(format!("    {}", summary(v)))),
                Some(before) => {
                    for (field, a, b) in entry_changes(people, before, v) {
                        out.push(Line::from(format!("    {field}: \"{a}\" → \"{b}\"")));
                    }
                }
            }
        }
        if versions.len() == 1 {
            out.push(Line::from(Span::styled("  never edited", theme.dim)));
        }
        for n in journal.noticed.iter().filter(|n| &n.entry == id) {
            let word = if n.word.is_empty() { String::new() } else { format!(" \"{}\"", n.word) };
            out.push(Line::from(format!(
                "  {NOTICED_MARK} noticed by {} · {}{word}",
                people.name(n.by),
                when(n.updated, viewer)
            )));
        }
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled(format!("Removed on {}", day.format("%a %-d %b")), theme.title)));
    let removed = removed_on(journal, day);
    if removed.is_empty() {
        out.push(Line::from(Span::styled("  nothing removed on this day", theme.dim)));
    }
    for (r, e) in removed {
        out.push(Line::from(format!("  removed by {} on {}: {}", people.name(r.by), when(r.at, viewer), summary(e))));
    }
    out
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (entry, day): (Option<&Id>, NaiveDate),
    scroll: u16,
    theme: &Theme,
) {
    let lines = lines(&app.journal, entry, day, *app.now.offset(), theme);
    let width = area.width.saturating_sub(4).min(100);
    // Lines wrap in the box: count what they take at its width.
    let inner = width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = (rows as u16 + 2).min(area.height.saturating_sub(2));
    let rect = popup(frame, area, width, height);
    let max_scroll = (rows as u16).saturating_sub(rect.height.saturating_sub(2));
    let scroll = scroll.min(max_scroll);
    let more = if max_scroll > 0 { " j/k scroll · " } else { " " };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(" History ", theme.title))
        .title_bottom(Line::from(format!("{more}Esc closes ")).right_aligned());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((scroll, 0)), rect);
}
