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

    /// For light terminal backgrounds: darker hues, no grey text.
    pub fn light() -> Theme {
        Theme {
            dim: Style::default().fg(Color::Black).add_modifier(Modifier::DIM),
            deposit: Style::default().fg(Color::Green).add_modifier(Modifier::BOLD),
            withdrawal: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            tab_active: Style::default().fg(Color::Blue).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::default().fg(Color::Blue).add_modifier(Modifier::BOLD),
            focus: Style::default().fg(Color::Blue),
            warn: Style::default().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::Black),
            ..Theme::dark()
        }
    }

    /// Bright colours and bold everywhere, for low vision or glare.
    pub fn high_contrast() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Theme {
            base: bold.fg(Color::White),
            title: bold.fg(Color::White),
            dim: Style::default().fg(Color::White),
            deposit: bold.fg(Color::LightGreen),
            withdrawal: bold.fg(Color::LightRed),
            wipe: bold.fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
            selected: bold.fg(Color::Black).bg(Color::Yellow),
            tab_active: bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            key: bold.fg(Color::Yellow),
            error: bold.fg(Color::LightRed),
            ok: bold.fg(Color::LightGreen),
            warn: bold.fg(Color::Yellow),
            focus: bold.fg(Color::LightCyan),
            border: Style::default().fg(Color::White),
        }
    }

    /// The theme named in the settings (`dark`, `light`, `high-contrast`),
    /// or monochrome when colour is turned off.
    pub fn named(name: &str, no_color: bool) -> Theme {
        match name {
            _ if no_color => Theme::monochrome(),
            "light" => Theme::light(),
            "high-contrast" => Theme::high_contrast(),
            _ => Theme::dark(),
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

    /// Whether colour is off: `--no-color`, or `NO_COLOR` set and not empty.
    pub fn no_color(flag: bool, env: Option<&std::ffi::OsStr>) -> bool {
        flag || env.is_some_and(|v| !v.is_empty())
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
