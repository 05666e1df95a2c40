//! Every colour and emphasis in one place. The monochrome theme (for
//! `NO_COLOR` and `--no-color`) keeps meaning with signs and bold alone.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::EntryKind;

/// The styles the views draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub dim: Style,
    pub deposit: Style,
    pub withdrawal: Style,
    pub wipe: Style,
    pub selected: Style,
    pub tab_active: Style,
    pub key: Style,
    pub error: Style,
    pub ok: Style,
    pub warn: Style,
    pub focus: Style,
    pub border: Style,
}

impl Theme {
    /// The default dark theme; uses only the 16 basic colours so it reads
    /// the same in every terminal.
    pub fn dark() -> Theme {
        Theme {
            base: Style::default(),
            title: Style::default().add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::DarkGray),
            deposit: Style::default().fg(Color::Green),
            withdrawal: Style::default().fg(Color::Red),
            wipe: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            tab_active: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::default().fg(Color::Red),
            ok: Style::default().fg(Color::Green),
            warn: Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            focus: Style::default().fg(Color::Cyan),
            border: Style::default().fg(Color::DarkGray),
        }
    }

    /// No colour at all: bold, underline and reverse only.
    pub fn monochrome() -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            base: plain,
            title: bold,
            dim: plain,
            deposit: plain,
            withdrawal: bold,
            wipe: bold.add_modifier(Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            tab_active: bold.add_modifier(Modifier::UNDERLINED),
            key: bold,
            error: bold,
            ok: plain,
            warn: bold,
            focus: bold,
            border: plain,
        }
    }

    /// `--no-color` or a non-empty `NO_COLOR` choose monochrome.
    pub fn choose(no_color_flag: bool, no_color_env: Option<&std::ffi::OsStr>) -> Theme {
        if no_color_flag || no_color_env.is_some_and(|v| !v.is_empty()) { Theme::monochrome() } else { Theme::dark() }
    }

    pub fn entry(&self, kind: EntryKind) -> Style {
        match kind {
            EntryKind::Deposit => self.deposit,
            EntryKind::Withdrawal => self.withdrawal,
            EntryKind::Wipe => self.wipe,
        }
    }

    /// Green for a gain, red for a loss.
    pub fn signed(&self, cents: crate::domain::Cents) -> Style {
        if cents.0 < 0 {
            self.withdrawal
        } else if cents.0 > 0 {
            self.deposit
        } else {
            self.base
        }
    }
}
