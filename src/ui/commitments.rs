//! The Commitments tab: every promise with its schedule, amounts, streak,
//! kept-rate, the mark for the viewed day, and the selected one's 8 weeks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use super::layout::{content_widths, more_below, table_window};
use super::rows::{Rows, widest};
use crate::app::App;
use crate::domain::outcome::outcome_on;
use crate::domain::{Commitment, DayMark, Outcome, Owed, Week};

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = format!(" Commitments · marks for {} ", day_label(app));
    let block =
        Block::default().borders(Borders::ALL).border_style(theme.border).title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let list = app.commitment_list();
    if list.is_empty() {
        let text = vec![
            Line::from(Span::styled("No commitments yet.", theme.title)),
            Line::from(Span::styled(
                "A commitment is a promise with a schedule: \"Pick up Mia from school, weekdays\". Press n to make one; \
                 each day you mark it kept (space), missed (m) or excused (s).",
                theme.dim,
            )),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }
    let [table_area, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(11)]).areas(inner);
    // Below 100 columns the amounts move to the detail below the table.
    let wide = inner.width >= 100;
    // Only the rows that fit are computed: a commitment's figures walk its
    // history, so a long list must not cost a frame per commitment.
    let selected = app.commitment_selected.min(list.len() - 1);
    let (offset, visible) = table_window(Some(selected), table_area);
    let rows: Vec<Vec<Span>> = list
        .iter()
        .skip(offset)
        .take(visible)
        .map(|c| {
            let f = app.commitment_figures(c);
            let style = if c.archived { theme.dim } else { theme.base };
            let title = if c.archived { format!("{} (archived)", c.title) } else { c.title.clone() };
            let mut cells = vec![Span::styled(title, style), Span::styled(c.schedule_on(app.day).0.describe(), style)];
            if wide {
                cells.push(Span::styled(format!("+{}", c.kept), theme.deposit));
                cells.push(Span::styled(format!("-{}", c.missed), theme.withdrawal));
            }
            cells.push(Span::styled(format!("{} (best {})", f.current_streak, f.best_streak), style));
            cells.push(Span::styled(f.kept_rate.map_or("—".to_string(), |r| format!("{r}%")), style));
            cells.push(day_cell(app, c, theme));
            cells
        })
        .collect();
    let day = day_label(app);
    let mut heads = vec!["commitment", "when"];
    if wide {
        heads.extend(["kept", "missed"]);
    }
    heads.extend(["streak", "4 wk", day.as_str()]);
    // Each column as wide as what it shows, so a wide screen reads across;
    // a narrow one closes the gaps to one column first, then cuts the
    // title, with `…`.
    let widest = widest(&heads, &rows);
    let needs = |gap: u16| widest.iter().sum::<u16>() + gap * (widest.len() as u16 - 1);
    let spacing = if needs(2) <= table_area.width { 2 } else { 1 };
    let widths = content_widths(&widest, 0, 12, table_area.width, spacing);
    let table = Rows { widths: &widths, spacing, heads: &heads, head_style: theme.title, highlight: theme.selected };
    table.draw(frame.buffer_mut(), table_area, rows.into_iter(), selected.checked_sub(offset));
    more_below(frame, table_area, offset + visible, list.len(), theme);
    if let Some(c) = list.get(app.commitment_selected.min(list.len() - 1)) {
        render_grid(frame, detail, app, c, theme);
    }
}

/// The list index of the row drawn at screen row `y` in the tab's `area`.
pub fn line_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let len = app.journal.commitments.len();
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let [table, _] = Layout::vertical([Constraint::Min(3), Constraint::Length(11)]).areas(inner);
    let (offset, visible) = table_window(Some(app.commitment_selected.min(len.saturating_sub(1))), table);
    let at = y.checked_sub(table.y + 1)? as usize;
    (at < visible).then_some(offset + at).filter(|i| *i < len)
}

fn amounts(c: &Commitment, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("+{}", c.kept), theme.deposit),
        Span::raw(" "),
        Span::styled(format!("-{}", c.missed), theme.withdrawal),
    ])
}

fn day_label(app: &App) -> String {
    if app.day == app.today { "today".into() } else { app.day.format("%a %-d %b").to_string() }
}

fn day_cell(app: &App, c: &Commitment, theme: &Theme) -> Span<'static> {
    match outcome_on(&app.journal, &c.id, app.day).map(|o| o.outcome) {
        Some(Outcome::Kept) => Span::styled("✓ kept", theme.deposit),
        Some(Outcome::Missed) => Span::styled("✗ missed", theme.withdrawal),
        Some(Outcome::Excused) => Span::styled("~ excused", theme.dim),
        None if c.owed_on(app.day) == Owed::Yes && !c.archived_without_a_day() => {
            Span::styled("not marked", theme.warn)
        }
        None => Span::styled("not due", theme.dim),
    }
}

fn mark_style(mark: DayMark, theme: &Theme) -> ratatui::style::Style {
    match mark {
        DayMark::Kept => theme.deposit,
        DayMark::Missed => theme.withdrawal,
        DayMark::NotMarked => theme.warn,
        _ => theme.dim,
    }
}

/// The selected commitment's last 8 weeks, one line per week.
fn render_grid(frame: &mut Frame, area: Rect, app: &App, c: &Commitment, theme: &Theme) {
    let settings = &app.journal.settings;
    let f = app.commitment_figures(c);
    let this_week = Week::containing(app.today, settings.week_starts_on);
    let mut head = vec![Span::styled(format!("{} ", c.title), theme.title)];
    head.extend(amounts(c, theme).spans);
    let mut lines = vec![Line::from(head)];
    let first = (0..7).fold(this_week, |w, _| w.previous());
    let mut week = first;
    for days in f.grid.chunks(7) {
        let mut spans = vec![Span::styled(format!("{:>8}  ", week.start.format("%-d %b")), theme.dim)];
        for mark in days {
            spans.push(Span::styled(format!("{} ", mark.symbol()), mark_style(*mark, theme)));
        }
        if !c.note.is_empty() && week == first {
            spans.push(Span::styled(format!("   {}", c.note), theme.dim));
        }
        lines.push(Line::from(spans));
        week = week.next();
    }
    let days: String = Week::containing(app.today, settings.week_starts_on)
        .days()
        .map(|d| format!("{} ", &d.format("%a").to_string()[..1]))
        .collect();
    // The legend beside the day letters, where even 80 columns hold it.
    let legend = "  ✓ kept ✗ missed ~ excused ? open · not due";
    lines.insert(1, Line::from(Span::styled(format!("{:>8}  {days}{legend}", ""), theme.dim)));
    frame.render_widget(Paragraph::new(lines), area);
}
