//! Undo and redo: stacks of inverse changes.

use crate::domain::Change;

/// How many changes can be undone.
pub const DEPTH: usize = 500;

/// A change to undo or redo, and what to call it in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub change: Change,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records how to undo a change just made; a new change ends the redo
    /// trail.
    pub fn record(&mut self, inverse: Change, label: String) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(Step { change: inverse, label });
        self.redo.clear();
    }

    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    pub fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
    }

    pub fn push_redo(&mut self, step: Step) {
        self.redo.push(step);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}
