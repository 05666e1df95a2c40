//! The Repair tab: the repairs (open first) and the selected one's four
//! steps, side by side when wide, stacked when not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::Theme;
use super::layout::{fit, text_width};
use crate::app::App;
use crate::domain::projection::Recovery;
use crate::domain::repair::{STEP_NAMES, guidance};
use crate::domain::{Agreement, Commitment, LongGameFigures, Repair, StepState};

/// The width of the list of repairs on the left.
pub fn list_width(width: u16) -> u16 {
    if width >= 100 { 28 } else { 22 }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let repairs = app.repair_list();
    let block =
        Block::default().borders(Borders::ALL).border_style(theme.border).title(Span::styled(" Repair ", theme.title));
    if repairs.is_empty() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = vec![
            Line::from(Span::styled("No repair conversations yet.", theme.title)),
            Line::default(),
            Line::from(Span::styled(
                "After a breach, rebuilding trust starts with three conversations, often with a therapist: the hurt \
                 partner reveals the full experience, the other acknowledges it, and together you agree on what would \
                 make it right. Then comes the long game. Press n to open a repair; noting a betrayal offers one too.",
                theme.dim,
            )),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }
    let list_width = list_width(area.width);
    let [list_area, detail] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(area);
    let selected = app.repair_selected.min(repairs.len() - 1);
    let title_width = list_width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = repairs
        .iter()
        .map(|r| {
            let status = if r.closed { "closed" } else { "open" };
            ListItem::new(vec![
                Line::from(Span::styled(fit(&r.title, title_width), if r.closed { theme.dim } else { theme.base })),
                Line::from(Span::styled(format!("  {} · {status}", r.injury_date.format("%-d %b %Y")), theme.dim)),
            ])
        })
        .collect();
    let list = List::new(items).block(block).highlight_style(theme.selected);
    frame.render_stateful_widget(list, list_area, &mut ListState::default().with_selected(Some(selected)));
    render_steps(frame, detail, app, repairs[selected], theme);
}

fn render_steps<'a>(frame: &mut Frame, area: Rect, app: &App, repair: &'a Repair, theme: &Theme) {
    let figures = app.long_game(repair);
    let areas = if area.width >= 140 {
        Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(area)
    } else {
        // Stacked: the selected step gets the most room.
        let constraints: Vec<Constraint> =
            (0..4).map(|i| if i == app.repair_step { Constraint::Min(6) } else { Constraint::Length(3) }).collect();
        Layout::vertical(constraints).split(area)
    };
    for (i, rect) in areas.iter().enumerate() {
        let state = repair.states()[i];
        let focused = i == app.repair_step;
        let mark = match state {
            StepState::Done => "✓",
            StepState::InProgress => "…",
            StepState::NotStarted => "○",
        };
        let title = format!(" {} {}. {} · {} ", mark, i + 1, STEP_NAMES[i], state.label());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { theme.focus } else { theme.border })
            .title(Span::styled(title, if focused { theme.focus.patch(theme.title) } else { theme.title }));
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        let width = inner.width.max(1);
        let content = step_lines(i, repair, &figures, &app.journal.commitments, width, theme);
        let room = inner.height as usize;
        if room <= 1 {
            // A folded step: its first sentence, cut with `…`.
            let line = Line::from(Span::styled(fit(first_sentence(guidance(i)), width as usize), theme.dim));
            frame.render_widget(Paragraph::new(line), inner);
            continue;
        }
        // The whole guidance when there is room, else its first sentence.
        let wrapped = |text: &'static str, lines: Vec<Line<'a>>| -> Paragraph<'a> {
            let mut all = vec![Line::from(Span::styled(text, theme.dim))];
            all.extend(lines);
            Paragraph::new(all).wrap(Wrap { trim: false })
        };
        let full = wrapped(guidance(i), content.clone());
        let paragraph =
            if full.line_count(width) <= room { full } else { wrapped(first_sentence(guidance(i)), content) };
        let cut = paragraph.line_count(width) > room;
        frame.render_widget(paragraph, inner);
        if cut {
            // The step goes on below the panel: its last line says so.
            let more = if focused { "… more: Enter opens the whole step" } else { "… more" };
            let last = Rect { y: inner.bottom() - 1, height: 1, ..inner };
            frame.render_widget(Clear, last);
            frame.render_widget(Paragraph::new(Span::styled(fit(more, width as usize), theme.dim)), last);
        }
    }
}

/// The first sentence of `text`, with its full stop or question mark.
pub(super) fn first_sentence(text: &str) -> &str {
    let end = text.find(['.', '?', '!']).map_or(text.len(), |at| at + 1);
    &text[..end]
}

fn note<'a>(label: &str, text: &'a str, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(format!("{label}:"), theme.title))];
    if text.is_empty() {
        lines.push(Line::from(Span::styled("  (not written yet)", theme.dim)));
    } else {
        lines.extend(text.lines().map(|l| Line::from(format!("  {l}"))));
    }
    lines
}

/// How an agreement is kept: by its commitment while that runs; an
/// archived or removed commitment says so, not "(tracked)".
fn tracking(a: &Agreement, commitments: &[Commitment]) -> &'static str {
    let Some(id) = &a.commitment else { return "" };
    match commitments.iter().find(|c| &c.id == id) {
        Some(c) if c.archived => " (its commitment is archived)",
        Some(_) => " (tracked)",
        None => " (its commitment was removed)",
    }
}

/// The long game's figures as label and value, the values lined up beside
/// the labels; a value too long to sit beside its label goes under it, so
/// no figure is split over two lines.
fn figure_lines(rows: &[(&str, String)], width: u16) -> Vec<Line<'static>> {
    let label = rows.iter().map(|(l, _)| text_width(l)).max().unwrap_or(0) + 2;
    rows.iter()
        .flat_map(|(l, v)| {
            if label + text_width(v) <= width as usize {
                vec![Line::from(format!("{l:<label$}{v}"))]
            } else {
                vec![Line::from(format!("{l}:")), Line::from(format!("  {v}"))]
            }
        })
        .collect()
}

fn step_lines<'a>(
    step: usize,
    r: &'a Repair,
    f: &LongGameFigures,
    commitments: &[Commitment],
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    match step {
        0 => [
            note("How I felt", &r.reveal.how_i_felt, theme),
            note("What I thought", &r.reveal.what_i_thought, theme),
            note("What I did", &r.reveal.what_i_did, theme),
            note("Why this must never happen again", &r.reveal.why_never_again, theme),
        ]
        .concat(),
        1 => {
            let mut lines =
                [note("The apology", &r.acknowledge.apology, theme), note("The mirror", &r.acknowledge.mirror, theme)]
                    .concat();
            let seen = if r.acknowledge.felt_seen_and_heard {
                "✓ felt seen and heard"
            } else {
                "○ not yet felt seen and heard"
            };
            lines.push(Line::from(Span::styled(seen, theme.focus)));
            lines
        }
        2 => {
            if r.make_it_right.agreements.is_empty() {
                return vec![Line::from(Span::styled(
                    "No agreements yet: a adds one, with the commitment that tracks it.",
                    theme.dim,
                ))];
            }
            r.make_it_right
                .agreements
                .iter()
                .map(|a| {
                    let tracked = tracking(a, commitments);
                    Line::from(vec![Span::raw("• "), Span::raw(a.text.as_str()), Span::styled(tracked, theme.dim)])
                })
                .collect()
        }
        _ => {
            let p = f.projection;
            let back = match p.recovery {
                Recovery::Recovered => "already back to the level before the injury".to_string(),
                Recovery::Weeks(w) => format!("about {w} weeks at the last 4 weeks' pace"),
                Recovery::Never => "not at the last 4 weeks' pace; small deposits add up".to_string(),
            };
            let kept_rate = f.agreements_kept_rate.map_or("—".to_string(), |r| format!("{r}%"));
            let rows = [
                ("Before the injury", p.before_injury.to_string()),
                ("Balance now", p.now.to_string()),
                ("Deposits since", format!("{} · {}", f.deposits_since.count, f.deposits_since.sum)),
                ("Commitments kept since", f.kept_since.to_string()),
                ("Agreements kept, 4 weeks", kept_rate),
                ("Back to the level before", back),
            ];
            figure_lines(&rows, width)
        }
    }
}
