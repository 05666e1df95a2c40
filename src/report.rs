//! The weekly review as text, Markdown and JSON, all from
//! [`WeekReview`], the same model the Balance tab draws.

use std::fmt::Write;

use crate::domain::projection::Recovery;
use crate::domain::{Cents, Counts, DayNet, Person, Tally, WeekFigures, WeekReview};

/// The output formats of `trustbank week`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
}

/// The review for `me`, the person at the keyboard, whose own part comes
/// first.
pub fn render(review: &WeekReview, format: ReportFormat, me: Person) -> String {
    match format {
        ReportFormat::Text => text(review, me),
        ReportFormat::Markdown => markdown(review, me),
        ReportFormat::Json => json(review),
    }
}

/// One row of the review: a label and the figures of this week, last week
/// and the change. The Balance tab draws these same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub this: String,
    pub last: String,
    pub change: String,
}

fn tally(t: Tally) -> String {
    format!("{} · {}", t.count, t.sum)
}

fn count_change(this: u32, last: u32) -> String {
    let d = i64::from(this) - i64::from(last);
    if d > 0 { format!("+{d}") } else { d.to_string() }
}

fn day(d: Option<DayNet>) -> String {
    d.map_or_else(|| "—".to_string(), |d| format!("{} {}", d.date.format("%a %-d %b"), d.net.signed_string()))
}

/// The occurrences not kept, `missed · excused · open`, so that with the
/// kept ones they add up to those due; `—` with nothing due.
fn misses(c: Counts) -> String {
    if c.due == 0 { "—".into() } else { format!("{} · {} · {}", c.missed, c.excused, c.not_marked) }
}

/// `3 of 5 due (60%)`, or `—` with nothing due.
fn commitments(c: Counts) -> String {
    match c.kept_rate() {
        _ if c.due == 0 => "—".into(),
        Some(rate) => format!("{} of {} due ({rate}%)", c.kept, c.due),
        None => format!("{} of {} due", c.kept, c.due),
    }
}

/// The open repair's long game, as rows of their own (no "last week").
pub fn repair_rows(review: &WeekReview) -> Vec<Row> {
    let Some(r) = &review.repair else { return Vec::new() };
    let p = r.figures.projection;
    let back = match p.recovery {
        Recovery::Recovered => "already back".to_string(),
        Recovery::Weeks(w) => format!("about {w} weeks at this pace"),
        Recovery::Never => "not at the recent pace".to_string(),
    };
    let row = |label: &str, this: String| Row { label: label.into(), this, last: String::new(), change: String::new() };
    vec![
        row("Repair", r.title.clone()),
        row("Before the injury", p.before_injury.to_string()),
        row("Balance now", p.now.to_string()),
        row("Back to it", back),
    ]
}

pub fn rows(review: &WeekReview) -> Vec<Row> {
    let (a, b) = (&review.this_week, &review.last_week);
    let money = |f: fn(&WeekFigures) -> Cents| Row {
        label: "".into(),
        this: f(a).to_string(),
        last: f(b).to_string(),
        change: (f(a) - f(b)).signed_string(),
    };
    vec![
        Row {
            label: "Deposits".into(),
            this: tally(a.deposits),
            last: tally(b.deposits),
            change: format!(
                "{} · {}",
                count_change(a.deposits.count, b.deposits.count),
                (a.deposits.sum - b.deposits.sum).signed_string()
            ),
        },
        Row {
            label: "Withdrawals".into(),
            this: tally(a.withdrawals),
            last: tally(b.withdrawals),
            change: format!(
                "{} · {}",
                count_change(a.withdrawals.count, b.withdrawals.count),
                (a.withdrawals.sum - b.withdrawals.sum).signed_string()
            ),
        },
        Row {
            label: "Net".into(),
            this: a.net.signed_string(),
            last: b.net.signed_string(),
            change: (a.net - b.net).signed_string(),
        },
        Row { label: "Balance at week end".into(), ..money(|f| f.balance_end) },
        Row {
            label: "Positive : negative".into(),
            this: a.ratio.label(),
            last: b.ratio.label(),
            change: String::new(),
        },
        Row {
            label: "Turned toward bids".into(),
            this: a.turn_toward.percent().map_or_else(|| "—".into(), |p| format!("{p}%")),
            last: b.turn_toward.percent().map_or_else(|| "—".into(), |p| format!("{p}%")),
            change: String::new(),
        },
        Row {
            label: "Commitments kept".into(),
            this: commitments(review.this_week_commitments),
            last: commitments(review.last_week_commitments),
            change: String::new(),
        },
        Row {
            label: "Missed · excused · open".into(),
            this: misses(review.this_week_commitments),
            last: misses(review.last_week_commitments),
            change: String::new(),
        },
        Row { label: "Best day".into(), this: day(a.best_day), last: day(b.best_day), change: String::new() },
        Row { label: "Hardest day".into(), this: day(a.hardest_day), last: day(b.hardest_day), change: String::new() },
    ]
}

/// Each person's own deposits and kept commitments, the person at the
/// keyboard first: what each did, not a tally of the other's failures.
pub fn people_rows(review: &WeekReview, me: Person) -> Vec<Row> {
    [me, me.other()]
        .into_iter()
        .map(|p| &review.people[p.index()])
        .flat_map(|p| {
            let of = |noticed: u32, all: Tally| format!("{noticed} of {}", all.count);
            [
                Row {
                    label: format!("{}'s deposits", p.name),
                    this: tally(p.deposits),
                    last: tally(p.last_deposits),
                    change: format!(
                        "{} · {}",
                        count_change(p.deposits.count, p.last_deposits.count),
                        (p.deposits.sum - p.last_deposits.sum).signed_string()
                    ),
                },
                Row {
                    // By the partner: the one who felt it.
                    label: "  noticed".into(),
                    this: of(p.noticed, p.deposits),
                    last: of(p.last_noticed, p.last_deposits),
                    change: String::new(),
                },
                Row {
                    label: format!("{}'s kept", p.name),
                    this: p.kept.to_string(),
                    last: p.last_kept.to_string(),
                    change: count_change(p.kept, p.last_kept),
                },
            ]
        })
        .collect()
}

const NOTES: [&str; 2] = [
    "Stable couples are reported near 5:1 positive to negative during conflict, and near 20:1 in everyday life.",
    "Couples who stayed together turned toward 86% of bids; even they missed 14%.",
];

fn text(review: &WeekReview, me: Person) -> String {
    let mut out = String::new();
    let mut rows = rows(review);
    rows.extend(people_rows(review, me));
    let w = |f: fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let (lw, tw, pw) = (w(|r| r.label.chars().count()), w(|r| r.this.chars().count()), w(|r| r.last.chars().count()));
    let (tw, pw) = (tw.max("this week".len()), pw.max("last week".len()));
    let _ = writeln!(out, "Week of {}", review.this_week.week);
    let _ = writeln!(out);
    let _ = writeln!(out, "{:lw$}  {:tw$}  {:pw$}  change", "", "this week", "last week");
    for r in &rows {
        let line = format!("{:lw$}  {:tw$}  {:pw$}  {}", r.label, r.this, r.last, r.change);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let repair = repair_rows(review);
    if !repair.is_empty() {
        let _ = writeln!(out);
        for r in &repair {
            let _ = writeln!(out, "{:lw$}  {}", r.label, r.this);
        }
    }
    let _ = writeln!(out);
    for note in NOTES {
        let _ = writeln!(out, "{note}");
    }
    out
}

fn markdown(review: &WeekReview, me: Person) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Week of {}", review.this_week.week);
    let _ = writeln!(out);
    let _ = writeln!(out, "| | this week | last week | change |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for r in rows(review).into_iter().chain(people_rows(review, me)) {
        let _ = writeln!(out, "| {} | {} | {} | {} |", r.label, r.this, r.last, r.change);
    }
    let repair = repair_rows(review);
    if !repair.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "### The long game");
        let _ = writeln!(out);
        for r in repair {
            let _ = writeln!(out, "- **{}:** {}", r.label, r.this);
        }
    }
    let _ = writeln!(out);
    for note in NOTES {
        let _ = writeln!(out, "_{note}_");
    }
    out
}

fn json(review: &WeekReview) -> String {
    // The model is plain data; serialization cannot fail.
    let mut text = serde_json::to_string_pretty(review).unwrap_or_default();
    text.push('\n');
    text
}
