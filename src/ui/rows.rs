//! A table of one-line rows of styled text, drawn straight into the buffer.
//!
//! It draws what ratatui's `Table` draws for such rows (same columns, same
//! heads, same highlight), without the layers `Table` puts around every
//! cell: a `Text` and a `Line` built for it, and a style pass over each of
//! its cells for the row, the cell, the text and the line, all with no
//! style to give. With a day full of entries those made a keystroke on
//! Today cost half again what it costs on an empty day.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

/// The columns, the gap between them, and how the heads look.
pub struct Rows<'a, const N: usize> {
    pub widths: [Constraint; N],
    pub spacing: u16,
    pub heads: [&'a str; N],
    pub head_style: Style,
    /// Laid over the selected row after it is drawn.
    pub highlight: Style,
}

impl<const N: usize> Rows<'_, N> {
    /// Draws the heads on the first line of `area` and `rows` on the lines
    /// below, as many as fit; `selected` (one of them) counts from the
    /// first row given.
    pub fn draw<'s>(
        &self,
        buf: &mut Buffer,
        area: Rect,
        rows: impl Iterator<Item = [Span<'s>; N]>,
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
            Span::raw(text).render(Rect { width: column.width, ..cell(column.x, area.y) }, buf);
        }
        let mut highlighted = None;
        for (i, (y, row)) in (area.y + 1..area.bottom()).zip(rows).enumerate() {
            for (column, span) in columns.iter().zip(row) {
                span.render(Rect { width: column.width, ..cell(column.x, y) }, buf);
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

    /// The same rows through ratatui's `Table`, which this must match cell
    /// for cell.
    fn through_table(area: Rect, selected: Option<usize>, layout: &Rows<'_, 3>) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
        let rows = rows().into_iter().map(|r| Row::new(r.map(Cell::from)));
        let table = Table::new(rows, layout.widths)
            .header(Row::new(layout.heads).style(layout.head_style))
            .row_highlight_style(layout.highlight)
            .column_spacing(layout.spacing);
        StatefulWidget::render(table, area, &mut buf, &mut TableState::default().with_selected(selected));
        buf
    }

    #[test]
    fn the_rows_are_drawn_cell_for_cell_as_a_table_draws_them() {
        let layout = Rows {
            widths: [Constraint::Length(5), Constraint::Length(8), Constraint::Min(6)],
            spacing: 1,
            heads: ["time", "amount", "note"],
            head_style: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            highlight: Style::new().bg(Color::Blue),
        };
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
}
