//! The Today tab: the chosen day's entries, its check-in, and the day's
//! figures.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::{content_widths, more_below, table_window, text_width};
use super::rows::{Rows, widest};
use crate::app::App;
use crate::app::notice::Marks;
use crate::domain::outcome::outcome_on;
use crate::domain::{Commitment, Entry, EntryKind, Outcome, People, Person};

/// Where the parts of the tab go: the due commitments, the entries, the
/// check-in and the day's figures. Shared with the mouse, so a click lands
/// on the line drawn there.
pub struct Areas {
    pub due: Rect,
    pub entries: Rect,
    pub check_in: Rect,
    pub figures: Rect,
}

pub fn areas(app: &App, area: Rect, due: usize) -> Areas {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let check_in_height = check_in_height(app, inner.width);
    let due_height = if due == 0 { 0 } else { (due as u16 + 2).min(inner.height / 3) };
    let [due, entries, check_in, figures] = Layout::vertical([
        Constraint::Length(due_height),
        Constraint::Min(3),
        Constraint::Length(check_in_height),
        Constraint::Length(1),
    ])
    .areas(inner);
    Areas { due, entries, check_in, figures }
}

/// The line of Today's selection at screen row `y`, if any: the due
/// commitments first, then the entries (a table's first row is its head).
pub fn line_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let due = app.due_commitments().len();
    let a = areas(app, area, due);
    let row = |table: Rect, len: usize, selected: Option<usize>| -> Option<usize> {
        let (offset, visible) = table_window(selected, table);
        let at = y.checked_sub(table.y + 1)? as usize;
        (y < table.y + table.height && at < visible).then_some(at + offset).filter(|i| *i < len)
    };
    let entries = app.day_entries().len();
    let selected_due = (app.selected < due).then_some(app.selected);
    let selected_entry = app.selected.checked_sub(due);
    row(a.due, due, selected_due).or_else(|| row(a.entries, entries, selected_entry).map(|i| due + i))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = day_title(app);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title));
    frame.render_widget(block, area);
    let due = app.due_commitments();
    let Areas { due: due_area, entries, check_in, figures } = areas(app, area, due.len());
    render_due(frame, due_area, app, &due, theme);
    render_entries(frame, entries, app, due.len(), theme);
    render_check_in(frame, check_in, app, theme);
    render_figures(frame, figures, app, theme);
}

fn day_title(app: &App) -> String {
    let date = app.day.format("%A %-d %B %Y");
    match (app.today - app.day).num_days() {
        0 => format!("{date} · today"),
        1 => format!("{date} · yesterday"),
        n => format!("{date} · {n} days ago"),
    }
}

/// The commitments due on the day, each with its mark or "not marked".
fn render_due(frame: &mut Frame, area: Rect, app: &App, due: &[&Commitment], theme: &Theme) {
    if due.is_empty() || area.height == 0 {
        return;
    }
    let selected = (app.selected < due.len()).then_some(app.selected);
    // Only the rows that fit: a long list must not cost a frame per line.
    let (offset, visible) = table_window(selected, area);
    let rows = due.iter().skip(offset).take(visible).map(|c| {
        let (mark, style) = match outcome_on(&app.journal, &c.id, app.day).map(|o| o.outcome) {
            Some(Outcome::Kept) => (format!("✓ kept   +{}", c.kept), theme.deposit),
            Some(Outcome::Missed) => (format!("✗ missed -{}", c.missed), theme.withdrawal),
            Some(Outcome::Excused) => ("~ excused".to_string(), theme.dim),
            None => ("not marked".to_string(), theme.warn),
        };
        // The schedule of that day, which a later change does not move.
        let schedule = c.schedule_on(app.day).0.describe();
        let when = match c.owed_in_week(&app.journal, app.week_of(app.day), app.day) {
            Some(0) => format!("{schedule} · done this week"),
            Some(owed) => format!("{schedule} · {owed} to go"),
            None => schedule,
        };
        [Span::styled(mark, style), Span::styled(c.title.as_str(), theme.base), Span::styled(when, theme.dim)]
    });
    let rows: Vec<_> = rows.collect();
    // Sized to what is shown, so the schedule sits beside the title.
    let heads = ["Commitments due", "", ""];
    let mut widths = widest(&heads, &rows);
    widths[0] = 16;
    let widths = content_widths(&widths, 1, 12, area.width, 1);
    let table = Rows { widths: &widths, spacing: 1, heads: &heads, head_style: theme.title, highlight: theme.selected };
    table.draw(frame.buffer_mut(), area, rows.into_iter(), selected.and_then(|s| s.checked_sub(offset)));
    more_below(frame, area, offset + visible, due.len(), theme);
}

fn render_entries(frame: &mut Frame, area: Rect, app: &App, due: usize, theme: &Theme) {
    let entries = app.day_entries();
    if entries.is_empty() {
        let text = vec![
            Line::from(Span::styled("Entries", theme.title)),
            Line::from(Span::styled("Nothing noted on this day yet: a adds a deposit, w a withdrawal.", theme.dim)),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let people = &app.journal.people;
    let selected = app.selected.checked_sub(due).map(|i| i.min(entries.len() - 1));
    let (offset, visible) = table_window(selected, area);
    let viewer = *app.now.offset();
    // The mark takes a column only on a day that has one.
    let marked = entries.iter().any(|e| e.at.offset() != &viewer);
    let marks = app.day_marks();
    let rows = entries.iter().zip(marks.iter()).skip(offset).take(visible).map(|(e, marks)| {
        let mut row = entry_row(e, who_label(people, e), viewer, theme);
        if *marks != Marks::default() {
            row[4] = Span::raw(marked_note(&row[4].content, marks, people, app.me));
        }
        row
    });
    // As wide as either name, or the day's longest "Sam, by Alex".
    let names = Person::BOTH.map(|p| text_width(people.name(p)));
    let longest = entries.iter().map(|e| text_width(&who_label(people, e))).max().unwrap_or(0);
    let who_width = longest.max(names[0]).max(names[1]).clamp(3, 16) as u16;
    // Sized to the day's categories, so a wide screen gives the note the room.
    let category_width = entries.iter().map(|e| text_width(&e.category)).max().unwrap_or(0).clamp(8, 24) as u16;
    let table = Rows {
        widths: &[
            Constraint::Length(if marked { 6 } else { 5 }),
            Constraint::Length(10),
            Constraint::Length(category_width),
            Constraint::Length(who_width),
            Constraint::Min(10),
        ],
        spacing: 1,
        heads: &["time", "amount", "category", "who", "note"],
        head_style: theme.title,
        highlight: theme.selected,
    };
    // A day of many entries fills the screen: drawn without `Table`'s
    // layers (see `rows`), it costs about what an empty day costs.
    table.draw(frame.buffer_mut(), area, rows, selected.and_then(|s| s.checked_sub(offset)));
    more_below(frame, area, offset + visible, entries.len(), theme);
}

/// Whose behaviour an entry records and, when someone else wrote it down,
/// who did: "Alex", or "Alex, by Sam".
fn who_label(people: &People, e: &Entry) -> String {
    if e.by == e.who {
        people.name(e.who).to_string()
    } else {
        format!("{}, by {}", people.name(e.who), people.name(e.by))
    }
}

/// Marks an edited entry (✎ and how many versions the history keeps).
pub const EDITED_MARK: char = '✎';
/// Marks an entry someone noticed.
pub const NOTICED_MARK: char = '♥';

/// The note with its marks: "✎2 ♥ made dinner · Alex noticed \"it meant a
/// lot\"", said from the viewer's side ("you noticed"), and "(before an
/// edit)" when the entry changed after it was noticed.
fn marked_note(note: &str, marks: &Marks, people: &People, viewer: Person) -> String {
    let mut text = String::with_capacity(note.len() + 32);
    if marks.edits > 0 {
        text.push_str(&format!("{EDITED_MARK}{} ", marks.edits));
    }
    // The heart first, where a narrow screen still shows it.
    if !marks.noticed.is_empty() {
        text.push(NOTICED_MARK);
        text.push(' ');
    }
    text.push_str(note);
    for n in &marks.noticed {
        let who = if n.by == viewer { "you".to_string() } else { people.name(n.by).to_string() };
        text.push_str(&format!(" · {who} noticed"));
        if !n.word.is_empty() {
            text.push_str(&format!(" \"{}\"", n.word));
        }
        if n.edited_after {
            text.push_str(" (before an edit)");
        }
    }
    text
}

/// Marks a time written down in another UTC offset than the viewer's (a
/// trip, a partner abroad, a change of summer time): the time shown is the
/// viewer's own clock, the mark says it was not the writer's.
pub const OTHER_OFFSET_MARK: char = '*';

fn entry_row<'a>(e: &'a Entry, who: String, viewer: FixedOffset, theme: &Theme) -> [Span<'a>; 5] {
    let amount = match e.kind {
        EntryKind::Wipe => "- wipe".to_string(),
        kind => format!("{} {}", kind.sign(), e.amount),
    };
    let style = theme.entry(e.kind);
    [
        Span::styled(time(e.at, viewer), theme.dim),
        Span::styled(amount, style),
        Span::styled(e.category.as_str(), if e.kind == EntryKind::Wipe { style } else { theme.base }),
        Span::raw(who),
        Span::raw(if e.note.contains('\n') {
            Cow::Owned(e.note.replace('\n', " "))
        } else {
            Cow::Borrowed(e.note.as_str())
        }),
    ]
}

/// An entry's time on the viewer's clock, marked when it was written in
/// another offset.
fn time(at: DateTime<FixedOffset>, viewer: FixedOffset) -> String {
    let local = at.with_timezone(&viewer);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    if at.offset() == &viewer { time } else { format!("{time}{OTHER_OFFSET_MARK}") }
}

fn check_in_height(app: &App, width: u16) -> u16 {
    match app.journal.check_in(app.day, app.me) {
        None => 2,
        Some(c) => {
            let width = width.max(1) as usize;
            let lines: usize = c.reflection.lines().map(|l| text_width(l).div_ceil(width).max(1)).sum();
            (lines.clamp(1, 6) + 2) as u16
        }
    }
}

fn render_check_in(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines = vec![Line::default()];
    match app.journal.check_in(app.day, app.me) {
        None => lines.push(Line::from(vec![
            Span::styled("Check-in  ", theme.title),
            Span::styled("not written yet: r to rate the day's connection and write a line", theme.dim),
        ])),
        Some(c) => {
            let dots: String = (1..=5).map(|i| if i <= c.rating { '●' } else { '○' }).collect();
            lines.push(Line::from(vec![
                Span::styled("Check-in  ", theme.title),
                Span::styled(dots, theme.focus),
                Span::raw(format!(" {}/5 connection", c.rating)),
            ]));
            lines.extend(c.reflection.lines().map(|l| Line::from(l.to_string())));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn render_figures(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let entries = &app.journal.entries;
    let start = app.balances.at_start_of(entries, app.day);
    let end = app.balances.at_end_of(entries, app.day);
    let week_start = app.balances.at_start_of(entries, app.week_of(app.day).start);
    let (net, week) = (end - start, end - week_start);
    let line = Line::from(vec![
        Span::styled("Day net ", theme.dim),
        Span::styled(net.signed_string(), theme.signed(net)),
        Span::styled(" · Balance at day end ", theme.dim),
        Span::styled(end.to_string(), theme.signed(end).patch(theme.title)),
        Span::styled(" · Week to date ", theme.dim),
        Span::styled(week.signed_string(), theme.signed(week)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
