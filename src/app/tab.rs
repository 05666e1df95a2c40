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

/// How much time the Balance chart spans, ending with the selected week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartRange {
    Week,
    Month,
    Quarter,
    Year,
    All,
}

impl ChartRange {
    pub const ALL: [ChartRange; 5] =
        [ChartRange::Week, ChartRange::Month, ChartRange::Quarter, ChartRange::Year, ChartRange::All];

    pub fn title(self) -> &'static str {
        match self {
            ChartRange::Week => "week",
            ChartRange::Month => "month",
            ChartRange::Quarter => "quarter",
            ChartRange::Year => "year",
            ChartRange::All => "all",
        }
    }

    /// Days spanned, or `None` for everything.
    pub fn days(self) -> Option<i64> {
        match self {
            ChartRange::Week => Some(7),
            ChartRange::Month => Some(30),
            ChartRange::Quarter => Some(91),
            ChartRange::Year => Some(365),
            ChartRange::All => None,
        }
    }

    pub fn step(self, by: isize) -> ChartRange {
        let at = ChartRange::ALL.iter().position(|r| *r == self).unwrap_or(0) as isize;
        ChartRange::ALL[(at + by).clamp(0, ChartRange::ALL.len() as isize - 1) as usize]
    }
}
