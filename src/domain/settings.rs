//! The journal's settings, with defaults shipped in `assets/`.

use std::sync::OnceLock;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::{Amount, Stamp};

const DEFAULT_SETTINGS: &str = include_str!("../../assets/default_settings.ron");

/// The category an outcome's deposit is filed under.
pub const COMMITMENT_KEPT: &str = "commitment kept";
/// The category an outcome's withdrawal is filed under.
pub const COMMITMENT_MISSED: &str = "commitment missed";
/// Deposits in this category count toward the turn-toward rate.
pub const TURNED_TOWARD: &str = "turned toward a bid";
/// A withdrawal in this category (or a wipe) offers to open a repair.
pub const BETRAYAL: &str = "betrayal";
/// Withdrawals in this category count against the turn-toward rate.
pub const TURNED_AWAY: &str = "turned away";

/// The two display names, as version 1 kept them in the settings (they
/// are the journal's `people` now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub me: String,
    pub partner: String,
}

/// A named amount offered with one key in the entry form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    pub name: String,
    pub cents: Amount,
}

/// Everything a couple may tune. Fields missing from a file take the
/// shipped default, so older files keep loading as settings grow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Read from a version 1 file only, to name its people.
    #[serde(rename = "names", skip_serializing, deserialize_with = "some_names")]
    pub legacy_names: Option<Names>,
    pub week_starts_on: Weekday,
    /// The journal day ends at this local time (after midnight), so a late
    /// entry still belongs to the evening before.
    pub day_ends_at: NaiveTime,
    pub currency: String,
    pub deposit_presets: Vec<Preset>,
    pub default_deposit: Amount,
    pub withdrawal_presets: Vec<Preset>,
    pub default_withdrawal: Amount,
    pub deposit_categories: Vec<String>,
    pub withdrawal_categories: Vec<String>,
    /// What a new deposit is filed under (see [`Settings::default_category`]).
    pub default_deposit_category: String,
    /// What a new withdrawal is filed under.
    pub default_withdrawal_category: String,
    pub commitment_kept: Amount,
    pub commitment_missed: Amount,
    pub theme: String,
    /// When each field was last set and by whom (a field never set has
    /// none), so that two copies merge field by field.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub updated: BTreeMap<String, Stamp>,
}

impl Default for Settings {
    fn default() -> Settings {
        static DEFAULTS: OnceLock<Settings> = OnceLock::new();
        DEFAULTS
            .get_or_init(|| {
                // The asset is part of the binary and checked by a unit test,
                // so a parse failure here is a build defect, not user data.
                ron::from_str::<ShippedSettings>(DEFAULT_SETTINGS).expect("assets/default_settings.ron is valid").0
            })
            .clone()
    }
}

/// The shipped file, parsed without `#[serde(default)]` so that every field
/// must be present in the asset (and `Default` cannot recurse into itself).
struct ShippedSettings(Settings);

impl<'de> Deserialize<'de> for ShippedSettings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Strict {
            week_starts_on: Weekday,
            day_ends_at: NaiveTime,
            currency: String,
            deposit_presets: Vec<Preset>,
            default_deposit: Amount,
            withdrawal_presets: Vec<Preset>,
            default_withdrawal: Amount,
            deposit_categories: Vec<String>,
            withdrawal_categories: Vec<String>,
            default_deposit_category: String,
            default_withdrawal_category: String,
            commitment_kept: Amount,
            commitment_missed: Amount,
            theme: String,
        }
        let s = Strict::deserialize(d)?;
        Ok(ShippedSettings(Settings {
            legacy_names: None,
            week_starts_on: s.week_starts_on,
            day_ends_at: s.day_ends_at,
            currency: s.currency,
            deposit_presets: s.deposit_presets,
            default_deposit: s.default_deposit,
            withdrawal_presets: s.withdrawal_presets,
            default_withdrawal: s.default_withdrawal,
            deposit_categories: s.deposit_categories,
            withdrawal_categories: s.withdrawal_categories,
            default_deposit_category: s.default_deposit_category,
            default_withdrawal_category: s.default_withdrawal_category,
            commitment_kept: s.commitment_kept,
            commitment_missed: s.commitment_missed,
            theme: s.theme,
            updated: BTreeMap::new(),
        }))
    }
}

/// Version 1 wrote the names bare, not as an option.
fn some_names<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Names>, D::Error> {
    Names::deserialize(d).map(Some)
}

impl Settings {
    /// The category a new entry starts with: the one the settings name for
    /// its kind while it is among the categories, else the first of its
    /// kind that is not reserved for commitments' outcomes.
    pub fn default_category(&self, withdrawal: bool) -> String {
        let list = self.categories(withdrawal);
        let chosen = if withdrawal { &self.default_withdrawal_category } else { &self.default_deposit_category };
        list.iter()
            .find(|c| *c == chosen)
            .or_else(|| list.iter().find(|c| c.as_str() != COMMITMENT_KEPT && c.as_str() != COMMITMENT_MISSED))
            .or(list.first())
            .cloned()
            .unwrap_or_else(|| "other".to_string())
    }

    /// The categories offered for a kind of entry.
    pub fn categories(&self, withdrawal: bool) -> &[String] {
        if withdrawal { &self.withdrawal_categories } else { &self.deposit_categories }
    }

    /// Each field but `updated`, by its name in the file, as JSON: what a
    /// change is stamped by and a merge settles, field by field (see
    /// [`super::stamp`] and [`super::merge`]). The settings are plain data,
    /// so they always serialize to an object; anything else would give no
    /// fields.
    pub fn fields(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.remove("updated");
                map
            }
            _ => serde_json::Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_match_spec_section_3() {
        let s = Settings::default();
        let deposits: Vec<u64> = s.deposit_presets.iter().map(|p| p.cents.cents()).collect();
        assert_eq!(deposits, [1, 5, 10, 25]);
        let withdrawals: Vec<u64> = s.withdrawal_presets.iter().map(|p| p.cents.cents()).collect();
        assert_eq!(withdrawals, [100, 500, 2000]);
        assert_eq!(s.default_deposit, Amount(10));
        assert_eq!(s.default_withdrawal, Amount(100));
        assert_eq!(s.commitment_kept, Amount(10));
        assert_eq!(s.commitment_missed, Amount(100));
        assert_eq!(s.week_starts_on, Weekday::Mon);
        assert_eq!(s.day_ends_at, NaiveTime::from_hms_opt(4, 0, 0).unwrap());
        assert_eq!(s.deposit_categories.len(), 7);
        assert!(s.deposit_categories.iter().any(|c| c == COMMITMENT_KEPT));
        assert!(s.deposit_categories.iter().any(|c| c == TURNED_TOWARD));
        assert!(s.withdrawal_categories.iter().any(|c| c == COMMITMENT_MISSED));
        assert!(s.withdrawal_categories.iter().any(|c| c == TURNED_AWAY));
        assert!(s.withdrawal_categories.iter().any(|c| c == BETRAYAL));
    }

    #[test]
    fn new_entries_do_not_start_in_a_commitment_category() {
        let s = Settings::default();
        assert_eq!(s.default_category(false), "positive interaction");
        assert_eq!(s.default_category(true), "let down");
    }

    #[test]
    fn the_default_category_is_the_chosen_one_while_it_exists() {
        let mut s = Settings { default_withdrawal_category: "harsh word".into(), ..Settings::default() };
        assert_eq!(s.default_category(true), "harsh word");
        // Renamed away: the first one not kept for outcomes.
        s.default_withdrawal_category = "gone".into();
        assert_eq!(s.default_category(true), "secret or hidden");
    }

    #[test]
    fn fields_are_named_as_in_the_file_without_their_stamps() {
        let mut s = Settings::default();
        s.updated.insert("currency".into(), Stamp::new(5, crate::domain::Person::B));
        let fields = s.fields();
        assert_eq!(fields.get("currency"), Some(&serde_json::Value::String("$".into())));
        assert!(fields.contains_key("week_starts_on") && fields.contains_key("theme"));
        assert!(!fields.contains_key("updated") && !fields.contains_key("names"), "{fields:?}");
    }

    #[test]
    fn missing_fields_take_the_defaults() {
        let s: Settings = ron::from_str("(names: (me: \"Ana\", partner: \"Ben\"))").unwrap();
        assert_eq!(s.legacy_names.map(|n| n.me).as_deref(), Some("Ana"));
        assert_eq!(s.deposit_categories, Settings::default().deposit_categories);
    }
}
