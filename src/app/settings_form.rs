//! The settings overlay, and its short first-run version: the welcome.

use chrono::Weekday;
use crossterm::event::{KeyCode, KeyEvent};

use super::commitment_form::CommitmentForm;
use super::form::cycle;
use super::text_field::TextField;
use crate::domain::settings::{COMMITMENT_KEPT, COMMITMENT_MISSED, Preset, Settings, TURNED_AWAY, TURNED_TOWARD};
use crate::domain::{AmountInput, People, Person, parse_amount};

/// The themes a person can choose.
pub const THEMES: [&str; 3] = ["dark", "light", "high-contrast"];

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    /// Who is at the keyboard on this computer (a shared one switches).
    Keyboard,
    Me,
    Partner,
    WeekStart,
    /// The hour the journal day ends (after midnight).
    DayEnds,
    Example,
    Currency,
    DepositPresets,
    WithdrawalPresets,
    DepositCategories,
    WithdrawalCategories,
    DefaultDeposit,
    DefaultWithdrawal,
    Kept,
    Missed,
    Theme,
}

impl SettingsField {
    pub fn label(self) -> &'static str {
        match self {
            SettingsField::Keyboard => "At the keyboard",
            SettingsField::Me => "Your name",
            SettingsField::Partner => "Partner's name",
            SettingsField::WeekStart => "Weeks start on",
            SettingsField::DayEnds => "The day ends at",
            SettingsField::Example => "Start with an example commitment",
            SettingsField::Currency => "Currency symbol",
            SettingsField::DepositPresets => "Deposit sizes",
            SettingsField::WithdrawalPresets => "Withdrawal sizes",
            SettingsField::DepositCategories => "Deposit categories",
            SettingsField::WithdrawalCategories => "Withdrawal categories",
            SettingsField::DefaultDeposit => "Deposits start as",
            SettingsField::DefaultWithdrawal => "Withdrawals start as",
            SettingsField::Kept => "Commitment kept",
            SettingsField::Missed => "Commitment missed",
            SettingsField::Theme => "Theme",
        }
    }

    fn is_picker(self) -> bool {
        matches!(
            self,
            SettingsField::Keyboard
                | SettingsField::WeekStart
                | SettingsField::Example
                | SettingsField::Theme
                | SettingsField::DefaultDeposit
                | SettingsField::DefaultWithdrawal
        )
    }
}

const WELCOME: &[SettingsField] =
    &[SettingsField::Me, SettingsField::Partner, SettingsField::WeekStart, SettingsField::Example];
const ALL: &[SettingsField] = &[
    SettingsField::Keyboard,
    SettingsField::Me,
    SettingsField::Partner,
    SettingsField::WeekStart,
    SettingsField::DayEnds,
    SettingsField::Currency,
    SettingsField::DepositPresets,
    SettingsField::WithdrawalPresets,
    SettingsField::DepositCategories,
    SettingsField::WithdrawalCategories,
    SettingsField::DefaultDeposit,
    SettingsField::DefaultWithdrawal,
    SettingsField::Kept,
    SettingsField::Missed,
    SettingsField::Theme,
];

/// The settings being edited (or chosen on the welcome screen).
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsForm {
    pub welcome: bool,
    pub base: Settings,
    /// The names as they were, and whose name `me` is.
    pub people: People,
    pub person: Person,
    pub me: TextField,
    pub partner: TextField,
    pub week_start: Weekday,
    pub day_ends: TextField,
    pub example: bool,
    pub currency: TextField,
    pub deposit_presets: TextField,
    pub withdrawal_presets: TextField,
    pub deposit_categories: TextField,
    pub withdrawal_categories: TextField,
    /// The categories new entries start on, picked among those typed.
    pub default_deposit: String,
    pub default_withdrawal: String,
    pub kept: TextField,
    pub missed: TextField,
    pub theme: usize,
    pub focus: SettingsField,
}

fn presets_text(presets: &[Preset]) -> String {
    presets
        .iter()
        .map(|p| {
            let amount = p.cents.typed();
            // A name that is its amount ("$1") is said once.
            let named_by_amount = matches!(parse_amount(&p.name), Ok(AmountInput::Cents(c)) if c == p.cents);
            if named_by_amount { p.name.clone() } else { format!("{} {amount}", p.name) }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "penny 1c, nickel 5c" or "$1, $5": a name (optional) and an amount each.
pub fn parse_presets(text: &str) -> Result<Vec<Preset>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, amount) = match part.rsplit_once(' ') {
            Some((name, amount)) => (name.trim().to_string(), amount),
            None => (part.to_string(), part),
        };
        match parse_amount(amount) {
            Ok(AmountInput::Cents(cents)) => out.push(Preset { name, cents }),
            _ => return Err(format!("\"{part}\" needs an amount, like \"dime 10c\"")),
        }
    }
    match out.len() {
        0 => Err("give at least one size, like \"dime 10c\"".into()),
        1..=4 => Ok(out),
        _ => Err("at most four sizes (Alt-1 to Alt-4)".into()),
    }
}

/// The hour a journal day ends: a time from midnight to noon, as late
/// entries belong to the evening before until then.
pub fn day_end(text: &str) -> Result<chrono::NaiveTime, String> {
    let time = crate::domain::parse_time(text).map_err(|e| e.to_string())?;
    if time > chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default() {
        return Err("a time from 00:00 to 12:00: the night after the evening".into());
    }
    Ok(time)
}

/// A list of categories, one per line (or separated by commas, as older
/// drafts and a pasted line have them), in the order written.
pub fn parse_categories(text: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.split(['\n', ',']).map(str::trim).filter(|c| !c.is_empty()) {
        if out.iter().any(|o| o.eq_ignore_ascii_case(c)) {
            return Err(format!("\"{c}\" is listed twice"));
        }
        out.push(c.to_string());
    }
    if out.is_empty() { Err("keep at least one category".into()) } else { Ok(out) }
}

impl SettingsForm {
    /// The form for `settings` and the names of `people`, `person` at the
    /// keyboard.
    pub fn new(settings: &Settings, people: &People, person: Person, welcome: bool) -> SettingsForm {
        let default = People::default();
        let name = |p: Person| {
            let name = people.name(p);
            if welcome && name == default.name(p) { "" } else { name }
        };
        let (me, partner) = (name(person), name(person.other()));
        SettingsForm {
            welcome,
            base: settings.clone(),
            people: people.clone(),
            person,
            me: TextField::line(me),
            partner: TextField::line(partner),
            week_start: settings.week_starts_on,
            day_ends: TextField::line(&settings.day_ends_at.format("%H:%M").to_string()),
            example: true,
            currency: TextField::line(&settings.currency),
            deposit_presets: TextField::line(&presets_text(&settings.deposit_presets)),
            withdrawal_presets: TextField::line(&presets_text(&settings.withdrawal_presets)),
            deposit_categories: TextField::multiline(&settings.deposit_categories.join("\n")),
            withdrawal_categories: TextField::multiline(&settings.withdrawal_categories.join("\n")),
            default_deposit: settings.default_category(false),
            default_withdrawal: settings.default_category(true),
            kept: TextField::line(&settings.commitment_kept.typed()),
            missed: TextField::line(&settings.commitment_missed.typed()),
            theme: THEMES.iter().position(|t| *t == settings.theme).unwrap_or(0),
            focus: if welcome { SettingsField::Me } else { SettingsField::Keyboard },
        }
    }

    pub fn fields(&self) -> &'static [SettingsField] {
        if self.welcome { WELCOME } else { ALL }
    }

    pub fn text(&self, field: SettingsField) -> Option<&TextField> {
        match field {
            SettingsField::Me => Some(&self.me),
            SettingsField::Partner => Some(&self.partner),
            SettingsField::Currency => Some(&self.currency),
            SettingsField::DayEnds => Some(&self.day_ends),
            SettingsField::DepositPresets => Some(&self.deposit_presets),
            SettingsField::WithdrawalPresets => Some(&self.withdrawal_presets),
            SettingsField::DepositCategories => Some(&self.deposit_categories),
            SettingsField::WithdrawalCategories => Some(&self.withdrawal_categories),
            SettingsField::Kept => Some(&self.kept),
            SettingsField::Missed => Some(&self.missed),
            _ => None,
        }
    }

    /// Whether the focus is in a list of categories, one per line, where
    /// Enter starts a new one.
    pub fn in_note(&self) -> bool {
        matches!(self.focus, SettingsField::DepositCategories | SettingsField::WithdrawalCategories)
    }

    /// The text field that has the focus, if the focus is on one.
    pub fn focused_text(&mut self) -> Option<&mut TextField> {
        self.text_mut(self.focus)
    }

    fn text_mut(&mut self, field: SettingsField) -> Option<&mut TextField> {
        match field {
            SettingsField::Me => Some(&mut self.me),
            SettingsField::Partner => Some(&mut self.partner),
            SettingsField::Currency => Some(&mut self.currency),
            SettingsField::DayEnds => Some(&mut self.day_ends),
            SettingsField::DepositPresets => Some(&mut self.deposit_presets),
            SettingsField::WithdrawalPresets => Some(&mut self.withdrawal_presets),
            SettingsField::DepositCategories => Some(&mut self.deposit_categories),
            SettingsField::WithdrawalCategories => Some(&mut self.withdrawal_categories),
            SettingsField::Kept => Some(&mut self.kept),
            SettingsField::Missed => Some(&mut self.missed),
            _ => None,
        }
    }

    /// The value shown for a picker.
    pub fn picker(&self, field: SettingsField) -> String {
        match field {
            SettingsField::Keyboard => {
                let typed = self.me.text();
                let name = if typed.trim().is_empty() { self.people.name(self.person).to_string() } else { typed };
                format!("{} (space switches to {})", name.trim(), self.partner.text().trim())
            }
            SettingsField::WeekStart => self.week_start.to_string(),
            SettingsField::Example => {
                if self.example {
                    "yes: \"Say one thing I appreciate\", every day".into()
                } else {
                    "no".into()
                }
            }
            SettingsField::Theme => THEMES[self.theme.min(THEMES.len() - 1)].into(),
            SettingsField::DefaultDeposit => self.chosen_default(false),
            SettingsField::DefaultWithdrawal => self.chosen_default(true),
            _ => String::new(),
        }
    }

    pub fn move_focus(&mut self, step: isize) {
        self.focus = cycle(self.fields(), &self.focus, step);
        let focus = self.focus;
        // A list keeps its items when typed into: the cursor waits at its
        // end instead of selecting it all.
        if let Some(field) = self.text_mut(focus).filter(|f| !f.multiline) {
            field.focus();
        }
    }

    pub fn key(&mut self, event: KeyEvent) {
        let focus = self.focus;
        if focus.is_picker() {
            let step: isize = match event.code {
                KeyCode::Left | KeyCode::Up => -1,
                KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => 1,
                _ => return,
            };
            match focus {
                // The other person sits down: "your name" is now theirs.
                SettingsField::Keyboard => {
                    self.person = self.person.other();
                    std::mem::swap(&mut self.me, &mut self.partner);
                }
                SettingsField::WeekStart => self.week_start = cycle(&WEEK, &self.week_start, step),
                SettingsField::Example => self.example = !self.example,
                SettingsField::Theme => {
                    self.theme = (self.theme as isize + step).rem_euclid(THEMES.len() as isize) as usize
                }
                SettingsField::DefaultDeposit | SettingsField::DefaultWithdrawal => {
                    let withdrawal = focus == SettingsField::DefaultWithdrawal;
                    let list = self.typed_categories(withdrawal);
                    if !list.is_empty() {
                        let next = cycle(&list, &self.chosen_default(withdrawal), step);
                        *(if withdrawal { &mut self.default_withdrawal } else { &mut self.default_deposit }) = next;
                    }
                }
                _ => {}
            }
        } else {
            // Alt-↑/↓ moves a category up or down its list.
            let moves = self.in_note() && event.modifiers.contains(crossterm::event::KeyModifiers::ALT);
            let Some(field) = self.text_mut(focus) else { return };
            match event.code {
                KeyCode::Up | KeyCode::Down if moves => field.move_line(event.code == KeyCode::Up),
                _ => field.key(event),
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        let focus = self.focus;
        if let Some(field) = self.text_mut(focus) {
            field.paste(text);
        }
    }

    /// The categories typed for a kind, as they would be saved (none while
    /// the list is wrong).
    fn typed_categories(&self, withdrawal: bool) -> Vec<String> {
        let field = if withdrawal { &self.withdrawal_categories } else { &self.deposit_categories };
        parse_categories(&field.text()).unwrap_or_default()
    }

    /// The category new entries of a kind start on: the one picked while it
    /// is still typed, else the first of the list not kept for outcomes.
    fn chosen_default(&self, withdrawal: bool) -> String {
        let picked = if withdrawal { &self.default_withdrawal } else { &self.default_deposit };
        let probe = Settings {
            deposit_categories: self.typed_categories(false),
            withdrawal_categories: self.typed_categories(true),
            default_deposit_category: picked.clone(),
            default_withdrawal_category: picked.clone(),
            ..Settings::default()
        };
        probe.default_category(withdrawal)
    }

    /// The categories a list must keep, as figures depend on them: each
    /// that the journal's list has now.
    fn kept_categories(&self, withdrawal: bool) -> Result<(), String> {
        let reserved: &[(&str, &str)] = if withdrawal {
            &[(COMMITMENT_MISSED, "missed commitments' withdrawals"), (TURNED_AWAY, "the turn-toward rate")]
        } else {
            &[(COMMITMENT_KEPT, "kept commitments' deposits"), (TURNED_TOWARD, "the turn-toward rate")]
        };
        let typed = self.typed_categories(withdrawal);
        for (name, use_) in reserved {
            if self.base.categories(withdrawal).iter().any(|c| c == name) && !typed.iter().any(|c| c == name) {
                return Err(format!("\"{name}\" stays: {use_} are counted by it"));
            }
        }
        Ok(())
    }

    /// What is wrong with a field, if anything.
    pub fn check(&self, field: SettingsField) -> Result<(), String> {
        // On the welcome an empty name keeps the default ("Me", "Partner").
        let name = |f: &TextField| {
            let t = f.text();
            if t.trim().is_empty() && !self.welcome {
                Err("a name, or a word you like".to_string())
            } else if t.chars().count() > 24 {
                Err("24 letters at most".into())
            } else {
                Ok(())
            }
        };
        match field {
            SettingsField::Me => name(&self.me),
            SettingsField::Partner => name(&self.partner),
            SettingsField::Currency if self.currency.text().trim().is_empty() => Err("a symbol, like $ or €".into()),
            SettingsField::DepositPresets => parse_presets(&self.deposit_presets.text()).map(|_| ()),
            SettingsField::WithdrawalPresets => parse_presets(&self.withdrawal_presets.text()).map(|_| ()),
            SettingsField::DepositCategories => {
                parse_categories(&self.deposit_categories.text()).and_then(|_| self.kept_categories(false))
            }
            SettingsField::WithdrawalCategories => {
                parse_categories(&self.withdrawal_categories.text()).and_then(|_| self.kept_categories(true))
            }
            SettingsField::DayEnds => day_end(&self.day_ends.text()).map(|_| ()),
            SettingsField::Kept => CommitmentForm::amount(&self.kept).map(|_| ()),
            SettingsField::Missed => CommitmentForm::amount(&self.missed).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// The settings and names the form describes, or the first field that
    /// is wrong.
    pub fn build(&self) -> Result<(Settings, People), SettingsField> {
        if let Some(bad) = self.fields().iter().copied().find(|f| self.check(*f).is_err()) {
            return Err(bad);
        }
        let mut s = self.base.clone();
        let or =
            |typed: String, old: &str| if typed.trim().is_empty() { old.to_string() } else { typed.trim().to_string() };
        let mut people = self.people.clone();
        let (me, partner) = (self.person, self.person.other());
        people.get_mut(me).name = or(self.me.text(), self.people.name(me));
        people.get_mut(partner).name = or(self.partner.text(), self.people.name(partner));
        s.week_starts_on = self.week_start;
        if !self.welcome {
            s.currency = self.currency.text().trim().to_string();
            s.deposit_presets =
                parse_presets(&self.deposit_presets.text()).map_err(|_| SettingsField::DepositPresets)?;
            s.withdrawal_presets =
                parse_presets(&self.withdrawal_presets.text()).map_err(|_| SettingsField::WithdrawalPresets)?;
            s.deposit_categories =
                parse_categories(&self.deposit_categories.text()).map_err(|_| SettingsField::DepositCategories)?;
            s.withdrawal_categories = parse_categories(&self.withdrawal_categories.text())
                .map_err(|_| SettingsField::WithdrawalCategories)?;
            s.commitment_kept = CommitmentForm::amount(&self.kept).map_err(|_| SettingsField::Kept)?;
            s.commitment_missed = CommitmentForm::amount(&self.missed).map_err(|_| SettingsField::Missed)?;
            s.theme = THEMES[self.theme.min(THEMES.len() - 1)].to_string();
            s.day_ends_at = day_end(&self.day_ends.text()).map_err(|_| SettingsField::DayEnds)?;
            // Left as they were, they stay as the file had them.
            let (deposit, withdrawal) = (self.chosen_default(false), self.chosen_default(true));
            if deposit != self.base.default_category(false) {
                s.default_deposit_category = deposit;
            }
            if withdrawal != self.base.default_category(true) {
                s.default_withdrawal_category = withdrawal;
            }
            // Keep the default sizes among the presets' amounts or the first.
            if !s.deposit_presets.iter().any(|p| p.cents == s.default_deposit) {
                s.default_deposit = s.deposit_presets[0].cents;
            }
            if !s.withdrawal_presets.iter().any(|p| p.cents == s.default_withdrawal) {
                s.default_withdrawal = s.withdrawal_presets[0].cents;
            }
        }
        Ok((s, people))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_categories_read_back() {
        let s = Settings::default();
        assert_eq!(parse_presets(&presets_text(&s.deposit_presets)).unwrap(), s.deposit_presets);
        assert_eq!(parse_presets(&presets_text(&s.withdrawal_presets)).unwrap(), s.withdrawal_presets);
        assert_eq!(parse_categories(&s.deposit_categories.join(", ")).unwrap(), s.deposit_categories);
        assert_eq!(parse_categories(&s.deposit_categories.join("\n")).unwrap(), s.deposit_categories);
        assert!(parse_presets("dime").is_err());
        assert!(parse_presets("a 1c, b 2c, c 3c, d 4c, e 5c").is_err());
        assert!(parse_categories("a, A").is_err());
        assert!(parse_categories(" , ").is_err());
    }

    #[test]
    fn switching_who_is_at_the_keyboard_keeps_each_name_with_its_person() {
        let s = Settings::default();
        let people = People::new("Sam", "Alex");
        let mut form = SettingsForm::new(&s, &people, Person::A, false);
        form.key(KeyEvent::from(KeyCode::Char(' ')));
        assert_eq!(form.person, Person::B);
        assert_eq!(form.me.text(), "Alex");
        assert!(form.picker(SettingsField::Keyboard).starts_with("Alex"));
        assert_eq!(form.build().unwrap(), (s, people));
    }

    #[test]
    fn an_untouched_form_gives_back_the_same_settings() {
        let s = Settings::default();
        let people = People::new("Sam", "Alex");
        assert_eq!(SettingsForm::new(&s, &people, Person::B, false).build().unwrap(), (s, people));
    }
}
