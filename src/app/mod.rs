//! The app layer: state, the closed set of actions, `update` (the only
//! place state changes) and the keymap. No drawing, no I/O.

mod action;
mod check;
pub mod check_in_form;
mod commit;
pub mod commitment_form;
pub mod derived;
pub mod draft;
pub mod form;
pub mod history;
mod integrity;
pub mod keymap;
pub mod notice;
pub mod offer;
pub mod outside;
pub mod repair_form;
pub mod settings_form;
mod state;
mod submit;
mod tab;
pub mod text_field;
mod update;
mod who;

pub use action::{Action, FormAction};
pub use state::{App, Overlay, SaveState, Subject};
pub use tab::{ChartRange, Tab};
pub use update::update;
