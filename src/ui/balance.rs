//! The Balance tab: the trust balance as a line over a range, each day's
//! net for the selected week, and the weekly review beside last week's.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::Theme;
use super::layout::{content_widths, fit, text_width};
use super::rows::{Rows, widest};
use crate::app::{App, ChartRange};
use crate::domain::chart::{Column, columns};
use crate::domain::{Cents, WeekReview};
use crate::report;

/// The rows the chart panel wants before the review takes the rest.
const CHART_ROWS: u16 = 11;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let review = app.week_review();
    let mut rows = report::rows(&review);
    // The chart and the seven day bars need 9 lines; the review takes the
    // rest (a title line, the column heads and its rows), and the open
    // repair's long game when there is room (else a line under the chart).
    let repair_rows = report::repair_rows(&review);
    // A short window gives the plot more rows than its least: the best and
    // hardest day give way, as the day bars beside the chart show them.
    if area.height < CHART_ROWS + rows.len() as u16 + 2 {
        rows.retain(|r| r.label != "Best day" && r.label != "Hardest day");
    }
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
    // The bottom border, less its corners.
    let note_width = chart_area.width.saturating_sub(2) as usize;
    let repair_note = (!repair_fits).then(|| repair_summary(&review, note_width)).flatten();
    render_chart(frame, chart_area, app, repair_note, theme);
    render_days(frame, days_area, &review, app.today, theme);
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

/// One line for the open repair, for when its rows do not fit, as long
/// as `width` holds: the least needed parts give way first, so "about 10
/// weeks" keeps its number and its unit.
fn repair_summary(review: &WeekReview, width: usize) -> Option<String> {
    let rows = report::repair_rows(review);
    let value = |label: &str| rows.iter().find(|r| r.label == label).map(|r| r.this.clone()).unwrap_or_default();
    review.repair.as_ref()?;
    let (before, now, back) = (value("Before the injury"), value("Balance now"), value("Back to it"));
    let short = back.trim_end_matches(" at this pace");
    let candidates = [
        format!(" Repair: before {before} · now {now} · {back} "),
        format!(" Repair: before {before} · now {now} · {short} "),
        format!(" Repair: now {now} · {short} "),
    ];
    let fits = candidates.iter().find(|c| text_width(c) <= width);
    Some(fits.cloned().unwrap_or_else(|| fit(&candidates[2], width)))
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
    // The legend of the two lines takes the bottom edge from the repair's
    // one-line summary (the review below still has the repair's rows).
    let repair_note = repair_note.filter(|_| !app.noticed_line);
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
    // Round bounds, evenly labelled, zero among the labels.
    let most = (inner.height.saturating_sub(2) as usize).clamp(2, 5);
    let (lo, hi, step) = y_axis(low, high, most);
    let (y0, y1) = (dollars(Cents(lo)), dollars(Cents(hi)));
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
    // ratatui spreads labels evenly between the bounds: with round bounds
    // a whole number of steps apart, each sits beside its own height.
    let y_labels: Vec<Span> =
        (0..=(hi - lo) / step).map(|i| Span::styled(axis_label(Cents(lo + i * step), step), theme.dim)).collect();
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, n.max(1.0)]).labels(x_labels).style(theme.dim))
        .y_axis(Axis::default().bounds([y0, y1]).labels(y_labels).style(theme.dim))
        .legend_position(None);
    frame.render_widget(chart, inner);
}

/// A label of the y axis: whole dollars when the step is ("$5", "$0",
/// "-$5"), else dollars and cents; short either way for large amounts.
fn axis_label(c: Cents, step: i64) -> String {
    if step % 100 != 0 || c.0.unsigned_abs() >= 100_000 {
        return short_dollars(c);
    }
    let sign = if c.0 < 0 { "-" } else { "" };
    format!("{sign}${}", c.0.unsigned_abs() / 100)
}

/// The y axis from `low` (≤ 0) to `high` (≥ 0) in cents: round bounds a
/// whole number of steps apart, the step 1, 2 or 5 times a power of ten,
/// with at most `most` labels (at least 2), so that zero is one of them.
fn y_axis(low: Cents, high: Cents, most: usize) -> (i64, i64, i64) {
    let (low, high) = (low.0.min(0), high.0.max(0).max(low.0 + 1));
    // Below and above zero, zero is a third label.
    let most = most.max(if low < 0 && high > 0 { 3 } else { 2 });
    let mut scale = 1i64;
    loop {
        for step in [scale, 2 * scale, 5 * scale] {
            let (lo, hi) = (low.div_euclid(step) * step, -((-high).div_euclid(step)) * step);
            if ((hi - lo) / step + 1) as usize <= most {
                return (lo, hi, step);
            }
        }
        scale = scale.saturating_mul(10);
    }
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
fn render_days(frame: &mut Frame, area: Rect, review: &WeekReview, today: NaiveDate, theme: &Theme) {
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
            // A day still to come has no net yet: left blank.
            if d.date > today {
                return Line::from(vec![
                    Span::styled(format!("{} ", d.date.format("%a")), theme.dim),
                    Span::raw(" ".repeat(half as usize)),
                    Span::styled("│", theme.dim),
                ]);
            }
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
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_rows: Vec<[Span; 4]> = rows
        .into_iter()
        .map(|r| {
            [
                Span::styled(r.label, theme.dim),
                Span::styled(r.this, theme.base),
                Span::styled(r.last, theme.dim),
                Span::styled(r.change, theme.dim),
            ]
        })
        .collect();
    let heads = ["", "this week", "last week", "change"];
    // Columns sized to their figures, three apart, so the eye reads a row
    // across without crossing half a wide screen.
    let widths = content_widths(&widest(&heads, &table_rows), 0, 12, inner.width, 3);
    let table = Rows { widths: &widths, spacing: 3, heads: &heads, head_style: theme.title, highlight: theme.selected };
    table.draw(frame.buffer_mut(), inner, table_rows.into_iter(), None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_are_alike_on_one_axis() {
        let labels: Vec<String> = [-500, 0, 500, 1_000].map(|c| axis_label(Cents(c), 500)).to_vec();
        assert_eq!(labels, ["-$5", "$0", "$5", "$10"]);
        let labels: Vec<String> = [0, 20, 40].map(|c| axis_label(Cents(c), 20)).to_vec();
        assert_eq!(labels, ["$0.00", "$0.20", "$0.40"]);
    }

    #[test]
    fn the_y_axis_is_round_and_labels_zero() {
        // A balance never below zero: $0 at the bottom, no padded extremes.
        assert_eq!(y_axis(Cents(0), Cents(203), 5), (0, 300, 100));
        assert_eq!(y_axis(Cents(-16), Cents(203), 5), (-100, 300, 100));
        assert_eq!(y_axis(Cents(0), Cents(0), 5), (0, 1, 1));
        assert_eq!(y_axis(Cents(-500), Cents(2_500), 5), (-1_000, 3_000, 1_000));
        for (low, high, most) in [(-7, 93, 3), (0, 1_234_567, 5), (-999, 1, 2), (-20, 20, 5)] {
            let (lo, hi, step) = y_axis(Cents(low), Cents(high), most);
            assert!(lo <= low && hi >= high, "{low}..{high} in {lo}..{hi}");
            assert_eq!(lo % step, 0, "zero is a whole number of steps from the bottom");
            assert!(((hi - lo) / step + 1) as usize <= most.max(3));
        }
    }
}
