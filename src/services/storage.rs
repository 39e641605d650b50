//! localStorage, with every failure mode turned into a value: access that
//! throws (blocked storage), a full quota, or any other refusal.

use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The quota is exhausted (`QuotaExceededError`).
    Full,
    /// Any other refusal, with the browser's message.
    Refused(String),
}

#[derive(Clone)]
pub struct LocalStore {
    storage: web_sys::Storage,
}

impl LocalStore {
    /// The page's localStorage, or `None` when the browser blocks it (the
    /// `localStorage` getter throws in some privacy modes) or has none.
    pub fn open() -> Option<LocalStore> {
        let window = web_sys::window()?;
        let storage = window.local_storage().ok().flatten()?;
        // Some browsers hand out a storage object that throws on first use.
        storage.length().ok()?;
        Some(LocalStore { storage })
    }

    /// Every `(key, value)` whose key starts with `prefix`.
    pub fn entries(&self, prefix: &str) -> Vec<(String, String)> {
        let length = self.storage.length().unwrap_or(0);
        (0..length)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(prefix))
            .filter_map(|key| {
                let value = self.storage.get_item(&key).ok().flatten()?;
                Some((key, value))
            })
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(classify)
    }
}

fn classify(error: wasm_bindgen::JsValue) -> StorageError {
    match error.dyn_ref::<web_sys::DomException>() {
        // Chromium and Safari say QuotaExceededError (code 22); old Firefox
        // said NS_ERROR_DOM_QUOTA_REACHED (code 1014).
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 || e.code() == 1014 => {
            StorageError::Full
        }
        Some(e) => StorageError::Refused(e.message()),
        None => StorageError::Refused(error.as_string().unwrap_or_else(|| "unknown error".into())),
    }
}
