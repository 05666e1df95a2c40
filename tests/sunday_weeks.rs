//! A couple whose weeks start on Sunday (issue 19, item 22): every week the
//! app and the commands show runs Sunday to Saturday. Thu 26 Nov 2026 is
//! "now"; its week is Sun 22 – Sat 28 Nov, and Sat 21 Nov is last week.

use chrono::{DateTime, FixedOffset, Weekday};
use trustbank::app::{Action, App, Tab, update};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, People, Person};

mod support;

use support::cli::{NOW, stdout, trustbank};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).expect("time")
}

fn deposit(id: &str, day: &str, cents: u64) -> Entry {
    Entry {
        id: Id::from(id),
        date: day.parse().expect("day"),
        at: DateTime::parse_from_rfc3339(&format!("{day}T20:00:00+01:00")).expect("time"),
        kind: EntryKind::Deposit,
        amount: Amount(cents),
        category: "positive interaction".into(),
        who: Person::A,
        note: format!("on {day}"),
        commitment: None,
        by: Person::A,
        updated: 0,
    }
}

/// Saturday's deposit (last week), Sunday's and Thursday's (this week).
fn journal() -> Journal {
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    j.settings.week_starts_on = Weekday::Sun;
    for e in [deposit("E1", "2026-11-21", 500), deposit("E2", "2026-11-22", 25), deposit("E3", "2026-11-26", 10)] {
        j.insert_entry(e);
    }
    j
}

#[test]
fn the_balance_tab_reviews_sunday_to_saturday() {
    let mut app = App::new(journal(), now(), None);
    update(&mut app, Action::SelectTab(Tab::Balance));
    let shown = support::screen::of(&app, 100, 30);
    assert!(shown.contains("Week of 22 Nov – 28 Nov 2026"), "{shown}");
    // The day bars start on Sunday.
    let lines: Vec<Vec<char>> = shown.lines().map(|l| l.chars().collect()).collect();
    let (top, column) = lines
        .iter()
        .enumerate()
        .find_map(|(y, l)| {
            l.iter()
                .collect::<String>()
                .find("Each day's net")
                .map(|b| (y, l.iter().collect::<String>()[..b].chars().count()))
        })
        .expect("the day bars");
    let names: Vec<String> =
        lines[top + 1..top + 8].iter().map(|l| l[column - 1..column + 2].iter().collect()).collect();
    assert_eq!(names, ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], "{shown}");
    // Friday and Saturday have not come yet: no net, not "$0.00".
    for row in &lines[top + 6..top + 8] {
        assert!(!row[column..].iter().collect::<String>().contains('$'), "{shown}");
    }
    let deposits = shown.lines().find(|l| l.starts_with("Deposits")).expect("the deposits row");
    assert!(deposits.contains("2 · $0.35") && deposits.contains("1 · $5.00"), "{deposits}");
    // A step back is the week of Sun 15 Nov.
    update(&mut app, Action::PreviousDay);
    assert!(support::screen::of(&app, 100, 30).contains("Week of 15 Nov – 21 Nov 2026"));
}

#[test]
fn week_status_and_the_markdown_report_count_from_sunday() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("j.ron");
    std::fs::write(&file, trustbank::storage::format::to_ron(&journal()).expect("ron")).expect("written");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(trustbank(&file).args(["week", "--format", "json"]))).expect("json");
    assert_eq!(json["this_week"]["week"]["start"], "2026-11-22");
    assert_eq!(json["this_week"]["deposits"]["count"], 2);
    assert_eq!(json["last_week"]["deposits"]["sum"], 500);
    let status = stdout(trustbank(&file).arg("status"));
    assert!(status.contains("this week +$0.35"), "{status}");
    let report = stdout(trustbank(&file).args(["export", "--format", "markdown", "--from", "2026-11-21"]));
    assert!(report.contains("## Week of 15 Nov – 21 Nov 2026"), "{report}");
    assert!(report.contains("## Week of 22 Nov – 28 Nov 2026"), "{report}");
    let this_week = report.split("## Week of 22 Nov").nth(1).expect("this week's section");
    assert!(this_week.contains("on 2026-11-22") && !this_week.contains("on 2026-11-21"), "{this_week}");
}

#[test]
fn the_commitments_grid_runs_sunday_to_saturday() {
    use trustbank::domain::outcome::{new_commitment, set_outcome};
    use trustbank::domain::{Outcome, parse_schedule};
    let mut j = journal();
    let day = |s: &str| s.parse().expect("day");
    let schedule = parse_schedule("every day").expect("schedule");
    let c =
        new_commitment(Id::from("C1"), "Walk together".into(), schedule, day("2026-11-01"), Amount(10), Amount(100));
    j.commitments.push(c.clone());
    // Sunday kept, Monday missed: the first two columns of this week.
    for (n, (date, outcome)) in [("2026-11-22", Outcome::Kept), ("2026-11-23", Outcome::Missed)].into_iter().enumerate()
    {
        set_outcome(&j, &c, day(date), Some(outcome), now(), (Id(format!("K{n}")), Person::A))
            .apply(&mut j)
            .expect("mark");
    }
    let mut app = App::new(j, now(), None);
    update(&mut app, Action::SelectTab(Tab::Commitments));
    let shown = support::screen::of(&app, 80, 24);
    let letters = shown.lines().find(|l| l.contains("✓ kept ✗ missed")).expect("the day letters");
    assert!(letters.contains("S M T W T F S"), "{shown}");
    let this_week = shown.lines().find(|l| l.contains("22 Nov")).expect("the week of Sun 22 Nov");
    assert!(this_week.contains("22 Nov  ✓ ✗ ? ? ?"), "Sunday kept, Monday missed, then open days to Thursday: {shown}");
    assert!(shown.contains("15 Nov"), "the week before starts on a Sunday too: {shown}");
}
