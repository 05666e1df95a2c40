//! Who is at the keyboard: `--as NAME` for one run, `TRUSTBANK_AS` for a
//! shell, or what this computer remembers of the journal (its device
//! folder, see [`crate::storage::device`]). The app asks when none says;
//! the commands write as the first person, as a one-person journal did.

use std::ffi::OsString;
use std::path::Path;

use crate::domain::{Journal, People, Person};
use crate::storage::device::Device;

/// The environment variable that names the person at the keyboard.
pub const AS_ENV: &str = "TRUSTBANK_AS";

/// A name given on the command line or in the environment, not yet
/// looked up in a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub text: String,
    /// Where it came from, for the error sentence: `--as` or `TRUSTBANK_AS`.
    pub from: &'static str,
}

/// The name this run was given: `--as` wins over `TRUSTBANK_AS`; an empty
/// variable is as if it were not set.
pub fn named(flag: Option<&str>, env: Option<OsString>) -> Option<Named> {
    if let Some(text) = flag {
        return Some(Named { text: text.to_string(), from: "--as" });
    }
    let text = env?.to_string_lossy().trim().to_string();
    (!text.is_empty()).then_some(Named { text, from: AS_ENV })
}

/// How the person at the keyboard was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--as` or `TRUSTBANK_AS`: for this run only, never remembered.
    ThisRun,
    /// This computer's device folder remembers it.
    Device,
    /// Nothing said: the first person, until someone chooses.
    Unknown,
}

/// The person at the keyboard and how that was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtKeyboard {
    pub person: Person,
    pub source: Source,
}

/// The person `named` names in `people`, or the sentence that says the
/// name is nobody's.
pub fn find(people: &People, named: &Named) -> Result<Person, String> {
    people.find(&named.text).ok_or_else(|| {
        format!(
            "{} \"{}\" is not one of this journal's two people: use {} or {} (or A or B)",
            named.from,
            named.text,
            people.name(Person::A),
            people.name(Person::B)
        )
    })
}

/// Decides who is at the keyboard of `journal`: the name given, else the
/// device folder under `device_base`, else nobody yet (the first person).
/// A device folder that cannot be read is as if it had not said.
pub fn resolve(journal: &Journal, named: Option<&Named>, device_base: Option<&Path>) -> Result<AtKeyboard, String> {
    if let Some(named) = named {
        return Ok(AtKeyboard { person: find(&journal.people, named)?, source: Source::ThisRun });
    }
    let remembered = device_base.and_then(|base| Device::new(base, &journal.id).person().ok().flatten());
    Ok(match remembered {
        Some(person) => AtKeyboard { person, source: Source::Device },
        None => AtKeyboard { person: Person::A, source: Source::Unknown },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;

    fn journal() -> Journal {
        Journal { id: Id::from("J1"), people: People::new("Sam", "Alex"), ..Journal::default() }
    }

    #[test]
    fn the_flag_wins_and_an_empty_variable_is_unset() {
        let env = Some(OsString::from("Alex"));
        assert_eq!(named(Some("Sam"), env.clone()).map(|n| (n.text, n.from)), Some(("Sam".into(), "--as")));
        assert_eq!(named(None, env).map(|n| (n.text, n.from)), Some(("Alex".into(), AS_ENV)));
        assert_eq!(named(None, Some(OsString::from(" "))), None);
        assert_eq!(named(None, None), None);
    }

    #[test]
    fn names_any_case_or_a_slot_and_an_unknown_name_lists_both() {
        let j = journal();
        let as_ = |text: &str| resolve(&j, Some(&Named { text: text.into(), from: "--as" }), None);
        assert_eq!(as_("alex"), Ok(AtKeyboard { person: Person::B, source: Source::ThisRun }));
        assert_eq!(as_("A").map(|k| k.person), Ok(Person::A));
        let err = as_("Kim").unwrap_err();
        assert!(err.contains("\"Kim\"") && err.contains("Sam") && err.contains("Alex"), "{err}");
    }

    #[test]
    fn the_device_remembers_and_otherwise_nobody_said() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal();
        assert_eq!(resolve(&j, None, Some(dir.path())).unwrap().source, Source::Unknown);
        Device::new(dir.path(), &j.id).set_person(Person::B).unwrap();
        assert_eq!(resolve(&j, None, Some(dir.path())), Ok(AtKeyboard { person: Person::B, source: Source::Device }));
        // A name given for this run wins over the device.
        let named = Named { text: "sam".into(), from: AS_ENV };
        assert_eq!(resolve(&j, Some(&named), Some(dir.path())).map(|k| k.person), Ok(Person::A));
    }
}
