//! Messages to the reader: errors and storage problems (role="alert"),
//! confirmations (role="status"), each a plain sentence saying what
//! happened and what was kept, with the action it calls for.

use yew::prelude::*;

use crate::services::saver::StorageHealth;
use crate::state::Notices;

#[derive(Properties, PartialEq, Clone)]
pub struct NoticesBarProps {
    pub notices: Notices,
    pub health: StorageHealth,
    pub on_undo: Callback<()>,
    pub on_dismiss: Callback<()>,
    pub on_download_work: Callback<()>,
    pub on_download_damaged: Callback<()>,
    pub on_discard_damaged: Callback<()>,
    /// Downloads the W3C JSON-LD export (offered when a link is too large).
    pub on_download_export: Callback<()>,
}

#[component]
pub fn NoticesBar(props: &NoticesBarProps) -> Html {
    let health = &props.health;
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <div class="notices">
            <div class="alerts" role="alert">
                if health.unavailable {
                    <div class="alert banner">
                        <p>{"Saving is off: this browser does not let the app use its storage. Your work stays in this tab only; download it before you close the tab."}</p>
                        <button type="button" onclick={click(&props.on_download_work)}>{"Download my work"}</button>
                    </div>
                }
                if health.newer {
                    <div class="alert banner">
                        <p>{"This work was saved by a newer version of Claim Annotator. It is shown read-only: nothing you change here will be saved, and your saved work is left as it is."}</p>
                    </div>
                }
                if !health.damaged.is_empty() {
                    <div class="alert banner">
                        <p>{format!(
                            "Some saved work could not be read ({} damaged {}). A copy was kept in this browser under a backup key, and nothing will be saved until you choose what to do.",
                            health.damaged.len(),
                            if health.damaged.len() == 1 { "entry" } else { "entries" }
                        )}</p>
                        <button type="button" onclick={click(&props.on_download_damaged)}>{"Download damaged data"}</button>
                        <button type="button" onclick={click(&props.on_discard_damaged)}>{"Discard damaged data and resume saving"}</button>
                    </div>
                }
                if health.full {
                    <div class="alert banner">
                        <p>{"The browser's storage is full, so your latest changes are kept in this tab only. Download your work to keep it."}</p>
                        <button type="button" onclick={click(&props.on_download_work)}>{"Download my work"}</button>
                    </div>
                }
                if let Some(error) = &props.notices.error {
                    <div class="alert">
                        <p>{error.clone()}</p>
                        if props.notices.offer_file {
                            <button type="button" class="button-primary" onclick={click(&props.on_download_export)}>{"Download the W3C JSON-LD file"}</button>
                            {" "}
                        }
                        <button type="button" class="button-quiet" onclick={click(&props.on_dismiss)}>{"Dismiss"}</button>
                    </div>
                }
            </div>
            <div class="status" role="status">
                if let Some(status) = &props.notices.status {
                    <p>
                        {status.clone()}
                        if props.notices.offer_undo {
                            {" "}<button type="button" onclick={click(&props.on_undo)}>{"Undo"}</button>
                        }
                    </p>
                }
            </div>
        </div>
    }
}
