//! TestBackend renders of the Commitments, Balance and Repair tabs.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::{Action, App, Tab, update};
use trustbank::domain::outcome::{new_commitment, set_outcome};
use trustbank::domain::{
    Agreement, Amount, Entry, EntryKind, Id, Journal, Outcome, Person, Repair, Schedule, StepState, parse_schedule,
};
use trustbank::generate::{Shape, journal};
use trustbank::ui::{Theme, render};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(f, app, &Theme::dark())).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn on(tab: Tab, journal: Journal) -> App {
    let mut app = App::new(journal, now(), None);
    update(&mut app, Action::SelectTab(tab));
    app
}

fn entry(id: &str, date: &str, kind: EntryKind, cents: u64) -> Entry {
    Entry {
        id: Id::from(id),
        date: d(date),
        at: now(),
        kind,
        amount: Amount(cents),
        category: "appreciation".into(),
        who: Person::A,
        note: String::new(),
        commitment: None,
        by: trustbank::domain::Person::A,
        updated: 0,
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn balance_of_an_empty_journal() {
    for (w, h) in SIZES {
        let text = screen(&on(Tab::Balance, Journal::default()), w, h);
        assert!(text.contains("Trust balance"), "{text}");
        assert!(text.contains("Week of 23 Nov – 29 Nov 2026"), "{text}");
        assert!(text.contains("no entries"), "{text}");
        assert!(text.contains("Each day's net"), "{text}");
    }
}

#[test]
fn balance_of_a_month_of_data() {
    let mut j = Journal::default();
    for (i, day) in d("2026-10-28").iter_days().take(30).enumerate() {
        j.insert_entry(entry(&format!("E{i:03}"), &day.to_string(), EntryKind::Deposit, 25));
    }
    j.insert_entry(entry("W1", "2026-11-24", EntryKind::Withdrawal, 100));
    for (w, h) in SIZES {
        let text = screen(&on(Tab::Balance, j.clone()), w, h);
        // Mon 23 – Thu 26: four deposits of 25c, one $1 withdrawal.
        assert!(text.contains("4 · $1.00"), "{text}");
        assert!(text.contains("1 · $1.00"), "{text}");
        let row = text.lines().find(|l| l.contains("Balance at week end")).unwrap_or_default();
        assert_eq!(row.split_whitespace().nth(4), Some("$6.50"), "{text}");
        assert!(text.contains("-$0.75"), "Tuesday's net: {text}");
        assert!(text.contains('⣀') || text.contains('⠉') || text.contains('⡀'), "a line is drawn: {text}");
    }
}

#[test]
fn balance_of_a_year_with_a_wipe_marks_it_and_shows_the_repair() {
    let j = journal(Shape { seed: 2026, entries: 1_800, commitments: 6, end: d("2026-11-26"), days: 365 });
    let mut app = on(Tab::Balance, j);
    update(&mut app, Action::WiderRange);
    update(&mut app, Action::WiderRange);
    for (w, h) in SIZES {
        let text = screen(&app, w, h);
        assert!(text.contains("[all]"), "{text}");
        assert!(text.contains('•'), "the wipe is marked: {text}");
        assert!(text.contains("Repair") || text.contains("Before the injury"), "{text}");
    }
    let wide = screen(&app, 160, 48);
    assert!(wide.contains("Before the injury"), "the long game has room at 160x48: {wide}");
}

fn five_commitments() -> Journal {
    let mut j = Journal::default();
    for (i, (title, words)) in [
        ("Pick up Mia from school", "weekdays"),
        ("Date night", "1x a week"),
        ("Couples therapy", "every 2 weeks on Tue"),
        ("Pay the card in full", "monthly on the 28th"),
        ("Old promise", "every day"),
    ]
    .into_iter()
    .enumerate()
    {
        let schedule = parse_schedule(words).expect("schedule");
        let mut c =
            new_commitment(Id(format!("C{i}")), title.into(), schedule, d("2026-11-02"), Amount(10), Amount(100));
        c.archived = title == "Old promise";
        j.commitments.push(c);
    }
    let mia = j.commitments[0].clone();
    for (n, day) in ["2026-11-23", "2026-11-24", "2026-11-25"].into_iter().enumerate() {
        set_outcome(&j, &mia, d(day), Some(Outcome::Kept), now(), (Id(format!("K{n}")), trustbank::domain::Person::A))
            .apply(&mut j)
            .expect("mark");
    }
    j
}

#[test]
fn commitments_tab_empty_and_full() {
    for (w, h) in SIZES {
        let empty = screen(&on(Tab::Commitments, Journal::default()), w, h);
        assert!(empty.contains("No commitments yet."), "{empty}");
        let text = screen(&on(Tab::Commitments, five_commitments()), w, h);
        for words in ["weekdays", "1x a week", "every 2 weeks on Tue", "monthly on the 28th", "Old promise (archived)"]
        {
            assert!(text.contains(words), "{words}: {text}");
        }
        assert!(text.contains("3 (best 3)"), "Mia's streak: {text}");
        assert!(text.contains("not marked"), "today is open: {text}");
        assert!(text.contains("23 Nov  ✓ ✓ ✓ ?"), "the grid's last week: {text}");
    }
}

#[test]
fn today_lists_the_commitments_due() {
    let text = screen(&on(Tab::Today, five_commitments()), 80, 24);
    assert!(text.contains("Commitments due"), "{text}");
    assert!(text.contains("Pick up Mia from school"), "{text}");
    assert!(text.contains("1x a week · 1 to go"), "{text}");
    assert!(!text.contains("Old promise"), "archived ones are not due: {text}");
}

fn repair_journal(agreements: usize, step: usize) -> Journal {
    let mut j = Journal::default();
    let mut r = Repair::new(Id::from("R1"), "The hidden credit card".into(), d("2026-11-01"), None);
    r.reveal.state = StepState::Done;
    r.reveal.how_i_felt = "Foolish, and alone. 💔".into();
    if step >= 2 {
        r.acknowledge.state = StepState::InProgress;
        r.acknowledge.apology = "I am sorry.".into();
    }
    for i in 0..agreements {
        let c = new_commitment(
            Id(format!("C{i}")),
            format!("Agreement {i}"),
            Schedule::TimesPerWeek(1),
            d("2026-11-02"),
            Amount(10),
            Amount(100),
        );
        r.make_it_right.agreements.push(Agreement {
            id: Id(format!("A{i}")),
            text: format!("Agreement {i}"),
            commitment: Some(c.id.clone()),
            by: trustbank::domain::Person::A,
            updated: 0,
        });
        j.commitments.push(c);
    }
    j.repairs.push(r);
    j
}

#[test]
fn repair_tab_none_in_step_two_and_with_agreements() {
    for (w, h) in SIZES {
        let none = screen(&on(Tab::Repair, Journal::default()), w, h);
        assert!(none.contains("No repair conversations yet."), "{none}");
        let mut app = on(Tab::Repair, repair_journal(0, 2));
        update(&mut app, Action::NextDay);
        let text = screen(&app, w, h);
        assert!(text.contains("2. Acknowledge · in progress"), "{text}");
        assert!(text.contains("I am sorry."), "{text}");
        let mut app = on(Tab::Repair, repair_journal(3, 2));
        for _ in 0..3 {
            update(&mut app, Action::NextDay);
        }
        let text = screen(&app, w, h);
        assert!(text.contains("4. The long game"), "{text}");
        assert!(text.contains("Before the injury"), "{text}");
        update(&mut app, Action::PreviousDay);
        let text = screen(&app, w, h);
        for i in 0..3 {
            assert!(text.contains(&format!("• Agreement {i} (tracked)")), "{text}");
        }
    }
}

#[test]
fn an_agreement_made_in_the_app_appears_on_the_commitments_tab() {
    let mut app = on(Tab::Repair, repair_journal(0, 1));
    update(&mut app, Action::AddAgreement);
    update(&mut app, Action::Form(trustbank::app::FormAction::Paste("Weekly therapy together".into())));
    update(&mut app, Action::Form(trustbank::app::FormAction::Submit));
    assert_eq!(app.journal.commitments.len(), 1);
    assert_eq!(app.journal.repairs[0].make_it_right.agreements.len(), 1);
    update(&mut app, Action::SelectTab(Tab::Commitments));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Weekly therapy together"), "{text}");
    assert!(text.contains("1x a week"), "{text}");
    let agreement = &app.journal.repairs[0].make_it_right.agreements[0];
    assert_eq!(agreement.commitment.as_ref(), Some(&app.journal.commitments[0].id));
    assert_eq!(app.journal.commitments[0].agreement.as_ref(), Some(&agreement.id));
}

/// Only the rows that fit are built; scrolling must still show the
/// selected line, and a click on a line must select that line.
#[test]
fn today_scrolls_long_lists_and_a_click_selects_the_line_under_it() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut j = Journal::default();
    for i in 0..20 {
        let schedule = parse_schedule("every day").expect("schedule");
        j.commitments.push(new_commitment(
            Id(format!("C{i}")),
            format!("promise {i:02}"),
            schedule,
            d("2026-11-02"),
            Amount(10),
            Amount(100),
        ));
    }
    for i in 0..40 {
        let mut e = entry(&format!("E{i:02}"), "2026-11-26", EntryKind::Deposit, 10);
        e.note = format!("note {i:02}");
        e.at += chrono::Duration::minutes(i);
        j.insert_entry(e);
    }
    let mut app = on(Tab::Today, j);
    let (w, h) = (80, 24);
    let last_of = |app: &App, what: &str| {
        let text = screen(app, w, h);
        (0..60).rev().find(|i| text.contains(&format!("{what} {i:02}"))).map(|i| (i, text))
    };
    assert_eq!(app.today_rows(), 60);
    for _ in 0..15 {
        update(&mut app, Action::SelectNext);
    }
    let (shown, text) = last_of(&app, "promise").expect("a promise on screen");
    assert_eq!(shown, 15, "the selected due line is the last one shown: {text}");
    assert!(!text.contains("promise 00"), "scrolled past the first: {text}");
    for _ in 0..40 {
        update(&mut app, Action::SelectNext);
    }
    let (shown, text) = last_of(&app, "note").expect("a note on screen");
    assert_eq!(shown, 35, "the selected entry is the last one shown: {text}");
    assert!(!text.contains("note 00"), "scrolled past the first entries: {text}");

    // A click on the line of "note 30" selects it, whatever the scroll.
    let row = text.lines().position(|l| l.contains("note 30")).expect("note 30 on screen") as u16;
    let click =
        MouseEvent { kind: MouseEventKind::Down(MouseButton::Left), column: 10, row, modifiers: KeyModifiers::NONE };
    let action = trustbank::ui::mouse::action_for(&app, w, h, click).expect("a click on a line selects it");
    update(&mut app, action);
    assert_eq!(app.selected, 20 + 30);
    assert_eq!(app.selected_entry().map(|e| e.note.as_str()), Some("note 30"));
}
