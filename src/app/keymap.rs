//! The one table of key bindings. Keys become actions here, and the same
//! table writes the footer and the help overlay, so they never drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, FormAction, Tab};
use crate::domain::{Outcome, Person};

/// Where keys are being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A tab, no overlay.
    Normal,
    Help,
    /// A form whose focused field is one line.
    Form,
    /// A form whose focused field is a multi-line note.
    Note,
    /// A yes/no question.
    Confirm,
    /// Choosing one of the two people.
    Choose,
}

/// Which modes a binding works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Normal,
    Help,
    /// Every form field.
    Form,
    /// One-line form fields only.
    FormLine,
    Confirm,
    /// "Who is using this computer?"
    Choose,
    /// Help, forms and questions alike.
    Overlay,
}

impl Scope {
    fn includes(self, mode: Mode) -> bool {
        match self {
            Scope::Normal => mode == Mode::Normal,
            Scope::Help => mode == Mode::Help,
            Scope::Form => matches!(mode, Mode::Form | Mode::Note),
            Scope::FormLine => mode == Mode::Form,
            Scope::Confirm => mode == Mode::Confirm,
            Scope::Choose => mode == Mode::Choose,
            Scope::Overlay => mode != Mode::Normal,
        }
    }

    /// The heading of this scope in the help overlay (tab-specific keys
    /// are headed by their tabs; see [`Binding::heading`]).
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Normal => "On every tab",
            Scope::Help => "In this help",
            Scope::Form | Scope::FormLine => "In a form",
            Scope::Confirm => "When asked yes or no",
            Scope::Choose => "When asked who is using this computer",
            Scope::Overlay => "On top of a tab",
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

impl Key {
    /// Whether a key event is this key. Shift is ignored for characters,
    /// since terminals differ in whether they report it for `?` or `+`.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && self.modifiers == event.modifiers.difference(KeyModifiers::SHIFT)
            }
            // Terminals send Shift-Tab as BackTab, with or without Shift.
            (KeyCode::BackTab, KeyCode::BackTab) => self.modifiers == event.modifiers.difference(KeyModifiers::SHIFT),
            (a, b) => a == b && self.modifiers == event.modifiers,
        }
    }

    /// As shown in the footer and the help: `a`, `Enter`, `Ctrl-r`, `←`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// One line of the table.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    /// Tabs where it works (empty: all).
    pub tabs: &'static [Tab],
    /// Short label for the footer; empty keeps it out of the footer.
    pub footer: &'static str,
    /// What the help overlay says it does.
    pub help: &'static str,
}

impl Binding {
    /// `a/+`: every key of the binding.
    pub fn keys_label(&self) -> String {
        self.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
    }

    /// The help overlay's heading for this binding.
    pub fn heading(&self) -> String {
        if self.scope == Scope::Normal && !self.tabs.is_empty() {
            let names: Vec<&str> = self.tabs.iter().map(|t| t.title()).collect();
            format!("On {}", names.join(" and "))
        } else {
            self.scope.heading().to_string()
        }
    }

    fn works_on(&self, tab: Tab) -> bool {
        self.tabs.is_empty() || self.tabs.contains(&tab)
    }
}

const TODAY: &[Tab] = &[Tab::Today];
const COMMITMENTS: &[Tab] = &[Tab::Commitments];
/// Tabs that show one day and its commitments.
const DAYS: &[Tab] = &[Tab::Today, Tab::Commitments];
const BALANCE: &[Tab] = &[Tab::Balance];
const REPAIR: &[Tab] = &[Tab::Repair];
/// Tabs with a list to move through.
const LISTS: &[Tab] = &[Tab::Today, Tab::Commitments, Tab::Repair];
const ALL: &[Tab] = &[];

/// The lines `PageDown` and `PageUp` move by.
pub const PAGE: usize = 10;

/// Every binding, in the order the footer and help show them: the evening
/// flow first, since the footer shows as many as fit.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    Binding { keys: &[ch('a'), ch('+')], action: Action::AddDeposit, scope: Scope::Normal, tabs: TODAY, footer: "deposit", help: "add a deposit" },
    Binding { keys: &[ch('w'), ch('-')], action: Action::AddWithdrawal, scope: Scope::Normal, tabs: TODAY, footer: "withdrawal", help: "add a withdrawal" },
    Binding { keys: &[ch('r')], action: Action::WriteCheckIn, scope: Scope::Normal, tabs: TODAY, footer: "check-in", help: "write the day's check-in" },
    Binding { keys: &[ch('n')], action: Action::NewCommitment, scope: Scope::Normal, tabs: COMMITMENTS, footer: "new", help: "new commitment" },
    Binding { keys: &[ch(' ')], action: Action::Mark(Outcome::Kept), scope: Scope::Normal, tabs: DAYS, footer: "kept", help: "mark the selected commitment kept (again: clear)" },
    Binding { keys: &[ch('m')], action: Action::Mark(Outcome::Missed), scope: Scope::Normal, tabs: DAYS, footer: "missed", help: "mark the selected commitment missed (again: clear)" },
    Binding { keys: &[ch('s')], action: Action::Mark(Outcome::Excused), scope: Scope::Normal, tabs: DAYS, footer: "excused", help: "mark the selected commitment excused (again: clear)" },
    Binding { keys: &[key(KeyCode::Enter), ch('e')], action: Action::EditSelected, scope: Scope::Normal, tabs: DAYS, footer: "edit", help: "edit the selected entry or commitment" },
    Binding { keys: &[ch('x'), key(KeyCode::Delete)], action: Action::DeleteSelected, scope: Scope::Normal, tabs: TODAY, footer: "delete", help: "delete the selected entry (asks y/n)" },
    Binding { keys: &[ch('n')], action: Action::ToggleNoticed, scope: Scope::Normal, tabs: TODAY, footer: "noticed", help: "say you noticed your partner's entry (again: take back)" },
    Binding { keys: &[ch('N')], action: Action::NoticeWithWord, scope: Scope::Normal, tabs: TODAY, footer: "", help: "noticed, with a word for your partner (or change the word)" },
    Binding { keys: &[ch('x')], action: Action::ToggleArchive, scope: Scope::Normal, tabs: COMMITMENTS, footer: "archive", help: "archive the selected commitment, or bring it back" },
    Binding { keys: &[ch('h'), key(KeyCode::Left)], action: Action::PreviousDay, scope: Scope::Normal, tabs: DAYS, footer: "", help: "previous day" },
    Binding { keys: &[ch('l'), key(KeyCode::Right)], action: Action::NextDay, scope: Scope::Normal, tabs: DAYS, footer: "", help: "next day" },
    Binding { keys: &[ch('t')], action: Action::GoToToday, scope: Scope::Normal, tabs: DAYS, footer: "", help: "back to today" },
    Binding { keys: &[ch('h'), key(KeyCode::Left)], action: Action::PreviousDay, scope: Scope::Normal, tabs: BALANCE, footer: "prev week", help: "previous week" },
    Binding { keys: &[ch('l'), key(KeyCode::Right)], action: Action::NextDay, scope: Scope::Normal, tabs: BALANCE, footer: "next week", help: "next week" },
    Binding { keys: &[ch('t')], action: Action::GoToToday, scope: Scope::Normal, tabs: BALANCE, footer: "this week", help: "back to this week" },
    Binding { keys: &[ch('[')], action: Action::NarrowerRange, scope: Scope::Normal, tabs: BALANCE, footer: "", help: "shorter chart range (week … all)" },
    Binding { keys: &[ch(']')], action: Action::WiderRange, scope: Scope::Normal, tabs: BALANCE, footer: "range", help: "longer chart range (week … all)" },
    Binding { keys: &[ch('n')], action: Action::ToggleNoticedLine, scope: Scope::Normal, tabs: BALANCE, footer: "noticed line", help: "a second line: the balance counting only noticed deposits (again: hide)" },
    Binding { keys: &[ch('n')], action: Action::NewRepair, scope: Scope::Normal, tabs: REPAIR, footer: "new repair", help: "new repair" },
    Binding { keys: &[key(KeyCode::Enter), ch('e')], action: Action::EditSelected, scope: Scope::Normal, tabs: REPAIR, footer: "edit step", help: "write in the selected step" },
    Binding { keys: &[ch('a')], action: Action::AddAgreement, scope: Scope::Normal, tabs: REPAIR, footer: "agreement", help: "add an agreement and the commitment that tracks it" },
    Binding { keys: &[ch('h'), key(KeyCode::Left)], action: Action::PreviousDay, scope: Scope::Normal, tabs: REPAIR, footer: "", help: "previous step" },
    Binding { keys: &[ch('l'), key(KeyCode::Right)], action: Action::NextDay, scope: Scope::Normal, tabs: REPAIR, footer: "", help: "next step" },
    Binding { keys: &[ch('c')], action: Action::ToggleClosed, scope: Scope::Normal, tabs: REPAIR, footer: "close", help: "close the selected repair, or reopen it" },
    Binding { keys: &[ch('v')], action: Action::ShowHistory, scope: Scope::Normal, tabs: LISTS, footer: "history", help: "history of the selected record: each version, who, when (Today: the day's removals)" },
    Binding { keys: &[ch('j'), key(KeyCode::Down)], action: Action::SelectNext, scope: Scope::Normal, tabs: LISTS, footer: "", help: "select the next line" },
    Binding { keys: &[ch('k'), key(KeyCode::Up)], action: Action::SelectPrevious, scope: Scope::Normal, tabs: LISTS, footer: "", help: "select the previous line" },
    Binding { keys: &[ch('g'), key(KeyCode::Home)], action: Action::SelectFirst, scope: Scope::Normal, tabs: LISTS, footer: "", help: "select the first line" },
    Binding { keys: &[ch('G'), key(KeyCode::End)], action: Action::SelectLast, scope: Scope::Normal, tabs: LISTS, footer: "", help: "select the last line" },
    Binding { keys: &[key(KeyCode::PageDown)], action: Action::PageDown, scope: Scope::Normal, tabs: LISTS, footer: "", help: "a page of lines down" },
    Binding { keys: &[key(KeyCode::PageUp)], action: Action::PageUp, scope: Scope::Normal, tabs: LISTS, footer: "", help: "a page of lines up" },
    Binding { keys: &[ch('u')], action: Action::Undo, scope: Scope::Normal, tabs: ALL, footer: "undo", help: "undo the last change (any tab)" },
    Binding { keys: &[ctrl('r')], action: Action::Redo, scope: Scope::Normal, tabs: ALL, footer: "", help: "redo what was undone" },
    Binding { keys: &[key(KeyCode::Tab)], action: Action::NextTab, scope: Scope::Normal, tabs: ALL, footer: "", help: "next tab" },
    Binding { keys: &[key(KeyCode::BackTab)], action: Action::PreviousTab, scope: Scope::Normal, tabs: ALL, footer: "", help: "previous tab" },
    Binding { keys: &[ch('1')], action: Action::SelectTab(Tab::Today), scope: Scope::Normal, tabs: ALL, footer: "", help: "Today tab" },
    Binding { keys: &[ch('2')], action: Action::SelectTab(Tab::Commitments), scope: Scope::Normal, tabs: ALL, footer: "", help: "Commitments tab" },
    Binding { keys: &[ch('3')], action: Action::SelectTab(Tab::Balance), scope: Scope::Normal, tabs: ALL, footer: "", help: "Balance tab" },
    Binding { keys: &[ch('4')], action: Action::SelectTab(Tab::Repair), scope: Scope::Normal, tabs: ALL, footer: "", help: "Repair tab" },
    Binding { keys: &[ch(','), ch('S')], action: Action::OpenSettings, scope: Scope::Normal, tabs: ALL, footer: "", help: "settings: who is at the keyboard, names, sizes, theme" },
    Binding { keys: &[ch('?')], action: Action::ToggleHelp, scope: Scope::Normal, tabs: ALL, footer: "help", help: "show every key" },
    Binding { keys: &[ch('q'), ctrl('c')], action: Action::Quit, scope: Scope::Normal, tabs: ALL, footer: "quit", help: "quit (everything is already saved)" },
    // Forms.
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Form(FormAction::Submit), scope: Scope::FormLine, tabs: ALL, footer: "save", help: "save the form" },
    Binding { keys: &[ctrl('s'), alt(KeyCode::Enter)], action: Action::Form(FormAction::Submit), scope: Scope::Form, tabs: ALL, footer: "save", help: "save the form (also from a multi-line note)" },
    Binding { keys: &[key(KeyCode::Tab)], action: Action::Form(FormAction::NextField), scope: Scope::Form, tabs: ALL, footer: "next field", help: "next field" },
    Binding { keys: &[key(KeyCode::BackTab)], action: Action::Form(FormAction::PreviousField), scope: Scope::Form, tabs: ALL, footer: "", help: "previous field" },
    Binding { keys: &[alt(KeyCode::Char('1'))], action: Action::Form(FormAction::Preset(0)), scope: Scope::Form, tabs: ALL, footer: "", help: "first amount preset (penny / $1)" },
    Binding { keys: &[alt(KeyCode::Char('2'))], action: Action::Form(FormAction::Preset(1)), scope: Scope::Form, tabs: ALL, footer: "", help: "second amount preset (nickel / $5)" },
    Binding { keys: &[alt(KeyCode::Char('3'))], action: Action::Form(FormAction::Preset(2)), scope: Scope::Form, tabs: ALL, footer: "", help: "third amount preset (dime / $20)" },
    Binding { keys: &[alt(KeyCode::Char('4'))], action: Action::Form(FormAction::Preset(3)), scope: Scope::Form, tabs: ALL, footer: "", help: "fourth amount preset (quarter / wipe)" },
    Binding { keys: &[key(KeyCode::Esc), ctrl('c')], action: Action::Close, scope: Scope::Form, tabs: ALL, footer: "cancel", help: "cancel the form" },
    // Questions.
    Binding { keys: &[ch('y')], action: Action::Confirm, scope: Scope::Confirm, tabs: ALL, footer: "yes", help: "yes" },
    Binding { keys: &[ch('n'), key(KeyCode::Esc)], action: Action::Close, scope: Scope::Confirm, tabs: ALL, footer: "no", help: "no" },
    // Who is at the keyboard.
    Binding { keys: &[ch('1')], action: Action::ChooseMe(Person::A), scope: Scope::Choose, tabs: ALL, footer: "", help: "the first name" },
    Binding { keys: &[ch('2')], action: Action::ChooseMe(Person::B), scope: Scope::Choose, tabs: ALL, footer: "", help: "the second name" },
    Binding { keys: &[key(KeyCode::Up), key(KeyCode::Down), key(KeyCode::Left), key(KeyCode::Right)], action: Action::SelectNext, scope: Scope::Choose, tabs: ALL, footer: "", help: "the other name" },
    Binding { keys: &[key(KeyCode::Enter)], action: Action::Confirm, scope: Scope::Choose, tabs: ALL, footer: "choose", help: "choose the highlighted name (remembered here)" },
    Binding { keys: &[key(KeyCode::Esc)], action: Action::Close, scope: Scope::Choose, tabs: ALL, footer: "ask next time", help: "not now (asked again next time)" },
    // Help.
    Binding { keys: &[ch('j'), key(KeyCode::Down)], action: Action::ScrollHelp(1), scope: Scope::Help, tabs: ALL, footer: "scroll", help: "scroll down" },
    Binding { keys: &[ch('k'), key(KeyCode::Up)], action: Action::ScrollHelp(-1), scope: Scope::Help, tabs: ALL, footer: "", help: "scroll up" },
    Binding { keys: &[key(KeyCode::PageDown), ch(' ')], action: Action::ScrollHelp(PAGE as i16), scope: Scope::Help, tabs: ALL, footer: "", help: "a page down" },
    Binding { keys: &[key(KeyCode::PageUp)], action: Action::ScrollHelp(-(PAGE as i16)), scope: Scope::Help, tabs: ALL, footer: "", help: "a page up" },
    Binding { keys: &[ch('g'), key(KeyCode::Home)], action: Action::ScrollHelp(i16::MIN), scope: Scope::Help, tabs: ALL, footer: "", help: "back to the top" },
    Binding { keys: &[key(KeyCode::Esc), ch('?'), ch('q')], action: Action::Close, scope: Scope::Help, tabs: ALL, footer: "close", help: "close the help" },
];

/// The key table of the README, written from [`BINDINGS`] so the two never
/// disagree (a test compares them).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | where | does |\n| --- | --- | --- |\n");
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label().replace('|', "\\|"))).collect();
        let place = b.heading();
        let place = place.strip_prefix("On ").unwrap_or(&place);
        out.push_str(&format!("| {} | {} | {} |\n", keys.join(" "), place, b.help));
    }
    out
}

/// The bindings that work in `mode` on `tab`, in table order.
pub fn active(mode: Mode, tab: Tab) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.scope.includes(mode) && (mode != Mode::Normal || b.works_on(tab)))
}

/// The action a key means here. In a form, any other key goes to the
/// focused field.
pub fn action_for(mode: Mode, tab: Tab, event: &KeyEvent) -> Option<Action> {
    let bound = active(mode, tab).find(|b| b.keys.iter().any(|k| k.matches(event)));
    match (bound, mode) {
        (Some(b), _) => Some(b.action.clone()),
        (None, Mode::Form | Mode::Note) => Some(Action::Form(FormAction::Key(*event))),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const MODES: [Mode; 6] = [Mode::Normal, Mode::Help, Mode::Form, Mode::Note, Mode::Confirm, Mode::Choose];

    #[test]
    fn no_key_means_two_things_in_one_place() {
        for mode in MODES {
            for tab in Tab::ALL {
                let active: Vec<&Binding> = active(mode, tab).collect();
                for (i, a) in active.iter().enumerate() {
                    for b in &active[i + 1..] {
                        for k in a.keys {
                            assert!(!b.keys.contains(k), "{} is bound twice in {mode:?} on {tab:?}", k.label());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_is_labelled_for_the_help() {
        for b in BINDINGS {
            assert!(!b.help.is_empty() && !b.keys.is_empty(), "{b:?}");
        }
    }

    #[test]
    fn keys_map_to_their_actions() {
        let plain = KeyModifiers::NONE;
        assert_eq!(action_for(Mode::Normal, Tab::Today, &event(KeyCode::Char('a'), plain)), Some(Action::AddDeposit));
        // Some terminals report Shift with `+` and `?`.
        assert_eq!(
            action_for(Mode::Normal, Tab::Today, &event(KeyCode::Char('+'), KeyModifiers::SHIFT)),
            Some(Action::AddDeposit)
        );
        assert_eq!(
            action_for(Mode::Normal, Tab::Balance, &event(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action_for(Mode::Normal, Tab::Today, &event(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        // The same key means what its tab needs: a deposit on Today, an
        // agreement on Repair, nothing on Balance.
        let a = event(KeyCode::Char('a'), plain);
        assert_eq!(action_for(Mode::Normal, Tab::Repair, &a), Some(Action::AddAgreement));
        assert_eq!(action_for(Mode::Normal, Tab::Balance, &a), None);
        assert_eq!(
            action_for(Mode::Normal, Tab::Commitments, &event(KeyCode::Char('x'), plain)),
            Some(Action::ToggleArchive)
        );
        // In a one-line field Enter saves; in a note it is a new line.
        assert_eq!(
            action_for(Mode::Form, Tab::Today, &event(KeyCode::Enter, plain)),
            Some(Action::Form(FormAction::Submit))
        );
        let enter = event(KeyCode::Enter, plain);
        assert_eq!(action_for(Mode::Note, Tab::Today, &enter), Some(Action::Form(FormAction::Key(enter))));
        assert_eq!(
            action_for(Mode::Note, Tab::Today, &event(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Form(FormAction::Submit))
        );
        // Letters in a form are text, not commands.
        let q = event(KeyCode::Char('q'), plain);
        assert_eq!(action_for(Mode::Form, Tab::Today, &q), Some(Action::Form(FormAction::Key(q))));
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('r').label(), "Ctrl-r");
        assert_eq!(alt(KeyCode::Char('1')).label(), "Alt-1");
        assert_eq!(key(KeyCode::BackTab).label(), "Shift-Tab");
        assert_eq!(BINDINGS[0].keys_label(), "a/+");
    }
}
