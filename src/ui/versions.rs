//! The history overlay (`v`): every version of the selected record, part
//! by part, what changed and who changed it when; on Today, who noticed
//! the entry, the day's changed check-ins and the entries removed from it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::popup;
use super::today::NOTICED_MARK;
use crate::app::{App, Subject};
use crate::domain::history::removed_on;
use crate::domain::story::{Thread, changes, check_ins_of, story, summary, title};
use crate::domain::{Id, Journal, Version};

/// When a version was written, on the viewer's clock.
pub fn when(ms: u64, viewer: FixedOffset) -> String {
    match DateTime::from_timestamp_millis(ms as i64).filter(|_| ms > 0) {
        Some(at) => at.with_timezone(&viewer).format("%a %-d %b %H:%M").to_string(),
        None => "before trustbank kept times".into(),
    }
}

/// The lines of one thread: each version, who wrote it and when, and what
/// it changed; its tombstone.
fn thread<'a>(journal: &Journal, t: &Thread, titled: bool, viewer: FixedOffset, theme: &Theme) -> Vec<Line<'a>> {
    let people = &journal.people;
    let mut out = Vec::new();
    if titled {
        out.push(Line::from(Span::styled(format!(" {}", t.part()), theme.title)));
    }
    for (i, v) in t.versions.iter().enumerate() {
        let now = i + 1 == t.versions.len() && t.current;
        let what = if i == 0 { "written" } else { "changed" };
        let label = format!("version {}{}", i + 1, if now { " (now)" } else { "" });
        out.push(Line::from(vec![
            Span::styled(format!("  {label}"), theme.key),
            Span::raw(format!(" · {what} by {} · {}", people.name(v.by()), when(v.updated(), viewer))),
        ]));
        match i.checked_sub(1).map(|p| &t.versions[p]) {
            None => out.push(Line::from(format!("    {}", summary(people, v)))),
            Some(before) => {
                for (field, a, b) in changes(people, before, v) {
                    out.push(Line::from(format!("    {field}: \"{a}\" → \"{b}\"")));
                }
            }
        }
    }
    if let Some(r) = &t.removed {
        out.push(Line::from(Span::styled(
            format!("  removed by {} on {}", people.name(r.by), when(r.at, viewer)),
            theme.withdrawal,
        )));
    } else if t.versions.len() == 1 && !titled {
        out.push(Line::from(Span::styled("  never edited", theme.dim)));
    }
    out
}

/// The story of the record `id`: its heading, then each part.
fn record<'a>(journal: &Journal, id: &Id, viewer: FixedOffset, theme: &Theme) -> Vec<Line<'a>> {
    let told = story(journal, id);
    let mut out = vec![Line::from(Span::styled(title(&journal.people, &told), theme.title))];
    // A record of one part is told without a part title.
    let titled = told.len() > 1;
    // A step not begun has nothing to tell.
    for t in told.iter().filter(|t| !t.blank(&journal.people)) {
        // A part never changed is one line, not three.
        if titled && !t.eventful() {
            let v = &t.versions[0];
            out.push(Line::from(vec![
                Span::styled(format!(" {}", t.part()), theme.title),
                Span::styled(
                    format!(" · never edited · {} · {}", journal.people.name(v.by()), when(v.updated(), viewer)),
                    theme.dim,
                ),
            ]));
            continue;
        }
        out.extend(thread(journal, t, titled, viewer, theme));
    }
    out
}

/// The lines of the history of `subject`.
pub fn lines<'a>(journal: &Journal, subject: &Subject, viewer: FixedOffset, theme: &Theme) -> Vec<Line<'a>> {
    let (entry, day) = match subject {
        Subject::Record(id) => return record(journal, id, viewer, theme),
        Subject::Day { entry, day } => (entry, *day),
    };
    let people = &journal.people;
    let mut out = Vec::new();
    if let Some(id) = entry {
        out.extend(record(journal, id, viewer, theme));
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
    for t in check_ins_of(journal, day) {
        let by = t.versions.last().map(|v| people.name(v.by())).unwrap_or_default();
        out.push(Line::from(Span::styled(format!("{by}'s {}", t.part()), theme.title)));
        out.extend(thread(journal, &t, false, viewer, theme));
        out.push(Line::default());
    }
    out.extend(removed(journal, day, viewer, theme));
    out
}

fn removed<'a>(journal: &Journal, day: NaiveDate, viewer: FixedOffset, theme: &Theme) -> Vec<Line<'a>> {
    let people = &journal.people;
    let mut out = vec![Line::from(Span::styled(format!("Removed on {}", day.format("%a %-d %b")), theme.title))];
    let removed = removed_on(journal, day);
    if removed.is_empty() {
        out.push(Line::from(Span::styled("  nothing removed on this day", theme.dim)));
    }
    for (r, e) in removed {
        let what = summary(people, &Version::Entry(e.clone()));
        out.push(Line::from(format!("  removed by {} on {}: {what}", people.name(r.by), when(r.at, viewer))));
        // What it was before, when it was edited: every version, still.
        if let Some(t) = story(journal, &e.id).into_iter().next().filter(|t| t.versions.len() > 1) {
            let lines = thread(journal, &Thread { removed: None, ..t }, false, viewer, theme);
            out.extend(lines.into_iter().map(|l| Line::from([vec![Span::raw("  ")], l.spans].concat())));
        }
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, subject: &Subject, scroll: u16, theme: &Theme) {
    let lines = lines(&app.journal, subject, *app.now.offset(), theme);
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
