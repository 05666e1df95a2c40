//! The four tabs.

/// A tab of the app, in header order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Today,
    Commitments,
    Balance,
    Repair,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Today, Tab::Commitments, Tab::Balance, Tab::Repair];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::Commitments => "Commitments",
            Tab::Balance => "Balance",
            Tab::Repair => "Repair",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn previous(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}
