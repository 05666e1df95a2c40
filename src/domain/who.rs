//! Who made a deposit or withdrawal.

use serde::{Deserialize, Serialize};

/// `Me` (the default: the app helps each partner own their own behaviour)
/// or `Partner`. Their display names live in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Who {
    #[default]
    Me,
    Partner,
}

impl Who {
    pub fn other(self) -> Who {
        match self {
            Who::Me => Who::Partner,
            Who::Partner => Who::Me,
        }
    }

    /// Parses `me` or `partner` (any case), as typed on the command line.
    pub fn parse(text: &str) -> Option<Who> {
        match text.trim().to_ascii_lowercase().as_str() {
            "me" => Some(Who::Me),
            "partner" => Some(Who::Partner),
            _ => None,
        }
    }
}
