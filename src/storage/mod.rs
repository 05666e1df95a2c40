//! The storage layer: the one RON file, its backups and its lock (SPEC §6).

pub mod atomic;
pub mod backup;
mod error;
pub mod format;
pub mod lock;
pub mod path;
mod plain;
mod store;
pub mod writer;

pub use error::{Located, ReadOnly, StorageError};
pub use store::{Loaded, Store, load};
