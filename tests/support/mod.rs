//! Shared helpers for integration tests.
//!
//! Include from a test file with `mod support;` and use e.g.
//! `support::pty::PtySession`. Each test binary only uses a subset of the
//! helpers, hence the blanket `dead_code` allowance.
#![allow(dead_code)]

pub mod app;
pub mod cli;
pub mod devices;
pub mod files;
pub mod journal;
pub mod pty;
pub mod screen;
pub mod writer;
