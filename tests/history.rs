//! History stays as it was (issue 14, point 3): archiving a commitment, or
//! changing its schedule, today leaves every past week's review, every
//! commitment's streaks and 8-week grid on every past day, the commitments
//! due on each past day and the report of the past weeks exactly as they
//! were. Both are done through the app, as a person does them.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::journal::content;
use trustbank::app::{Action, App, FormAction, Overlay, Tab, update};
use trustbank::domain::outcome::{due_on, week_counts};
use trustbank::domain::{Balances, Commitment, CommitmentFigures, Journal, Owed, Schedule, Week, WeekReview};
use trustbank::export::markdown;
use trustbank::generate;

mod support;

/// Thursday 26 November 2026, 21:00 at +01:00: mid-week, so the change
/// day's own week is under way.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("a valid time")
}

fn today() -> NaiveDate {
    "2026-11-26".parse().expect("a valid date")
}

/// What the past looks like from today.
#[derive(Debug, PartialEq)]
struct Past {
    /// Every finished week's review, computed today (but the long game).
    reviews: Vec<WeekReview>,
    /// Every finished week's review as it was printed on its last day.
    as_lived: Vec<WeekReview>,
    /// Each commitment's figures (streaks, kept-rate, grid) on each past day.
    figures: Vec<Vec<CommitmentFigures>>,
    /// The commitments due on each past day (the Today list and `status`).
    due: Vec<Vec<usize>>,
    /// The report of every finished week.
    report: String,
}

fn past(journal: &Journal) -> Past {
    let first_day = journal.settings.week_starts_on;
    let balances = Balances::compute(&journal.entries);
    let start = journal.commitments.iter().map(|c| c.start).min().expect("commitments");
    let this_week = Week::containing(today(), first_day);
    let mut weeks = Vec::new();
    let mut week = Week::containing(start, first_day);
    while week < this_week {
        weeks.push(week);
        week = week.next();
    }
    let days: Vec<NaiveDate> = start.iter_days().take_while(|d| *d < today()).collect();
    Past {
        // The open repair's long game is a figure of today (its 4 weeks
        // end with the week under way), so it is compared as lived below.
        reviews: weeks
            .iter()
            .map(|w| WeekReview { repair: None, ..WeekReview::compute(journal, &balances, *w, today()) })
            .collect(),
        as_lived: weeks.iter().map(|w| WeekReview::compute(journal, &balances, *w, w.end())).collect(),
        figures: journal
            .commitments
            .iter()
            .map(|c| days.iter().map(|d| c.figures(journal, *d, first_day)).collect())
            .collect(),
        due: days.iter().map(|d| due_on(journal, *d, first_day)).collect(),
        report: markdown::report(journal, start, this_week.previous().end(), today()),
    }
}

/// Says the first thing that differs, not two years of figures.
fn assert_same(after: &Past, before: &Past, what: &str) {
    let first = |a: &[WeekReview], b: &[WeekReview]| a.iter().zip(b).position(|(a, b)| a != b);
    assert_eq!(after.reviews.len(), before.reviews.len(), "{what}");
    if let Some(i) = first(&after.reviews, &before.reviews) {
        panic!(
            "{what}: the review of {} changed:\n{:?}\nwas\n{:?}",
            before.reviews[i].this_week.week, after.reviews[i], before.reviews[i]
        );
    }
    if let Some(i) = first(&after.as_lived, &before.as_lived) {
        panic!("{what}: the review of {} as lived changed", before.as_lived[i].this_week.week);
    }
    for (c, (a, b)) in after.figures.iter().zip(&before.figures).enumerate() {
        if let Some(day) = a.iter().zip(b).position(|(a, b)| a != b) {
            panic!("{what}: commitment {c}'s figures on day {day} changed:\n{:?}\nwas\n{:?}", a[day], b[day]);
        }
    }
    if let Some(day) = after.due.iter().zip(&before.due).position(|(a, b)| a != b) {
        panic!("{what}: the commitments due on day {day} changed: {:?}, was {:?}", after.due[day], before.due[day]);
    }
    if after.report != before.report {
        let line = after.report.lines().zip(before.report.lines()).find(|(a, b)| a != b);
        panic!("{what}: the report changed: {line:?}");
    }
    assert_eq!(after, before, "{what}");
}

fn app() -> App {
    App::new(generate::demo(now()), now(), None)
}

fn select_commitment(app: &mut App, index: usize) {
    update(app, Action::SelectTab(Tab::Commitments));
    for _ in 0..index {
        update(app, Action::SelectNext);
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Action {
    Action::Form(FormAction::Key(KeyEvent::new(code, modifiers)))
}

/// Opens the selected commitment's form, types `words` as its schedule and
/// saves.
fn change_schedule(app: &mut App, words: &str) {
    update(app, Action::EditSelected);
    update(app, Action::Form(FormAction::NextField));
    update(app, key(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for ch in words.chars() {
        update(app, key(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    update(app, Action::Form(FormAction::Submit));
    assert!(matches!(app.overlay, Overlay::None), "the form saved: {:?}", app.message);
}

#[test]
fn a_year_of_past_weeks_is_the_same_after_an_archive_or_a_schedule_change() {
    let before = past(&app().journal);
    let count = app().journal.commitments.len();
    assert!(count >= 6 && before.reviews.len() >= 50, "a year of weeks and every kind of schedule");
    for index in 0..count {
        // (a) Archived today.
        let mut archived = app();
        select_commitment(&mut archived, index);
        let id = archived.selected_commitment().expect("selected").id.clone();
        update(&mut archived, Action::ToggleArchive);
        let c = archived.journal.commitments.iter().find(|c| c.id == id).expect("still there");
        assert!(c.archived && c.archived_on == Some(today()), "{}: archived today", c.title);
        assert_eq!(c.owed_on(today() + Days::new(1)), Owed::No, "{}: due on no day after", c.title);
        assert!(archived.journal.outcomes.iter().any(|o| o.commitment == id), "{}: it has a past", c.title);
        assert_same(&past(&archived.journal), &before, &format!("{}: archived today", c.title));

        // (b) Its schedule changed today, to every day (none of the demo's
        // commitments is daily).
        let mut changed = app();
        select_commitment(&mut changed, index);
        let old = changed.selected_commitment().expect("selected").clone();
        change_schedule(&mut changed, "every day");
        let c = changed.journal.commitments.iter().find(|c| c.id == id).expect("still there");
        assert_eq!(c.schedule, Schedule::Daily, "{}", c.title);
        assert_eq!(c.schedule_on(today()), (&Schedule::Daily, today()), "{}: from today", c.title);
        assert_eq!(c.schedule_on(today() - Days::new(1)).0, &old.schedule, "{}: before, the old one", c.title);
        assert_same(&past(&changed.journal), &before, &format!("{}: schedule changed today", c.title));

        // Both are one undoable change each.
        update(&mut changed, Action::Undo);
        update(&mut archived, Action::Undo);
        assert_eq!(content(&changed.journal), content(&app().journal));
        assert_eq!(content(&archived.journal), content(&app().journal));
    }
}

/// The comparison above would see what this release fixes: overwriting the
/// schedule (as the app did before) or leaving a commitment out of the
/// counts once archived rewrites the past weeks.
#[test]
fn overwriting_a_schedule_or_dropping_an_archived_commitment_rewrites_the_past() {
    let before = past(&app().journal);
    let mut overwritten = app().journal;
    overwritten.commitments[0].schedule = Schedule::Daily;
    let after = past(&overwritten);
    assert_ne!(after.reviews, before.reviews);
    assert_ne!(after.report, before.report);
    assert_ne!(after.figures[0], before.figures[0]);

    // Archived without a day, as files before archive days were: left out
    // of every week's counts, as it was then.
    let mut dropped = app().journal;
    dropped.commitments[0].archived = true;
    let after = past(&dropped);
    assert_ne!(after.reviews, before.reviews);
    assert_ne!(after.due, before.due);
}

/// Today's week does move: the archived commitment owes nothing more, the
/// changed one owes its new schedule.
#[test]
fn the_week_under_way_follows_the_change() {
    let week = Week::containing(today(), chrono::Weekday::Mon);
    let counts = |j: &Journal| week_counts(j, week, today());
    let before = counts(&app().journal);
    let mut changed = app();
    select_commitment(&mut changed, 0); // "Pick up Mia from school", weekdays
    change_schedule(&mut changed, "every day");
    let after = counts(&changed.journal);
    assert_eq!(after, before, "Mon–Thu are weekdays either way: the week so far is the same");
    let c = &changed.journal.commitments[0];
    assert_eq!(c.owed_on("2026-11-28".parse().expect("date")), Owed::Yes, "Saturday is due from now on");
    assert_eq!(c.owed_on("2026-11-21".parse().expect("date")), Owed::No, "last Saturday stays not due");
}

// ---------------------------------------------------------------------------
// Files written before schedules and archive days were dated
// ---------------------------------------------------------------------------

fn fixture(name: &str) -> (std::path::PathBuf, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).expect("the fixture");
    // The fixtures open with a comment saying what they are; a save does
    // not keep comments.
    let body = text.lines().skip_while(|l| l.starts_with("//")).collect::<Vec<_>>().join("\n") + "\n";
    (path, body)
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a valid date")
}

#[test]
fn an_old_file_with_a_plain_schedule_loads_counts_as_before_and_is_written_back_as_version_2() {
    let (path, _) = fixture("v1_plain_schedule.ron");
    let journal = trustbank::storage::load(&path).expect("it loads").journal;
    let c = &journal.commitments[0];
    assert!(c.earlier_schedules.is_empty() && c.pauses.is_empty() && c.archived_on.is_none());
    assert_eq!(c.schedule_on(d("2026-11-02")), (&c.schedule, c.start), "this schedule since its start");
    // Week of 2 Nov: five weekdays kept; week of 9 Nov by Thu 12: two kept, two not marked.
    let week = Week::containing(d("2026-11-02"), chrono::Weekday::Mon);
    let counts = week_counts(&journal, week, d("2026-11-12"));
    assert_eq!((counts.due, counts.kept), (5, 5));
    let counts = week_counts(&journal, week.next(), d("2026-11-12"));
    assert_eq!((counts.due, counts.kept, counts.not_marked), (4, 2, 2));
    assert_written_back(&journal);
}

/// A migrated journal is written as version 2, reads back as the same
/// journal, and gains none of the dated fields it needs none of.
fn assert_written_back(journal: &Journal) {
    let written = trustbank::storage::format::to_ron(journal).expect("it serializes");
    assert!(written.starts_with("(\n    version: 2,\n"), "{written}");
    let path = std::path::Path::new("journal.ron");
    let again = trustbank::storage::format::from_ron(written.as_bytes(), path, None).expect("it loads again");
    assert_eq!(&again.journal, journal);
    for field in ["earlier_schedules", "archived_on", "pauses"] {
        assert!(!written.contains(field), "no {field} appears in a file that needs none");
    }
}

#[test]
fn an_old_file_with_an_archived_commitment_loads_and_keeps_the_reviews_it_gave() {
    let (path, _) = fixture("v1_archived.ron");
    let journal = trustbank::storage::load(&path).expect("it loads").journal;
    let archived = &journal.commitments[0];
    assert!(archived.archived && archived.archived_on.is_none() && archived.archived_without_a_day());
    // As before: the archived commitment is in no week's counts, only the
    // daily walk (never marked) is.
    let week = Week::containing(d("2026-11-02"), chrono::Weekday::Mon);
    let counts = week_counts(&journal, week, d("2026-11-26"));
    assert_eq!((counts.due, counts.kept, counts.not_marked), (7, 0, 7));
    assert!(due_on(&journal, d("2026-11-03"), chrono::Weekday::Mon).iter().all(|&i| i == 1));
    // Its own figures as before: its run of seven kept weekdays.
    let f = archived.figures(&journal, d("2026-11-10"), chrono::Weekday::Mon);
    assert_eq!(f.best_streak, 7);
    assert_written_back(&journal);

    // Unarchived in the app, and saved: it counts from that day; the weeks
    // it was archived stay as they were.
    let mut app = App::new(journal.clone(), now(), None);
    select_commitment(&mut app, 1); // the archived one is listed last
    assert_eq!(app.selected_commitment().map(|c| c.title.as_str()), Some("Pick up Mia from school"));
    update(&mut app, Action::ToggleArchive);
    let c = &app.journal.commitments[0];
    assert!(!c.archived);
    assert_eq!(week_counts(&app.journal, week, today()), counts, "its archived weeks stay out");
    assert!(due_on(&app.journal, today(), chrono::Weekday::Mon).contains(&0), "due from today");
    let text = trustbank::storage::format::to_ron(&app.journal).expect("it serializes");
    assert!(text.contains("pauses: ["), "{text}");
    let back = trustbank::storage::format::from_ron(text.as_bytes(), &path, None).expect("it reads back").journal;
    assert_eq!(back, app.journal);
}

// ---------------------------------------------------------------------------
// The commitment form's From day
// ---------------------------------------------------------------------------

/// Opens the first commitment's form, types `words` as its schedule and
/// `from` as the day it applies from, and saves.
fn edit_schedule_from(app: &mut App, words: &str, from: &str) {
    select_commitment(app, 0);
    update(app, Action::EditSelected);
    update(app, Action::Form(FormAction::NextField));
    update(app, key(KeyCode::Char('u'), KeyModifiers::CONTROL));
    words.chars().for_each(|ch| update(app, key(KeyCode::Char(ch), KeyModifiers::NONE)));
    update(app, Action::Form(FormAction::NextField));
    update(app, key(KeyCode::Char('u'), KeyModifiers::CONTROL));
    from.chars().for_each(|ch| update(app, key(KeyCode::Char(ch), KeyModifiers::NONE)));
    update(app, Action::Form(FormAction::Submit));
}

#[test]
fn a_schedule_change_may_apply_from_an_earlier_day_but_not_a_later_one() {
    let mut app = app();
    let old = app.journal.commitments[0].clone();
    edit_schedule_from(&mut app, "every day", "2026-11-19");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let c = &app.journal.commitments[0];
    assert_eq!(c.schedule_on(d("2026-11-18")).0, &old.schedule);
    assert_eq!(c.schedule_on(d("2026-11-19")), (&Schedule::Daily, d("2026-11-19")));
    assert_eq!(c.owed_on(d("2026-11-21")), Owed::Yes, "Saturday 21 Nov is due from the chosen day");

    for (from, says) in [("2026-11-27", "today or an earlier day"), ("19 Nov", "YYYY")] {
        let mut app = self::app();
        edit_schedule_from(&mut app, "every day", from);
        let Overlay::Commitment(form) = &app.overlay else { panic!("{from}: the form stays open") };
        assert_eq!(form.focus, trustbank::app::commitment_form::CommitmentField::From, "{from}");
        let error = form.check(form.focus).expect_err("an error by the field");
        assert!(error.contains(says), "{from}: {error}");
        assert_eq!(app.journal.commitments[0], old, "{from}: nothing changed");
    }
}

#[test]
fn a_schedule_changed_from_its_start_or_before_is_its_only_one_and_one_yet_to_start_changes_from_its_start() {
    let mut app = app();
    edit_schedule_from(&mut app, "every day", "2020-01-01");
    assert!(matches!(app.overlay, Overlay::None), "{:?}", app.message);
    let c = &app.journal.commitments[0];
    assert!(c.earlier_schedules.is_empty());
    assert_eq!(c.schedule_on(c.start), (&Schedule::Daily, c.start));

    // A commitment that starts next week: the form opens on its start.
    let mut app = self::app();
    let later = trustbank::domain::outcome::new_commitment(
        trustbank::domain::Id::from("LATER"),
        "Later".into(),
        Schedule::Daily,
        d("2026-12-07"),
        trustbank::domain::Amount(10),
        trustbank::domain::Amount(100),
    );
    app.journal.commitments.insert(0, later);
    select_commitment(&mut app, 0);
    update(&mut app, Action::EditSelected);
    let Overlay::Commitment(form) = &app.overlay else { panic!("the form") };
    assert_eq!(form.from.text(), "2026-12-07");
    update(&mut app, Action::Form(FormAction::Submit));
    assert!(matches!(app.overlay, Overlay::None), "an untouched form saves: {:?}", app.message);
}

#[test]
fn a_new_commitment_has_no_from_day_and_archiving_twice_on_one_day_changes_nothing() {
    let mut app = app();
    update(&mut app, Action::SelectTab(Tab::Commitments));
    update(&mut app, Action::NewCommitment);
    let Overlay::Commitment(form) = &app.overlay else { panic!("the form") };
    assert!(!form.fields().contains(&trustbank::app::commitment_form::CommitmentField::From));
    update(&mut app, Action::Form(FormAction::Submit)); // no title: stays open
    update(&mut app, Action::Close);

    let before = app.journal.commitments[0].clone();
    select_commitment(&mut app, 0);
    update(&mut app, Action::ToggleArchive);
    let archived = app.journal.commitments.iter().find(|c| c.id == before.id).expect("there").clone();
    assert_eq!(archived.archived_on, Some(today()));
    let active = count_active(&app);
    select_commitment(&mut app, active); // archived ones are listed last
    update(&mut app, Action::ToggleArchive);
    let back = app.journal.commitments.iter().find(|c| c.id == before.id).expect("there");
    assert_eq!(
        &Commitment { updated: before.updated, ..back.clone() },
        &before,
        "archived and unarchived on one day: as it was"
    );
    assert!(back.updated > before.updated, "and stamped as changed now");
}

fn count_active(app: &App) -> usize {
    app.journal.commitments.iter().filter(|c| !c.archived).count()
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

/// What `trustbank week` prints for past weeks and `export --format
/// markdown` for the past weeks, from a journal written to `file`.
fn printed(journal: &Journal, file: &std::path::Path) -> Vec<String> {
    std::fs::write(file, trustbank::storage::format::to_ron(journal).expect("serializes")).expect("written");
    let mut out = Vec::new();
    for date in ["2026-01-14", "2026-06-01", "2026-11-16", "2026-11-22"] {
        for format in ["text", "json"] {
            let mut cmd = support::cli::trustbank(file);
            cmd.args(["week", "--date", date, "--format", format]);
            out.push(support::cli::stdout(&mut cmd));
        }
    }
    let mut cmd = support::cli::trustbank(file);
    cmd.args(["export", "--format", "markdown", "--from", "2025-11-27", "--to", "2026-11-22"]);
    out.push(support::cli::stdout(&mut cmd));
    out
}

#[test]
fn week_and_the_markdown_export_print_the_past_weeks_as_before() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("journal.ron");
    let journal = generate::demo(now());
    let before = printed(&journal, &file);
    assert!(before[0].contains("Commitments kept"), "{}", before[0]);
    let mut after = journal.clone();
    after.commitments[0].archive(today());
    after.commitments[1] = after.commitments[1].with_schedule_from(Schedule::Daily, today());
    after.commitments[2] = after.commitments[2].with_schedule_from(Schedule::Monthly(3), d("2026-11-23"));
    for (after, before) in printed(&after, &file).iter().zip(&before) {
        assert_eq!(after, before);
    }
    // The same weeks with the schedule overwritten, as before: they move.
    let mut overwritten = journal.clone();
    overwritten.commitments[0].schedule = Schedule::Daily;
    assert_ne!(printed(&overwritten, &file), before);
}
