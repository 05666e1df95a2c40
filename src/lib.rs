//! trustbank: a trust-balance journal for couples rebuilding trust.
//!
//! `domain` is the pure model, `storage` the RON file, `commands` the
//! one-shot command line, `report` the printed weekly review.

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod domain;
pub mod export;
pub mod generate;
pub mod keyboard;
pub mod report;
pub mod storage;
pub mod tui;
pub mod ui;
