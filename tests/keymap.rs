//! Every key of normal mode on every tab, against a table written here by
//! hand (issue 19, item 22): a swap of two actions in the keymap (`m` and
//! `s`, say) or a key bound on a tab it should not be fails here, whatever
//! the help and the README say (they are written from the keymap itself).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use trustbank::app::keymap::{Mode, action_for};
use trustbank::app::{Action, Tab};
use trustbank::domain::Outcome;

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The keys every tab shares.
fn everywhere() -> Vec<(KeyEvent, Action)> {
    let c = |ch| plain(KeyCode::Char(ch));
    vec![
        (c('u'), Action::Undo),
        (KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL), Action::Redo),
        (plain(KeyCode::Tab), Action::NextTab),
        (plain(KeyCode::BackTab), Action::PreviousTab),
        (c('1'), Action::SelectTab(Tab::Today)),
        (c('2'), Action::SelectTab(Tab::Commitments)),
        (c('3'), Action::SelectTab(Tab::Balance)),
        (c('4'), Action::SelectTab(Tab::Repair)),
        (c(','), Action::OpenSettings),
        (c('S'), Action::OpenSettings),
        (c('?'), Action::ToggleHelp),
        (c('q'), Action::Quit),
        (KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), Action::Quit),
    ]
}

/// What each key does on `tab`, beyond [`everywhere`].
fn on(tab: Tab) -> Vec<(KeyEvent, Action)> {
    let c = |ch| plain(KeyCode::Char(ch));
    let days = vec![
        (c('h'), Action::PreviousDay),
        (plain(KeyCode::Left), Action::PreviousDay),
        (c('l'), Action::NextDay),
        (plain(KeyCode::Right), Action::NextDay),
        (c('t'), Action::GoToToday),
    ];
    let list = vec![
        (c('j'), Action::SelectNext),
        (plain(KeyCode::Down), Action::SelectNext),
        (c('k'), Action::SelectPrevious),
        (plain(KeyCode::Up), Action::SelectPrevious),
        (c('g'), Action::SelectFirst),
        (plain(KeyCode::Home), Action::SelectFirst),
        (KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT), Action::SelectLast),
        (plain(KeyCode::End), Action::SelectLast),
        (plain(KeyCode::PageDown), Action::PageDown),
        (plain(KeyCode::PageUp), Action::PageUp),
        (c('v'), Action::ShowHistory),
    ];
    let marks = vec![
        (c(' '), Action::Mark(Outcome::Kept)),
        (c('m'), Action::Mark(Outcome::Missed)),
        (c('s'), Action::Mark(Outcome::Excused)),
        (plain(KeyCode::Enter), Action::EditSelected),
        (c('e'), Action::EditSelected),
    ];
    let own = match tab {
        Tab::Today => vec![
            (c('a'), Action::AddDeposit),
            (c('+'), Action::AddDeposit),
            (c('w'), Action::AddWithdrawal),
            (c('-'), Action::AddWithdrawal),
            (c('r'), Action::WriteCheckIn),
            (c('x'), Action::DeleteSelected),
            (plain(KeyCode::Delete), Action::DeleteSelected),
            (c('n'), Action::ToggleNoticed),
            (KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT), Action::NoticeWithWord),
        ],
        Tab::Commitments => vec![(c('n'), Action::NewCommitment), (c('x'), Action::ToggleArchive)],
        Tab::Balance => {
            vec![(c('['), Action::NarrowerRange), (c(']'), Action::WiderRange), (c('n'), Action::ToggleNoticedLine)]
        }
        Tab::Repair => vec![
            (c('n'), Action::NewRepair),
            (plain(KeyCode::Enter), Action::EditSelected),
            (c('e'), Action::EditSelected),
            (c('a'), Action::AddAgreement),
            (c('c'), Action::ToggleClosed),
        ],
    };
    let mut all = own;
    match tab {
        Tab::Today | Tab::Commitments => all.extend(days.into_iter().chain(list).chain(marks)),
        Tab::Balance => all.extend(days),
        Tab::Repair => {
            // h and l step through the four steps; no day to go back to.
            all.extend(days.into_iter().filter(|(_, a)| *a != Action::GoToToday));
            all.extend(list);
        }
    }
    all.extend(everywhere());
    all
}

/// Every key a person might press in normal mode.
fn every_key() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = (' '..='~').map(|c| plain(KeyCode::Char(c))).collect();
    keys.extend(('A'..='Z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)));
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys.extend(
        [
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]
        .map(plain),
    );
    keys
}

#[test]
fn every_normal_mode_key_on_every_tab_does_what_the_table_says_and_nothing_else_is_bound() {
    for tab in Tab::ALL {
        let table = on(tab);
        for (key, action) in &table {
            assert_eq!(action_for(Mode::Normal, tab, key).as_ref(), Some(action), "{key:?} on {tab:?}");
        }
        for key in every_key() {
            let expected = table.iter().find(|(k, _)| {
                // The terminal sends a capital with or without Shift.
                k.code == key.code
                    && (k.modifiers == key.modifiers || matches!(k.code, KeyCode::Char(c) if c.is_uppercase()))
            });
            let got = action_for(Mode::Normal, tab, &key);
            match expected {
                Some((_, action)) => assert_eq!(got.as_ref(), Some(action), "{key:?} on {tab:?}"),
                None => assert_eq!(got, None, "{key:?} on {tab:?} is bound, but not in this table"),
            }
        }
    }
}
