//! Side effects: everything that touches the browser beyond rendering.

pub mod clock;
pub mod download;
pub mod events;
pub mod files;
pub mod saver;
pub mod storage;
