//! A table of one-line rows of styled text, drawn straight into the buffer.
//!
//! It draws what ratatui's `Table` draws for such rows (same columns, same
//! heads, same highlight), without the layers `Table` puts around every
//! cell: a `Text` and a `Line` built for it, and a style pass over each of
//! its cells for the row, the cell, the text and the line, all with no
//! style to give. With a day full of entries those made a keystroke on
//! Today cost half again what it costs on an empty day.
//!
//! Unlike `Table`, a cell too long for its column ends in `…`, so a cut
//! never passes for the whole text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::layout::text_width;

/// The columns, the gap between them, and how the heads look.
pub struct Rows<'a> {
    pub widths: &'a [Constraint],
    pub spacing: u16,
    pub heads: &'a [&'a str],
    pub head_style: Style,
    /// Laid over the selected row after it is drawn.
    pub highlight: Style,
}

impl Rows<'_> {
    /// Draws the heads on the first line of `area` and `rows` on the lines
    /// below, as many as fit; `selected` (one of them) counts from the
    /// first row given.
    pub fn draw<'s, R: IntoIterator<Item = Span<'s>>>(
        &self,
        buf: &mut Buffer,
        area: Rect,
        rows: impl Iterator<Item = R>,
        selected: Option<usize>,
    ) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        // As `Table` lays its columns out (it keeps no room for a
        // highlight symbol, having none).
        let columns = Layout::horizontal(self.widths)
            .flex(Flex::Start)
            .spacing(self.spacing)
            .split(Rect::new(0, 0, area.width, 1));
        let cell = |x: u16, y: u16| Rect::new(area.x + x, y, 0, 1);
        let head = Rect { height: 1, ..area };
        buf.set_style(head, self.head_style);
        for (column, text) in columns.iter().zip(self.heads) {
            cut(Span::raw(*text), column.width).render(Rect { width: column.width, ..cell(column.x, area.y) }, buf);
        }
        let mut highlighted = None;
        for (i, (y, row)) in (area.y + 1..area.bottom()).zip(rows).enumerate() {
            for (column, span) in columns.iter().zip(row) {
                cut(span, column.width).render(Rect { width: column.width, ..cell(column.x, y) }, buf);
            }
            if selected == Some(i) {
                highlighted = Some(Rect { y, height: 1, ..area });
            }
        }
        if let Some(row) = highlighted {
            buf.set_style(row, self.highlight);
        }
    }
}

/// The width of each column's widest text, its head included: what
/// `layout::content_widths` sizes columns by.
pub fn widest<'s, R: AsRef<[Span<'s>]>>(heads: &[&str], rows: &[R]) -> Vec<u16> {
    (0..heads.len())
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.as_ref().get(i)).map(|s| text_width(&s.content));
            cells.chain([text_width(heads[i])]).max().unwrap_or(0) as u16
        })
        .collect()
}

/// The span as it fits `width` columns: whole, or cut and ending in `…`.
fn cut(span: Span<'_>, width: u16) -> Span<'_> {
    if span.width() <= width as usize {
        span
    } else {
        Span::styled(super::layout::fit(&span.content, width as usize), span.style)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState};

    fn rows() -> Vec<[Span<'static>; 3]> {
        vec![
            [
                Span::raw("21:00"),
                Span::styled("+ $0.25", Style::new().green()),
                Span::raw("a note that is far too long to fit"),
            ],
            [Span::raw("09:30"), Span::styled("- wipe", Style::new().red().bold()), Span::raw("wide 信頼 💛 text")],
            [Span::raw(""), Span::raw("x"), Span::raw("tab\tand\u{301} combining")],
            [Span::raw("07:00"), Span::raw("more"), Span::raw("than fit")],
        ]
    }

    /// The same rows through ratatui's `Table`, each cell cut to its
    /// column first; this must match it cell for cell.
    fn through_table(area: Rect, selected: Option<usize>, layout: &Rows<'_>) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
        let columns = Layout::horizontal(layout.widths).spacing(layout.spacing).split(Rect::new(0, 0, area.width, 1));
        let cut_row = |r: [Span<'static>; 3]| {
            Row::new(r.into_iter().zip(columns.iter()).map(|(s, c)| Cell::from(cut(s, c.width))))
        };
        let heads = layout.heads.iter().zip(columns.iter()).map(|(h, c)| Cell::from(cut(Span::raw(*h), c.width)));
        let table = Table::new(rows().into_iter().map(cut_row), layout.widths)
            .header(Row::new(heads).style(layout.head_style))
            .row_highlight_style(layout.highlight)
            .column_spacing(layout.spacing);
        StatefulWidget::render(table, area, &mut buf, &mut TableState::default().with_selected(selected));
        buf
    }

    fn layout() -> Rows<'static> {
        Rows {
            widths: &[Constraint::Length(5), Constraint::Length(8), Constraint::Min(6)],
            spacing: 1,
            heads: &["time", "amount", "note"],
            head_style: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            highlight: Style::new().bg(Color::Blue),
        }
    }

    #[test]
    fn the_rows_are_drawn_cell_for_cell_as_a_table_draws_them() {
        let layout = layout();
        for area in [Rect::new(0, 0, 40, 6), Rect::new(2, 1, 30, 4), Rect::new(1, 0, 20, 1), Rect::new(0, 0, 12, 3)] {
            // The rows that fit in the area only, as the views pass them.
            let fit = (area.height.saturating_sub(1) as usize).min(rows().len());
            for selected in [None, Some(0), Some(1), Some(fit.saturating_sub(1))] {
                let selected = selected.filter(|&s| s < fit);
                let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
                layout.draw(&mut buf, area, rows().into_iter().take(fit), selected);
                assert_eq!(buf, through_table(area, selected, &layout), "{area:?}, selected {selected:?}");
            }
        }
    }

    /// The text of a line, the cell a wide letter covers skipped.
    fn line_of(buf: &Buffer, y: u16) -> String {
        let mut text = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            text.push_str(symbol);
            x += Span::raw(symbol).width().max(1) as u16;
        }
        text
    }

    #[test]
    fn a_cell_cut_by_its_column_ends_in_an_ellipsis_and_keeps_its_style() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 3));
        let area = buf.area;
        layout().draw(&mut buf, area, rows().into_iter(), None);
        let line = |y: u16| line_of(&buf, y);
        assert_eq!(line(1), "21:00 + $0.25  a note that is…");
        assert_eq!(line(2), "09:30 - wipe   wide 信頼 💛 t…");
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
        let green = [Span::raw("07:00"), Span::raw("x"), Span::styled("a long green note", Style::new().green())];
        let area = buf.area;
        layout().draw(&mut buf, area, [green].into_iter(), None);
        assert_eq!(line_of(&buf, 1), "07:00 x       a lon…");
        assert_eq!(buf[(19, 1)].style().fg, Some(Color::Green), "the ellipsis is the cut text's colour");
    }
}
