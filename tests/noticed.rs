//! Issue 13 in `update`: the person at the keyboard notices what the other
//! did (and only that), takes it back, undoes it; an edit keeps the version
//! before unless it is the author's fix within ten minutes; a removal keeps
//! the last version; an entry edited after it was noticed says so on Today.

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbank::app::{Action, App, FormAction, Overlay, update};
use trustbank::domain::{Amount, Entry, EntryKind, Id, Journal, People, Person, Version};
use trustbank::keyboard::{AtKeyboard, Source};
use trustbank::ui::{Theme, render};

mod support;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T21:00:00+01:00").expect("time")
}

fn entry(id: &str, who: Person, note: &str, updated: u64) -> Entry {
    Entry {
        id: Id::from(id),
        date: "2026-11-26".parse().expect("date"),
        at: DateTime::parse_from_rfc3339("2026-11-26T20:00:00+01:00").expect("time"),
        kind: EntryKind::Deposit,
        amount: Amount(10),
        category: "positive interaction".into(),
        who,
        note: note.into(),
        commitment: None,
        by: who,
        updated,
    }
}

/// `me` at the keyboard; Alex (B) made a deposit an hour ago and Sam (A)
/// one too.
fn app_as(me: Person) -> App {
    let hour_ago = (now().timestamp_millis() - 3_600_000) as u64;
    let mut j = Journal { people: People::new("Sam", "Alex"), ..Journal::default() };
    j.insert_entry(entry("E1", Person::B, "made dinner", hour_ago));
    j.insert_entry(entry("E2", Person::A, "called the bank", hour_ago + 1));
    let mut app = App::new(j, now(), None);
    app.at_keyboard(AtKeyboard { person: me, source: Source::Device });
    app
}

fn screen(app: &App) -> String {
    support::screen::of(app, 120, 24)
}

fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

#[test]
fn the_partners_entry_is_noticed_shown_to_both_and_taken_back() {
    let mut app = app_as(Person::A);
    // Sam selects Alex's "made dinner" and notices it.
    assert_eq!(app.selected_entry().map(|e| e.note.as_str()), Some("made dinner"));
    update(&mut app, Action::ToggleNoticed);
    assert_eq!(app.message.as_deref(), Some("noticed: Alex will see it; n again takes it back"));
    let [n] = app.journal.noticed.clone().try_into().unwrap_or_else(|all| panic!("one noticed: {all:?}"));
    assert_eq!((n.entry.clone(), n.by), (Id::from("E1"), Person::A));
    assert!(n.updated > 0, "stamped");
    assert_eq!(app.outbox.len(), 1, "queued for the writer");
    assert!(line_with(&screen(&app), "made dinner").contains("♥ made dinner · you noticed"));

    // Alex sees it under Sam's name.
    let mut alex = app_as(Person::B);
    alex.journal.noticed = app.journal.noticed.clone();
    alex.revision += 1;
    assert!(line_with(&screen(&alex), "made dinner").contains("♥ made dinner · Sam noticed"), "{}", screen(&alex));

    // `n` again takes it back, leaving a tombstone; undo brings it back.
    update(&mut app, Action::ToggleNoticed);
    assert!(app.journal.noticed.is_empty());
    assert!(app.journal.removed.iter().any(|r| r.id == n.id), "a tombstone, so no merge brings it back");
    assert!(app.message.as_deref().is_some_and(|m| m.starts_with("took back \"noticed\"")));
    assert!(!line_with(&screen(&app), "made dinner").contains('♥'));
    update(&mut app, Action::Undo);
    assert_eq!(app.journal.noticed.len(), 1);
    assert!(app.journal.removed.is_empty());
}

#[test]
fn ones_own_entry_cannot_be_noticed_nor_nothing_at_all() {
    let mut app = app_as(Person::A);
    update(&mut app, Action::SelectNext);
    assert_eq!(app.selected_entry().map(|e| e.note.as_str()), Some("called the bank"));
    update(&mut app, Action::ToggleNoticed);
    assert_eq!(app.message.as_deref(), Some("this entry is about you: \"noticed\" is for what Alex did"));
    assert!(app.journal.noticed.is_empty());
    assert_eq!(app.revision, 0);

    let mut empty = App::new(Journal { people: People::new("Sam", "Alex"), ..Journal::default() }, now(), None);
    update(&mut empty, Action::ToggleNoticed);
    assert_eq!(empty.message.as_deref(), Some("select an entry of Alex's to say you noticed it"));
}

#[test]
fn n_on_today_goes_through_the_keymap() {
    let mut app = app_as(Person::A);
    let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &n).expect("bound");
    assert_eq!(action, Action::ToggleNoticed);
    update(&mut app, action);
    assert_eq!(app.journal.noticed.len(), 1);
}

/// Edits the selected entry's note to `note` through the form.
fn edit_note(app: &mut App, note: &str) {
    update(app, Action::EditSelected);
    assert!(matches!(app.overlay, Overlay::Entry(_)), "{:?}", app.overlay);
    let Overlay::Entry(form) = &app.overlay else { unreachable!() };
    let len = form.note.text().chars().count();
    // The note is the first field.
    for _ in 0..len {
        update(app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))));
    }
    for c in note.chars() {
        update(app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
    }
    update(app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
}

fn entry_versions(app: &App, id: &str) -> Vec<String> {
    app.journal
        .versions
        .iter()
        .filter_map(|v| match v {
            Version::Entry(e) if e.id == Id::from(id) => Some(e.note.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_edit_keeps_the_version_before_and_today_marks_it() {
    let mut app = app_as(Person::B);
    edit_note(&mut app, "made dinner and washed up");
    assert_eq!(entry_versions(&app, "E1"), ["made dinner"]);
    assert!(line_with(&screen(&app), "washed up").contains("✎1 made dinner and washed up"), "{}", screen(&app));
    // An undo takes the edit back and leaves no version.
    update(&mut app, Action::Undo);
    assert_eq!(app.journal.entry(&Id::from("E1")).map(|e| e.note.as_str()), Some("made dinner"));
    assert_eq!(entry_versions(&app, "E1"), Vec::<String>::new());
    assert!(!screen(&app).contains('✎'));
}

#[test]
fn a_fix_within_ten_minutes_leaves_no_version_but_a_later_one_does() {
    let mut app = app_as(Person::B);
    // The entry was written an hour ago: a version.
    edit_note(&mut app, "made dinner!");
    assert_eq!(entry_versions(&app, "E1").len(), 1);
    // Five minutes later Alex fixes a typo in what they just wrote.
    app.now += Duration::minutes(5);
    edit_note(&mut app, "made dinner.");
    assert_eq!(entry_versions(&app, "E1").len(), 1, "a fix is not a version");
    // Half an hour later, another edit is.
    app.now += Duration::minutes(30);
    edit_note(&mut app, "made dinner, and it was good");
    assert_eq!(entry_versions(&app, "E1"), ["made dinner", "made dinner."]);
}

#[test]
fn a_removal_keeps_the_last_version_beside_its_tombstone() {
    let mut app = app_as(Person::B);
    update(&mut app, Action::DeleteSelected);
    update(&mut app, Action::Confirm);
    assert!(app.journal.entry(&Id::from("E1")).is_none());
    assert_eq!(entry_versions(&app, "E1"), ["made dinner"]);
    assert!(app.journal.removed.iter().any(|r| r.id == Id::from("E1") && r.by == Person::B));
}

#[test]
fn an_entry_edited_after_it_was_noticed_says_so() {
    let mut sam = app_as(Person::A);
    update(&mut sam, Action::ToggleNoticed);
    // Alex, later, on the same journal, edits what Sam noticed.
    let mut alex = App::new(sam.journal.clone(), now() + Duration::minutes(20), None);
    alex.at_keyboard(AtKeyboard { person: Person::B, source: Source::Device });
    edit_note(&mut alex, "made dinner (takeaway)");
    let line = line_with(&screen(&alex), "takeaway").to_string();
    assert!(line.contains("✎1 ♥ made dinner (takeaway) · Sam noticed (before an edit)"), "{line}");
    // Sam sees it from their side.
    let mut sam = App::new(alex.journal.clone(), now() + Duration::minutes(21), None);
    sam.at_keyboard(AtKeyboard { person: Person::A, source: Source::Device });
    assert!(line_with(&screen(&sam), "takeaway").contains("takeaway) · you noticed (before an edit)"));
}

#[test]
fn the_history_view_shows_each_version_and_the_days_removed_entries_at_80x24() {
    let mut app = app_as(Person::B);
    // Sam noticed Alex's entry; Alex edits it twice, half an hour apart.
    app.journal.noticed.push(trustbank::domain::Noticed {
        id: Id::from("N1"),
        entry: Id::from("E1"),
        at: now(),
        word: "it meant a lot".into(),
        by: Person::A,
        updated: (now().timestamp_millis() - 1_800_000) as u64,
    });
    app.revision += 1;
    edit_note(&mut app, "made dinner and washed up");
    app.now += Duration::minutes(30);
    edit_note(&mut app, "made dinner, washed up");
    let v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &v).expect("v is bound on Today");
    update(&mut app, action);
    assert!(matches!(app.overlay, Overlay::History { .. }), "{:?}", app.overlay);
    let shown = support::screen::of(&app, 80, 24);
    for line in [
        "Alex's deposit of Thu 26 Nov",
        "version 1 · written by Alex · Thu 26 Nov 20:00",
        "+$0.10 positive interaction \"made dinner\"",
        "version 2 · changed by Alex · Thu 26 Nov 21:00",
        "note: \"made dinner\" → \"made dinner and washed up\"",
        "version 3 (now) · changed by Alex · Thu 26 Nov 21:30",
        "♥ noticed by Sam · Thu 26 Nov 20:30 \"it meant a lot\"",
        "nothing removed on this day",
    ] {
        assert!(shown.contains(line), "{line:?} is not in\n{shown}");
    }
    insta::assert_snapshot!("history_of_an_entry_80x24", shown);
    update(&mut app, Action::Close);

    // Alex removes it: the day's history lists it, with its last version.
    update(&mut app, Action::DeleteSelected);
    update(&mut app, Action::Confirm);
    update(&mut app, Action::ShowHistory);
    let shown = support::screen::of(&app, 80, 24);
    // The line wraps in the box at 80 columns.
    assert!(shown.contains("removed by Alex on Thu 26 Nov 21:30: +$0.10 positive interaction \"made"), "{shown}");
    assert!(shown.contains("dinner, washed up\""), "the last version, not an earlier one: {shown}");
    // And every version before it, still: nothing removed is lost to sight.
    for line in ["version 1 · written by Alex · Thu 26 Nov 20:00", "version 3 · changed by Alex · Thu 26 Nov 21:30"]
    {
        assert!(shown.contains(line), "{line:?} is not in\n{shown}");
    }
    let removed = shown.split("Removed on").nth(1).unwrap_or_default();
    assert!(!removed.contains("(now)"), "a removed entry has no version in force: {shown}");
    // Esc closes it, as it closes the help.
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &esc).expect("Esc closes");
    update(&mut app, action);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn the_weekly_review_counts_each_persons_deposits_the_partner_noticed() {
    let mut app = app_as(Person::A);
    // Sam notices Alex's deposit; Sam's own deposit cannot be noticed by Sam.
    update(&mut app, Action::ToggleNoticed);
    let j = &app.journal;
    let week = app.week_of(app.today);
    let review =
        trustbank::domain::WeekReview::compute(j, &trustbank::domain::Balances::compute(&j.entries), week, app.today);
    let [sam, alex] = &review.people;
    assert_eq!((alex.deposits.count, alex.noticed), (1, 1), "Alex's one deposit, noticed by Sam");
    assert_eq!((sam.deposits.count, sam.noticed), (1, 0), "Sam's, not noticed by Alex");
    let rows = trustbank::report::people_rows(&review, Person::A);
    let noticed: Vec<(&str, &str)> =
        rows.iter().filter(|r| r.label.trim() == "noticed").map(|r| (r.this.as_str(), r.last.as_str())).collect();
    assert_eq!(noticed, [("0 of 1", "0 of 0"), ("1 of 1", "0 of 0")], "Sam's first: the person at the keyboard");
}

#[test]
fn shift_n_notices_with_a_word_and_changes_the_word_later() {
    let mut app = app_as(Person::A);
    let shift_n = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &shift_n).expect("N is bound on Today");
    assert_eq!(action, Action::NoticeWithWord);
    update(&mut app, action);
    assert!(matches!(app.overlay, Overlay::Noticed(_)), "{:?}", app.overlay);
    let shown = support::screen::of(&app, 80, 24);
    assert!(shown.contains("Alex's \"made dinner\"") && shown.contains("A word for Alex (optional)"), "{shown}");
    for c in "it meant a lot".chars() {
        update(&mut app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
    }
    update(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.message);
    let words: Vec<(&str, Person)> = app.journal.noticed.iter().map(|n| (n.word.as_str(), n.by)).collect();
    assert_eq!(words, [("it meant a lot", Person::A)]);

    // Alex reads the word on Today.
    let mut alex = app_as(Person::B);
    alex.journal.noticed = app.journal.noticed.clone();
    alex.revision += 1;
    assert!(line_with(&screen(&alex), "made dinner").contains("Sam noticed \"it meant a lot\""), "{}", screen(&alex));

    // N again opens with the word, and saving changes it: still one.
    update(&mut app, Action::NoticeWithWord);
    let Overlay::Noticed(form) = &app.overlay else { panic!("{:?}", app.overlay) };
    assert_eq!(form.word.text(), "it meant a lot");
    update(&mut app, Action::Form(FormAction::Key(KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE))));
    update(&mut app, Action::Form(FormAction::Submit));
    let words: Vec<&str> = app.journal.noticed.iter().map(|n| n.word.as_str()).collect();
    assert_eq!(words, ["it meant a lot!"]);
    // Undo takes the change of word back, not the noticing.
    update(&mut app, Action::Undo);
    let words: Vec<&str> = app.journal.noticed.iter().map(|n| n.word.as_str()).collect();
    assert_eq!(words, ["it meant a lot"]);

    // One's own entry: refused, no form.
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::NoticeWithWord);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.message.as_deref(), Some("this entry is about you: \"noticed\" is for what Alex did"));
}

#[test]
fn n_on_balance_draws_a_second_line_counting_only_noticed_deposits() {
    let mut app = app_as(Person::A);
    update(&mut app, Action::ToggleNoticed);
    // Sam's own deposit, unnoticed, three days before: the two lines part
    // from that day until Alex's noticed one.
    let mut own = app.journal.entry(&Id::from("E2")).expect("there").clone();
    app.journal.entries.retain(|e| e.id != own.id);
    own.date = "2026-11-23".parse().expect("date");
    own.at -= Duration::days(3);
    app.journal.insert_entry(own);
    app = App::new(app.journal, now(), None);
    app.at_keyboard(AtKeyboard { person: Person::A, source: Source::Device });
    update(&mut app, Action::SelectTab(trustbank::app::Tab::Balance));
    update(&mut app, Action::NarrowerRange);
    update(&mut app, Action::NarrowerRange);
    let theme = Theme::dark();
    // The cells of the chart drawn in a style: Braille dots of that colour.
    let dots = |app: &App, style: ratatui::style::Style| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
        terminal.draw(|frame| render(frame, app, &theme)).expect("draws");
        let buffer = terminal.backend().buffer().clone();
        let count = buffer
            .content()
            .iter()
            .filter(|c| {
                c.fg == style.fg.unwrap_or_default()
                    && ('\u{2801}'..='\u{28ff}').contains(&c.symbol().chars().next().unwrap_or(' '))
            })
            .count();
        (count, support::screen::of(app, 80, 24))
    };
    let (before, shown) = dots(&app, theme.deposit);
    assert_eq!(before, 0, "no second line until asked:\n{shown}");
    assert!(!shown.contains("noticed deposits"));
    let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
    let action = trustbank::app::keymap::action_for(app.mode(), app.tab, &n).expect("n is bound on Balance");
    assert_eq!(action, Action::ToggleNoticedLine);
    update(&mut app, action);
    let (after, shown) = dots(&app, theme.deposit);
    assert!(after > 0, "the noticed line is drawn:\n{shown}");
    assert!(shown.contains("━ counting only noticed deposits"), "{shown}");
    // Alex's noticed deposit counts; Sam's own, unnoticed, does not.
    let noticed = app.noticed_daily();
    assert_eq!(noticed.last().map(|d| d.close), Some(trustbank::domain::Cents(10)));
    assert_eq!(app.balances.current(), trustbank::domain::Cents(20));
    update(&mut app, Action::ToggleNoticedLine);
    assert_eq!(dots(&app, theme.deposit).0, 0, "n again hides it");
}
