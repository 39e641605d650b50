//! Side effects: everything that touches the browser beyond rendering.

pub mod clock;
pub mod compression;
pub mod download;
pub mod events;
pub mod files;
pub mod importer;
pub mod location;
pub mod saver;
pub mod storage;
pub mod timing;
