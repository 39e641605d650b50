//! The core store as a Yew reducer, and the notices shown to the reader.

use std::rc::Rc;

use annotator_core::store::{Action, Store};
use yew::prelude::*;

/// The session's state: the core store, shared by `Rc`.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState(pub Rc<Store>);

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.0.apply(action) {
            Some(next) => Rc::new(AppState(Rc::new(next))),
            // Unchanged: returning the same Rc skips re-rendering.
            None => self,
        }
    }
}

/// What the page says to the reader: errors (role="alert") and
/// confirmations (role="status"). Messages are plain sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Notices {
    pub error: Option<AttrValue>,
    pub status: Option<AttrValue>,
    /// The status offers Undo (after a deletion).
    pub offer_undo: bool,
    /// The error offers the W3C file instead (work too large for a link).
    pub offer_file: bool,
}

pub enum Notice {
    Error(String),
    /// An error that answers the reader's last action (an import, a share
    /// link): the status said before it no longer applies, so it goes.
    Refused(String),
    /// The work does not fit in a share link: say so and offer a file.
    TooLargeForLink(String),
    Status(String),
    Deleted,
    Clear,
}

impl Reducible for Notices {
    type Action = Notice;

    fn reduce(self: Rc<Self>, notice: Notice) -> Rc<Self> {
        Rc::new(match notice {
            Notice::Error(message) => Notices {
                error: Some(message.into()),
                offer_file: false,
                ..(*self).clone()
            },
            Notice::Refused(message) => Notices {
                error: Some(message.into()),
                ..Notices::default()
            },
            Notice::TooLargeForLink(message) => Notices {
                error: Some(message.into()),
                offer_file: true,
                ..Notices::default()
            },
            Notice::Status(message) => Notices {
                status: Some(message.into()),
                ..Notices::default()
            },
            Notice::Deleted => Notices {
                status: Some("Claim deleted. You can undo this.".into()),
                offer_undo: true,
                ..Notices::default()
            },
            Notice::Clear => Notices::default(),
        })
    }
}
