//! A readable report by week, in Markdown: fit for printing and bringing to
//! a counsellor. Each week has the weekly review of SPEC §3 (the same rows
//! as `trustbank week` and the Balance tab), then what was written down:
//! entries, check-ins, and the repairs begun that week with their
//! agreements.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::history::{removed_on, versions_of};
use crate::domain::repair::STEP_NAMES;
use std::collections::HashMap;

use crate::domain::{Balances, CheckIn, Entry, EntryKind, Id, Journal, Noticed, Repair, Version, Week, WeekReview};
use crate::report;

/// The report for the weeks holding `from` to `to` (whole weeks, newest
/// last). `today` is the journal day the figures are computed at.
pub fn report(journal: &Journal, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> String {
    let first_day = journal.settings.week_starts_on;
    let (from, to) = (from.min(to), from.max(to));
    let first = Week::containing(from, first_day);
    let last = Week::containing(to, first_day);
    let balances = Balances::compute(&journal.entries);
    let names = &journal.people;

    let mut out = String::new();
    let _ = writeln!(out, "# Our trust journal");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} and {} · {} to {} · printed {}",
        escape(names.name(crate::domain::Person::A)),
        escape(names.name(crate::domain::Person::B)),
        first.start.format("%a %-d %b %Y"),
        last.end().format("%a %-d %b %Y"),
        today.format("%a %-d %b %Y")
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "The balance is a picture of a trend, not a verdict. Trust comes back through many small deposits, \
         day after day; the weeks below show how it has been going."
    );

    // Schedules are told as they were at the end of the weeks reported: a
    // later change does not rewrite a report already given.
    let as_of = last.end().min(today);
    let mut scoped = Scoped::new(journal);
    let noticed = crate::domain::noticed::by_entry(&journal.noticed);
    let mut week = first;
    loop {
        week_section(&mut out, (journal, &noticed), &scoped.review(&balances, week, today), as_of);
        if week >= last || week.next() == week {
            break;
        }
        week = week.next();
    }

    // Repairs begun before these weeks and still open belong in the report
    // too, with the long game's figures as of today.
    let earlier: Vec<&Repair> = journal.repairs.iter().filter(|r| !r.closed && r.injury_date < first.start).collect();
    let long_game = report::repair_rows(&WeekReview::compute(journal, &balances, last, today));
    if !earlier.is_empty() || !long_game.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "## The long game");
        for r in &long_game {
            let _ = writeln!(out);
            let _ = write!(out, "- **{}:** {}", r.label, escape(&r.this));
        }
        if !long_game.is_empty() {
            let _ = writeln!(out);
        }
        for repair in earlier {
            repair_section(&mut out, journal, repair, as_of);
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "---");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "_Stable couples are reported near 5 positive moments for each negative one during conflict, and near \
         20 to 1 in everyday life. Couples who stayed together turned toward 86% of bids for attention; even they \
         missed 14%._"
    );
    out
}

/// The journal as one week's review needs it, so that a report of years
/// stays linear in its length.
///
/// The figures are [`WeekReview::compute`]'s own; only the journal it reads
/// is narrowed to the outcomes of the week and the week before (the only
/// ones the commitments' weekly counts read) and has no repairs (the long
/// game is computed once, from the whole journal). A test checks that every
/// week's rows come out the same as from the whole journal.
struct Scoped<'a> {
    journal: &'a Journal,
    view: Journal,
}

impl<'a> Scoped<'a> {
    fn new(journal: &'a Journal) -> Scoped<'a> {
        let view = Journal { outcomes: Vec::new(), repairs: Vec::new(), ..journal.clone() };
        Scoped { journal, view }
    }

    fn review(&mut self, balances: &Balances, week: Week, today: NaiveDate) -> WeekReview {
        self.view.outcomes = self.journal.outcomes_between(week.previous().start, week.end()).to_vec();
        WeekReview::compute(&self.view, balances, week, today)
    }
}

/// Each entry's "noticed", found once for the whole report.
type NoticedOf<'a> = HashMap<&'a Id, Vec<&'a Noticed>>;

fn week_section(out: &mut String, (journal, noticed): (&Journal, &NoticedOf), review: &WeekReview, as_of: NaiveDate) {
    let week = review.this_week.week;
    let _ = writeln!(out);
    let _ = writeln!(out, "## Week of {week}");
    let _ = writeln!(out);
    let _ = writeln!(out, "| | this week | last week | change |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    // A report for both: each one's own part in the people's order.
    for r in report::rows(review).into_iter().chain(report::people_rows(review, crate::domain::Person::A)) {
        let _ = writeln!(out, "| {} | {} | {} | {} |", cell(&r.label), cell(&r.this), cell(&r.last), cell(&r.change));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### Entries");
    let entries = &journal.entries[journal.entry_range(week.start, week.end())];
    if entries.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "_No entries this week._");
    }
    // Each day: its entries, then what was removed from it (struck out,
    // with who removed it and when), so the report hides no change.
    let removed: Vec<_> = week.days().map(|day| (day, removed_on(journal, day))).collect();
    if entries.is_empty() && removed.iter().any(|(_, r)| !r.is_empty()) {
        let _ = writeln!(out, "\n_Every entry of this week was removed._");
    }
    for (day, removed) in removed {
        let of_day = &entries[entries.partition_point(|e| e.date < day)..entries.partition_point(|e| e.date <= day)];
        if of_day.is_empty() && removed.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "**{}**", day.format("%A %-d %B"));
        let _ = writeln!(out);
        for e in of_day {
            let _ = writeln!(out, "{}", entry_line(journal, noticed, e, true));
        }
        for (r, e) in removed {
            let at = chrono::DateTime::from_timestamp_millis(r.at as i64).filter(|_| r.at > 0);
            let when = at.map_or(String::new(), |at| {
                format!(" on {}", at.with_timezone(e.at.offset()).format("%a %-d %b %H:%M"))
            });
            let line = entry_line(journal, noticed, e, false);
            let _ = writeln!(out, "- ~~{}~~ · removed by {}{when}", &line[2..], escape(journal.people.name(r.by)));
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "### Check-ins");
    let _ = writeln!(out);
    let start = journal.check_ins.partition_point(|c| c.date < week.start);
    let end = journal.check_ins.partition_point(|c| c.date <= week.end()).max(start);
    let check_ins = &journal.check_ins[start..end];
    if check_ins.is_empty() {
        let _ = writeln!(out, "_No check-ins this week._");
    }
    for c in check_ins {
        let _ = writeln!(out, "{}", check_in_line(c));
    }

    let mut repairs: Vec<&Repair> = journal.repairs.iter().filter(|r| week.contains(r.injury_date)).collect();
    repairs.sort_by_key(|r| r.injury_date);
    for repair in repairs {
        repair_section(out, journal, repair, as_of);
    }
}

/// `- 18:05 · deposit +$0.10 · positive interaction · Sam · made coffee`
/// `live`: `e` is in the ledger; else it is the last version of an entry
/// removed, which the history holds beside the earlier ones.
fn entry_line(journal: &Journal, noticed: &NoticedOf, e: &Entry, live: bool) -> String {
    let what = match e.kind {
        EntryKind::Deposit => format!("deposit +{}", e.amount),
        EntryKind::Withdrawal => format!("withdrawal -{}", e.amount),
        EntryKind::Wipe => "wipe (the balance went to $0.00)".to_string(),
    };
    let mut line = format!(
        "- {} · {what} · {} · {}",
        e.at.format("%H:%M"),
        escape(&e.category),
        escape(journal.people.name(e.who))
    );
    if !e.note.trim().is_empty() {
        let _ = write!(line, " · {}", indented(&e.note));
    }
    let kept = versions_of(journal, &e.id).iter().filter(|v| matches!(v, Version::Entry(_))).count();
    let earlier = if live { kept } else { kept.saturating_sub(1) };
    if earlier > 0 {
        let versions =
            if earlier == 1 { "1 earlier version".to_string() } else { format!("{earlier} earlier versions") };
        let _ = write!(line, " · _edited ({versions})_");
    }
    for n in noticed.get(&e.id).into_iter().flatten() {
        let word = if n.word.is_empty() { String::new() } else { format!(": \"{}\"", escape(&n.word)) };
        let _ = write!(line, " · _noticed by {}{word}_", escape(journal.people.name(n.by)));
    }
    line
}

/// `- **Mon 16 Nov** · connection 4 of 5 · Good day.`
fn check_in_line(c: &CheckIn) -> String {
    let mut line = format!("- **{}** · connection {} of 5", c.date.format("%a %-d %b"), c.rating);
    if !c.reflection.trim().is_empty() {
        let _ = write!(line, " · {}", indented(&c.reflection));
    }
    line
}

/// One repair: its injury, the four steps with what was written in each,
/// and the agreements with the commitments that track them (with the
/// schedule they had on `as_of`).
fn repair_section(out: &mut String, journal: &Journal, r: &Repair, as_of: NaiveDate) {
    let _ = writeln!(out);
    let _ = writeln!(out, "### Repair: {}", escape(&r.title));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "The injury was on {}; this repair is {}.",
        r.injury_date.format("%A %-d %B %Y"),
        if r.closed { "closed" } else { "open" }
    );
    let _ = writeln!(out);
    let step = |out: &mut String, n: usize, state: crate::domain::StepState, lines: &[(&str, &str)]| {
        let _ = writeln!(out, "{}. **{}** ({})", n + 1, STEP_NAMES[n], state.label());
        let written: Vec<_> = lines.iter().filter(|(_, text)| !text.trim().is_empty()).collect();
        for (label, text) in written {
            let _ = writeln!(out, "   - {label}: {}", indented_by(text, "     "));
        }
    };
    step(
        out,
        0,
        r.reveal.state,
        &[
            ("How I felt", &r.reveal.how_i_felt),
            ("What I thought", &r.reveal.what_i_thought),
            ("What I did", &r.reveal.what_i_did),
            ("Why this must never happen again", &r.reveal.why_never_again),
        ],
    );
    let seen = if r.acknowledge.felt_seen_and_heard { "yes" } else { "not yet" };
    step(
        out,
        1,
        r.acknowledge.state,
        &[("Apology", &r.acknowledge.apology), ("Mirrored back", &r.acknowledge.mirror), ("Felt seen and heard", seen)],
    );
    step(out, 2, r.make_it_right.state, &[]);
    if r.make_it_right.agreements.is_empty() {
        let _ = writeln!(out, "   - No agreements yet.");
    }
    for a in &r.make_it_right.agreements {
        let tracked = a
            .commitment
            .as_ref()
            .and_then(|id| journal.commitments.iter().find(|c| &c.id == id))
            // As the report's last day saw it: an archive after it is not
            // part of the weeks reported.
            .map(|c| {
                if c.archived && c.archived_on.is_none_or(|on| on <= as_of) {
                    format!(" (its commitment “{}” is archived)", escape(&c.title))
                } else {
                    format!(" (kept by the commitment “{}”, {})", escape(&c.title), c.schedule_on(as_of).0.describe())
                }
            })
            .unwrap_or_default();
        let _ = writeln!(out, "   - Agreement: {}{tracked}", indented_by(&a.text, "     "));
    }
    step(out, 3, r.long_game.state, &[]);
}

/// A table cell: no pipes, no line breaks.
fn cell(text: &str) -> String {
    escape(text).replace('\n', " ")
}

/// Text written by the couple, escaped, with later lines indented to stay
/// inside a list item.
fn indented(text: &str) -> String {
    indented_by(text, "  ")
}

fn indented_by(text: &str, indent: &str) -> String {
    let lines: Vec<String> = text.trim().lines().map(|l| escape(l.trim_end())).collect();
    lines.join(&format!("\n{indent}"))
}

/// Escapes what Markdown would otherwise read as formatting, so a note
/// prints exactly as it was written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        // A control character would reach a terminal or a renderer raw
        // (ESC starts a terminal command); a journal never holds one.
        if crate::domain::limits::is_forbidden_control(ch) {
            continue;
        }
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_formatting_but_keeps_words() {
        assert_eq!(escape("a *b* | c_d"), "a \\*b\\* \\| c\\_d");
        assert_eq!(escape("一緒に 🙏"), "一緒に 🙏");
        assert_eq!(indented("one\ntwo  \n"), "one\n  two");
    }

    #[test]
    fn every_weeks_rows_are_those_of_the_whole_journal() {
        let today: NaiveDate = "2026-11-26".parse().unwrap();
        let shape = crate::generate::Shape { seed: 9, entries: 1_500, commitments: 12, end: today, days: 200 };
        let journal = crate::generate::journal(shape);
        let balances = Balances::compute(&journal.entries);
        let mut scoped = Scoped::new(&journal);
        let mut week = Week::containing(today - chrono::Duration::days(210), journal.settings.week_starts_on);
        while week.start <= today + chrono::Duration::days(7) {
            let full = WeekReview::compute(&journal, &balances, week, today);
            let narrow = scoped.review(&balances, week, today);
            assert_eq!((&narrow.this_week, &narrow.last_week), (&full.this_week, &full.last_week), "{week}");
            assert_eq!(narrow.this_week_commitments, full.this_week_commitments, "{week}");
            assert_eq!(narrow.last_week_commitments, full.last_week_commitments, "{week}");
            assert_eq!(report::rows(&narrow), report::rows(&full), "{week}");
            week = week.next();
        }
    }

    #[test]
    fn an_empty_journal_still_reads_well() {
        let day: NaiveDate = "2026-11-26".parse().unwrap();
        let text = report(&Journal::default(), day, day, day);
        assert!(text.contains("## Week of 23 Nov – 29 Nov 2026"), "{text}");
        assert!(text.contains("_No entries this week._"));
        assert!(text.contains("_No check-ins this week._"));
    }
}
