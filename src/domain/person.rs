//! The journal's two people, and the stamp every record carries: when it
//! was last written and by whom, which is what a merge compares.

use serde::{Deserialize, Serialize};

/// One of the journal's two people. Fixed slots, not names: a name can
/// change, the slot a record points to never does. A version 1 file said
/// `Me` and `Partner`; they read as `A` and `B`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub enum Person {
    #[default]
    #[serde(alias = "Me")]
    A,
    #[serde(alias = "Partner")]
    B,
}

impl Person {
    pub const BOTH: [Person; 2] = [Person::A, Person::B];

    /// `B`, for serde's defaults.
    pub fn b() -> Person {
        Person::B
    }

    pub fn other(self) -> Person {
        match self {
            Person::A => Person::B,
            Person::B => Person::A,
        }
    }

    /// Where the person sits in [`People`]' list.
    pub fn index(self) -> usize {
        match self {
            Person::A => 0,
            Person::B => 1,
        }
    }
}

/// A person of the journal: the slot and the name shown for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: Person,
    pub name: String,
    /// When the name was last set (milliseconds since the Unix epoch).
    #[serde(default)]
    pub updated: u64,
}

/// The two people, `A` first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Named>", into = "Vec<Named>")]
pub struct People(pub [Named; 2]);

impl People {
    pub fn new(a: &str, b: &str) -> People {
        People([
            Named { id: Person::A, name: a.to_string(), updated: 0 },
            Named { id: Person::B, name: b.to_string(), updated: 0 },
        ])
    }

    pub fn name(&self, person: Person) -> &str {
        &self.0[person.index()].name
    }

    /// Whether the names are still the defaults ("Me", "Partner"): a
    /// journal of one person, or one nobody has named.
    pub fn unnamed(&self) -> bool {
        let default = People::default();
        Person::BOTH.into_iter().all(|p| self.name(p) == default.name(p))
    }

    pub fn get(&self, person: Person) -> &Named {
        &self.0[person.index()]
    }

    pub fn get_mut(&mut self, person: Person) -> &mut Named {
        &mut self.0[person.index()]
    }

    /// The person `text` names, as typed on a command line: `me` (the
    /// person at the keyboard), `partner` (the other), or a name.
    pub fn parse(&self, text: &str, me: Person) -> Option<Person> {
        match text.trim().to_ascii_lowercase().as_str() {
            "me" => Some(me),
            "partner" => Some(me.other()),
            _ => self.find(text),
        }
    }

    /// The person whose name is `text` (any case), or who is `A`/`B`.
    pub fn find(&self, text: &str) -> Option<Person> {
        let text = text.trim();
        Person::BOTH.into_iter().find(|p| self.name(*p).eq_ignore_ascii_case(text)).or(match text {
            "A" | "a" => Some(Person::A),
            "B" | "b" => Some(Person::B),
            _ => None,
        })
    }
}

impl Default for People {
    fn default() -> People {
        People::new("Me", "Partner")
    }
}

impl TryFrom<Vec<Named>> for People {
    type Error = String;

    fn try_from(list: Vec<Named>) -> Result<People, String> {
        let mut people = People::default();
        let mut seen = [false; 2];
        for named in list {
            let i = named.id.index();
            if std::mem::replace(&mut seen[i], true) {
                return Err(format!("the person {:?} is named twice", named.id));
            }
            people.0[i] = named;
        }
        Ok(people)
    }
}

impl From<People> for Vec<Named> {
    fn from(people: People) -> Vec<Named> {
        people.0.into()
    }
}

/// When a change was made (milliseconds since the Unix epoch) and by whom.
/// Ordered by time, then person: the order in which a merge lets the later
/// of two versions win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Stamp {
    pub at: u64,
    pub by: Person,
}

impl Stamp {
    pub fn new(at: u64, by: Person) -> Stamp {
        Stamp { at, by }
    }
}
