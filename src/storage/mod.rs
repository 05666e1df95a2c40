//! The storage layer: the one RON file, its backups and its lock (SPEC §6).

pub mod atomic;
pub mod backup;
pub mod conflict;
pub mod device;
pub mod draft;
mod error;
mod explain;
pub mod format;
pub mod lock;
pub mod log;
mod migrate;
pub mod path;
pub mod seen;
pub mod side;
mod store;
pub mod watch;
pub mod writer;

pub use crate::domain::replay::CameIn;
pub use error::{ReadOnly, StorageError};
pub use store::{Loaded, Store, load};
// Each problem of a journal that parsed but is unsound, with its line.
pub use error::Located;
