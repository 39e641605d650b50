//! The dialog where a reader pastes an article's text.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PasteDialogProps {
    pub open: bool,
    /// Why the pasted text was refused, shown in the dialog itself.
    pub error: Option<String>,
    pub on_open_text: Callback<String>,
    pub on_close: Callback<()>,
}

#[component]
pub fn PasteDialog(props: &PasteDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    let text = use_state(String::new);
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with(props.open, move |open| {
            if let Some(dialog) = dialog_ref.cast::<HtmlDialogElement>() {
                if *open && !dialog.open() {
                    let _ = dialog.show_modal();
                } else if !*open && dialog.open() {
                    dialog.close();
                }
            }
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onsubmit = {
        let (text, on_open_text) = (text.clone(), props.on_open_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_open_text.emit((*text).clone());
        })
    };
    // Escape closes a modal dialog natively; keep our state in step.
    let onclose = props.on_close.reform(|_: Event| ());
    let oncancel = props.on_close.reform(|_: MouseEvent| ());
    let onclick_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            let on_dialog = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlDialogElement>().ok())
                .is_some();
            if on_dialog {
                on_close.emit(());
            }
        })
    };
    html! {
        <dialog ref={dialog_ref} class="paste-dialog" aria-labelledby="paste-heading" {onclose} onclick={onclick_backdrop}>
            <form method="dialog" {onsubmit}>
                <h2 id="paste-heading">{"Paste an article"}</h2>
                <p class="hint">{"The first line is the title; a blank line separates paragraphs; lines starting with # are headings (Markdown). The text is shown exactly as pasted, never as a web page."}</p>
                <label for="paste-text">{"Article text"}</label>
                <textarea
                    id="paste-text"
                    rows="14"
                    value={(*text).clone()}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={props.error.is_some().then_some("paste-error")}
                    {oninput}
                />
                if let Some(error) = &props.error {
                    <p id="paste-error" class="field-error" role="alert">{error.clone()}</p>
                }
                <div class="dialog-actions">
                    <button type="submit" class="button-primary">{"Open"}</button>
                    <button type="button" onclick={oncancel}>{"Cancel"}</button>
                </div>
            </form>
        </dialog>
    }
}
