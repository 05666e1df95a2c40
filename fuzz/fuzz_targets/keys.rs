//! Bytes as a session at the keyboard: keys (and the mouse, pastes, the
//! clock and the writer's reports) through the event loop's own mapping
//! into `update`, from an empty or a small generated journal.
//!
//! After every step the caches agree with the journal and the journal
//! passes the loader's checks (`validate::problems`); every few steps the
//! screen is drawn at a size the input chooses; at the end what the app
//! holds is sound and survives a save and a load, undoing everything gives
//! back the starting journal, and redoing as many steps gives back the end.
//!
//! The input: byte 0 chooses the start, bytes 1 and 2 the screen size,
//! then each byte is a key (see `Events::next`), some taking a byte or a
//! few more.

#![no_main]

use std::sync::LazyLock;

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use libfuzzer_sys::fuzz_target;
use trustbank::app::keymap::{Mode, action_for};
use trustbank::app::{Action, App, FormAction, history, update};
use trustbank::domain::stamp::unstamped;
use trustbank::domain::{Journal, journal_day};
use trustbank::generate::{self, Shape};
use trustbank::ui::mouse;
use trustbank_fuzz::{
    assert_caches_fresh, assert_round_trip, assert_sound, draw, now, redo, size_from, undo_everything,
};

/// Small generated journals: a few weeks, a few commitments, a repair.
static GENERATED: LazyLock<[Journal; 3]> = LazyLock::new(|| {
    let end = journal_day(now(), Journal::default().settings.day_ends_at);
    [(1, 12, 2, 5), (2, 40, 4, 21), (3, 80, 8, 40)]
        .map(|(seed, entries, commitments, days)| generate::journal(Shape { seed, entries, commitments, end, days }))
});

/// Keys with no modifier that mean something somewhere, beyond printable
/// ASCII.
const SPECIAL: [KeyCode; 16] = [
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
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
    KeyCode::Insert,
    KeyCode::F(1),
];

/// Chords the app or its text fields bind.
const CHORDS: [(KeyCode, KeyModifiers); 16] = [
    (KeyCode::Char('s'), KeyModifiers::CONTROL),
    (KeyCode::Char('z'), KeyModifiers::CONTROL),
    (KeyCode::Char('r'), KeyModifiers::CONTROL),
    (KeyCode::Char('c'), KeyModifiers::CONTROL),
    (KeyCode::Char('u'), KeyModifiers::CONTROL),
    (KeyCode::Char('m'), KeyModifiers::CONTROL),
    (KeyCode::Char('a'), KeyModifiers::CONTROL),
    (KeyCode::Char('e'), KeyModifiers::CONTROL),
    (KeyCode::Char('k'), KeyModifiers::CONTROL),
    (KeyCode::Char('w'), KeyModifiers::CONTROL),
    (KeyCode::Char('1'), KeyModifiers::ALT),
    (KeyCode::Char('2'), KeyModifiers::ALT),
    (KeyCode::Char('3'), KeyModifiers::ALT),
    (KeyCode::Char('4'), KeyModifiers::ALT),
    (KeyCode::Enter, KeyModifiers::ALT),
    (KeyCode::BackTab, KeyModifiers::SHIFT),
];

/// Characters a byte can't spell: wide, combining, right-to-left, emoji,
/// control.
const ODD_CHARS: [char; 8] = ['漢', '\u{301}', 'ש', '💛', '\u{200b}', '\t', '\n', '\u{7f}'];

/// Time zones the clock can move to (as travel or a DST change would).
const OFFSETS: [i32; 5] = [3600, 0, 7200, -5 * 3600, 13 * 3600];

/// Clock moves, in minutes.
const MOVES: [i64; 8] = [1, 59, 3 * 60, 12 * 60, 24 * 60, 3 * 24 * 60, 8 * 24 * 60, -90];

/// Something the event loop hands to `update`.
enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Tick(DateTime<FixedOffset>),
    Saved,
    SaveFailed,
    Resize(u16, u16),
}

struct Events<'a> {
    bytes: std::slice::Iter<'a, u8>,
    now: DateTime<FixedOffset>,
}

impl Events<'_> {
    fn byte(&mut self) -> u8 {
        self.bytes.next().copied().unwrap_or(0)
    }

    fn next(&mut self) -> Option<Event> {
        let b = *self.bytes.next()?;
        let key = |code, modifiers| Some(Event::Key(KeyEvent::new(code, modifiers)));
        match b {
            // Printable ASCII: every letter, digit and mark.
            0x00..=0x5f => key(KeyCode::Char(char::from(b + 0x20)), KeyModifiers::NONE),
            0x60..=0x6f => key(SPECIAL[usize::from(b - 0x60)], KeyModifiers::NONE),
            0x70..=0x7f => {
                let (code, modifiers) = CHORDS[usize::from(b - 0x70)];
                key(code, modifiers)
            }
            // The next key, with Ctrl, Alt and Shift from the low bits.
            0x80..=0x87 => {
                let mut modifiers = KeyModifiers::NONE;
                for (bit, m) in [(1, KeyModifiers::CONTROL), (2, KeyModifiers::ALT), (4, KeyModifiers::SHIFT)] {
                    if b & bit != 0 {
                        modifiers |= m;
                    }
                }
                match self.next()? {
                    Event::Key(k) => key(k.code, k.modifiers | modifiers),
                    other => Some(other),
                }
            }
            // Any character of the Basic Multilingual Plane, or an odd one.
            0x88..=0x8f => {
                let (hi, lo) = (self.byte(), self.byte());
                let c = if b == 0x88 {
                    ODD_CHARS[usize::from(lo) % ODD_CHARS.len()]
                } else {
                    char::from_u32(u32::from(hi) << 8 | u32::from(lo)).unwrap_or('\u{fffd}')
                };
                key(KeyCode::Char(c), KeyModifiers::NONE)
            }
            // A key released or repeated: the loop drops releases.
            0x90..=0x93 => {
                let code = KeyCode::Char(char::from(self.byte() % 0x60 + 0x20));
                let kind = if b & 1 == 0 { KeyEventKind::Release } else { KeyEventKind::Repeat };
                Some(Event::Key(KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind)))
            }
            // The mouse: clicks and the wheel at a place on the screen.
            0x94..=0x9f => {
                let kind = match b - 0x94 {
                    0 => MouseEventKind::ScrollUp,
                    1 => MouseEventKind::ScrollDown,
                    2 => MouseEventKind::Down(MouseButton::Right),
                    3 => MouseEventKind::Up(MouseButton::Left),
                    _ => MouseEventKind::Down(MouseButton::Left),
                };
                let (column, row) = (u16::from(self.byte()), u16::from(self.byte() % 64));
                Some(Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }))
            }
            // A paste of up to 63 bytes, as text.
            0xa0..=0xa3 => {
                let len = usize::from(self.byte() % 64);
                let text: Vec<u8> = (0..len).map(|_| self.byte()).collect();
                Some(Event::Paste(String::from_utf8_lossy(&text).into_owned()))
            }
            // The clock moves on (or back), perhaps into another zone.
            0xa4..=0xab => {
                let n = self.byte();
                let minutes = MOVES[usize::from(n % 8)];
                let offset = FixedOffset::east_opt(OFFSETS[usize::from(n / 8) % OFFSETS.len()]).expect("an offset");
                self.now = (self.now + Duration::minutes(minutes)).with_timezone(&offset);
                Some(Event::Tick(self.now))
            }
            0xac..=0xad => Some(Event::Saved),
            0xae..=0xaf => Some(Event::SaveFailed),
            // The terminal is resized.
            0xb0..=0xb7 => {
                let (a, c) = (self.byte(), self.byte());
                let (w, h) = size_from(a, c);
                Some(Event::Resize(w, h))
            }
            // The keys that do most, more often.
            _ => {
                const COMMON: [KeyCode; 8] = [
                    KeyCode::Enter,
                    KeyCode::Esc,
                    KeyCode::Tab,
                    KeyCode::Char('u'),
                    KeyCode::Char('y'),
                    KeyCode::Char('a'),
                    KeyCode::Char('w'),
                    KeyCode::Char(' '),
                ];
                key(COMMON[usize::from(b - 0xb8) % COMMON.len()], KeyModifiers::NONE)
            }
        }
    }
}

/// The action for an event, as `tui::action_for_event` chooses it.
fn action(app: &App, event: Event, size: &mut (u16, u16)) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for(app.mode(), app.tab, &key),
        Event::Key(_) => None,
        Event::Mouse(m) => mouse::action_for(app, size.0, size.1, m),
        Event::Paste(text) if matches!(app.mode(), Mode::Form | Mode::Note) => {
            Some(Action::Form(FormAction::Paste(text)))
        }
        Event::Paste(_) => None,
        Event::Tick(now) => Some(Action::Tick(now)),
        Event::Saved => Some(Action::Saved { revision: app.revision }),
        Event::SaveFailed => Some(Action::SaveFailed { revision: app.revision, error: "disk full".into() }),
        Event::Resize(w, h) => {
            *size = (w, h);
            None
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, rest)) = bytes.split_first() else { return };
    let start = match first % 8 {
        0..=2 => Journal::default(),
        n => GENERATED[usize::from(n - 3) % 3].clone(),
    };
    let read_only = (first & 0x80 != 0).then(|| "another trustbank has the journal open".to_string());
    let read_only_app = read_only.is_some();
    let mut app = App::new(start.clone(), now(), read_only);
    if first % 8 == 0 {
        // A first run: the welcome form.
        app.welcome();
    }
    let mut events = Events { bytes: rest.iter(), now: now() };
    let mut size = size_from(events.byte(), events.byte());

    // At most one change per event, so undo (DEPTH deep) reaches the start.
    for step in 0..history::DEPTH - 1 {
        let Some(event) = events.next() else { break };
        let resized = matches!(event, Event::Resize(..));
        if let Some(action) = action(&app, event, &mut size) {
            update(&mut app, action);
        }
        assert_caches_fresh(&app);
        // Any step may be saved: each must leave a file that loads.
        assert_sound(&app.journal);
        if resized || step % 8 == 7 {
            draw(&app, size.0, size.1);
        }
        if !app.running {
            break;
        }
    }
    draw(&app, size.0, size.1);

    if app.journal != start {
        // (The start journals' own round trip is the load target's job.)
        assert_round_trip(&app.journal);
    }
    if read_only_app {
        assert_eq!(app.journal, start, "a read-only app changed the journal");
        return;
    }
    let end = app.journal.clone();
    let undone = undo_everything(&mut app);
    assert_eq!(unstamped(&app.journal), unstamped(&start), "undoing all {undone} changes did not give back the start");
    assert_caches_fresh(&app);
    // The redo trail may already hold changes undone during the session;
    // the ones undone just now are on top.
    redo(&mut app, undone);
    assert_eq!(
        unstamped(&app.journal),
        unstamped(&end),
        "redoing the {undone} undone changes did not give back the end"
    );
    assert_caches_fresh(&app);
});
