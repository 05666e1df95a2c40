//! The Balance tab: the trust balance as a line over a range, each day's
//! net for the selected week, and the weekly review beside last week's.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table};

use super::Theme;
use crate::app::{App, ChartRange};
use crate::domain::chart::{Column, columns};
use crate::domain::{Cents, WeekReview};
use crate::report;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let review = app.week_review();
    let mut rows = report::rows(&review);
    // The chart and the seven day bars need 9 lines; the review takes the
    // rest (a title line, the column heads and its rows), and the open
    // repair's long game when there is room (else a line under the chart).
    let repair_rows = report::repair_rows(&review);
    let room = area.height.saturating_sub(9);
    // Each person's own part, the person at the keyboard first, where the
    // window has the lines for it.
    let people_rows = report::people_rows(&review, app.me);
    if room >= (rows.len() + people_rows.len() + 2) as u16 {
        rows.extend(people_rows);
    }
    let repair_fits = !repair_rows.is_empty() && room >= (rows.len() + repair_rows.len() + 2) as u16 + 12;
    if repair_fits {
        rows.extend(repair_rows);
    }
    let review_height = (rows.len() as u16 + 2).min(room);
    let [top, bottom] = Layout::vertical([Constraint::Min(9), Constraint::Length(review_height)]).areas(area);
    let [chart_area, days_area] = Layout::horizontal([Constraint::Min(30), Constraint::Length(30)]).areas(top);
    let repair_note = (!repair_fits).then(|| repair_summary(&review)).flatten();
    render_chart(frame, chart_area, app, repair_note, theme);
    render_days(frame, days_area, &review, theme);
    render_review(frame, bottom, &review, rows, theme);
}

/// The first and last day the chart spans.
fn span(app: &App) -> (NaiveDate, NaiveDate) {
    let end = app.week.end().min(app.today.max(app.week.start));
    let start = match app.chart_range.days() {
        Some(days) => end.checked_sub_days(Days::new(days as u64 - 1)).unwrap_or(end),
        None => app.daily.first().map_or(app.week.start, |d| d.date.min(app.week.start)),
    };
    (start, end)
}

/// `$12`, `-$3.50`, `$1.2k`: short enough for the axis.
fn short_dollars(c: Cents) -> String {
    let sign = if c.0 < 0 { "-" } else { "" };
    let abs = c.0.unsigned_abs();
    if abs >= 100_000 {
        format!("{sign}${:.1}k", abs as f64 / 100_000.0)
    } else if abs >= 1_000 {
        format!("{sign}${}", abs / 100)
    } else {
        Cents(c.0).to_string()
    }
}

fn dollars(c: Cents) -> f64 {
    c.0 as f64 / 100.0
}

/// One line for the open repair, for when its rows do not fit.
fn repair_summary(review: &WeekReview) -> Option<String> {
    let rows = report::repair_rows(review);
    let value = |label: &str| rows.iter().find(|r| r.label == label).map(|r| r.this.clone()).unwrap_or_default();
    review.repair.as_ref().map(|_| {
        format!(
            " Repair: before {} · now {} · {} ",
            value("Before the injury"),
            value("Balance now"),
            value("Back to it")
        )
    })
}

fn render_chart(frame: &mut Frame, area: Rect, app: &App, repair_note: Option<String>, theme: &Theme) {
    let (from, to) = span(app);
    let ranges: Vec<String> = ChartRange::ALL
        .iter()
        .map(|r| if *r == app.chart_range { format!("[{}]", r.title()) } else { r.title().to_string() })
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Trust balance ", theme.title))
        .title(Line::from(Span::styled(format!(" {} ", ranges.join(" ")), theme.dim)).right_aligned());
    let block = if app.noticed_line {
        block.title_bottom(
            Line::from(vec![
                Span::styled(" ━ balance ", theme.focus),
                Span::styled(" ━ counting only noticed deposits ", theme.deposit),
            ])
            .right_aligned(),
        )
    } else {
        block
    };
    let block = match repair_note {
        Some(note) => block.title_bottom(Line::from(Span::styled(note, theme.dim))),
        None => block,
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Room for the y labels (about 9 columns); one point per remaining cell
    // is all a Braille chart can show two of, so ask for twice as many.
    let width = (inner.width.saturating_sub(10) as usize * 2).max(1);
    let cols = columns(&app.daily, from, to, width);
    if cols.is_empty() || inner.height < 3 {
        return;
    }
    let line = line_points(&cols);
    // The balance counting only noticed deposits, over the same columns.
    let noticed = if app.noticed_line { columns(&app.noticed_daily(), from, to, width) } else { Vec::new() };
    let noticed_line = line_points(&noticed);
    let wipes: Vec<(f64, f64)> =
        cols.iter().enumerate().filter(|(_, c)| c.wipe).map(|(i, c)| (i as f64, dollars(c.low))).collect();
    let n = cols.len() as f64 - 1.0;
    let zero = [(0.0, 0.0), (n.max(1.0), 0.0)];
    let both = || cols.iter().chain(&noticed);
    let low = both().map(|c| c.low).min().unwrap_or(Cents::ZERO).min(Cents::ZERO);
    let high = both().map(|c| c.high).max().unwrap_or(Cents::ZERO).max(Cents::ZERO);
    let pad = ((high.0 - low.0) / 10).max(10);
    let (y0, y1) = (dollars(Cents(low.0 - pad)), dollars(Cents(high.0 + pad)));
    let datasets = vec![
        Dataset::default()
            .name("zero")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.dim)
            .data(&zero),
        Dataset::default()
            .name("noticed only")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.deposit)
            .data(&noticed_line),
        Dataset::default()
            .name("balance")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.focus)
            .data(&line),
        Dataset::default()
            .name("wipe")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.wipe)
            .data(&wipes),
    ];
    let x_labels = date_labels(&cols, inner.width);
    // Only the bounds are labelled: ratatui spreads labels evenly, so a
    // middle "$0" would sit beside the wrong height. The zero line is drawn.
    let label = |c: Cents| Span::styled(short_dollars(c), theme.dim);
    let y_labels = vec![label(Cents(low.0 - pad)), label(Cents(high.0 + pad))];
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, n.max(1.0)]).labels(x_labels).style(theme.dim))
        .y_axis(Axis::default().bounds([y0, y1]).labels(y_labels).style(theme.dim))
        .legend_position(None);
    frame.render_widget(chart, inner);
}

/// Each column's lowest and highest balance, in the order they happened
/// closely enough for a line: low then high when it rose, else high then low.
fn line_points(cols: &[Column]) -> Vec<(f64, f64)> {
    let mut points = Vec::with_capacity(cols.len() * 2);
    let mut previous = cols.first().map_or(Cents::ZERO, |c| c.close);
    for (i, c) in cols.iter().enumerate() {
        let x = i as f64;
        if c.low == c.high {
            points.push((x, dollars(c.close)));
        } else if c.close >= previous {
            points.push((x, dollars(c.low)));
            points.push((x, dollars(c.high)));
        } else {
            points.push((x, dollars(c.high)));
            points.push((x, dollars(c.low)));
        }
        previous = c.close;
    }
    points
}

/// Dates under the chart: as many as fit (2 to 4), evenly spread.
fn date_labels(cols: &[Column], width: u16) -> Vec<Span<'static>> {
    let count = match width {
        0..=39 => 2,
        40..=69 => 3,
        _ => 4,
    }
    .min(cols.len());
    let fmt =
        if cols.len() > 1 && (cols[cols.len() - 1].last - cols[0].first).num_days() > 300 { "%b %Y" } else { "%-d %b" };
    (0..count)
        .map(|i| {
            let at = if count == 1 { 0 } else { i * (cols.len() - 1) / (count - 1) };
            Span::raw(cols[at].first.format(fmt).to_string())
        })
        .collect()
}

/// Each day's net for the selected week, as bars either side of zero.
fn render_days(frame: &mut Frame, area: Rect, review: &WeekReview, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Each day's net ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let days = &review.this_week.days;
    let biggest = days.iter().map(|d| d.net.0.unsigned_abs()).max().unwrap_or(0).max(1);
    let half = (inner.width.saturating_sub(14) / 2) as u64;
    let lines: Vec<Line> = days
        .iter()
        .map(|d| {
            let len = (d.net.0.unsigned_abs() * half).div_ceil(biggest) as usize;
            let (left, right) = if d.net.0 < 0 { (len, 0) } else { (0, len) };
            Line::from(vec![
                Span::styled(format!("{} ", d.date.format("%a")), theme.dim),
                Span::raw(" ".repeat(half as usize - left)),
                Span::styled("█".repeat(left), theme.withdrawal),
                Span::styled("│", theme.dim),
                Span::styled("█".repeat(right), theme.deposit),
                Span::raw(" ".repeat(half as usize - right)),
                Span::styled(format!(" {:>7}", d.net.signed_string()), theme.signed(d.net)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_review(frame: &mut Frame, area: Rect, review: &WeekReview, rows: Vec<report::Row>, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Span::styled(format!(" Week of {} ", review.this_week.week), theme.title));
    let table_rows = rows.into_iter().map(|r| {
        Row::new([
            Cell::from(Span::styled(r.label, theme.dim)),
            Cell::from(r.this),
            Cell::from(Span::styled(r.last, theme.dim)),
            Cell::from(Span::styled(r.change, theme.dim)),
        ])
    });
    let table = Table::new(
        table_rows,
        [Constraint::Length(20), Constraint::Min(18), Constraint::Min(18), Constraint::Length(14)],
    )
    .header(Row::new(["", "this week", "last week", "change"]).style(theme.title))
    .column_spacing(1)
    .block(block);
    frame.render_widget(table, area);
}
