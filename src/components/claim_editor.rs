//! The editor of the selected claim: its extent, verdict, claimant,
//! conclusion, tags and source notes. Every edit is saved as it is typed.

use std::rc::Rc;

use annotator_core::claim::Claim;
use annotator_core::store::{ClaimEdit, SourceEdit};
use annotator_core::verdict::{CLASS_SCALE, NO_VERDICT_EN};
use annotator_core::words::{Direction, Edge};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::source_note_editor::SourceNoteEditor;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimEditorProps {
    pub claim: Rc<Claim>,
    pub lang: Option<AttrValue>,
    /// This claim was just created: the editor takes the focus, once.
    pub take_focus: bool,
    pub on_focused: Callback<()>,
    pub on_edit: Callback<ClaimEdit>,
    pub on_add_source: Callback<()>,
    pub on_delete: Callback<String>,
    pub on_close: Callback<()>,
}

#[component]
pub fn ClaimEditor(props: &ClaimEditorProps) -> Html {
    let claim = &props.claim;
    let verdict_ref = use_node_ref();
    {
        let verdict_ref = verdict_ref.clone();
        let on_focused = props.on_focused.clone();
        use_effect_with(
            (claim.id.clone(), props.take_focus),
            move |(_, take_focus)| {
                if *take_focus {
                    on_focused.emit(());
                    // Focusing forces a layout; on the next frame it costs the
                    // new highlight nothing.
                    if let Some(window) = web_sys::window() {
                        let focus = wasm_bindgen::closure::Closure::once_into_js(move || {
                            if let Some(select) = verdict_ref.cast::<web_sys::HtmlElement>() {
                                let _ = select.focus();
                            }
                        });
                        let _ = window.request_animation_frame(focus.unchecked_ref());
                    }
                }
            },
        );
    }
    // The tags field keeps its own text (so "a, " can be typed); the claim
    // keeps the parsed tags. Reset when another claim is selected.
    let tags_text = use_state(|| claim.tags.join(", "));
    {
        let (tags_text, tags) = (tags_text.clone(), claim.tags.join(", "));
        use_effect_with(claim.id.clone(), move |_| tags_text.set(tags));
    }
    let on_edit = props.on_edit.clone();
    let on_verdict = on_edit.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        ClaimEdit::Verdict((!value.is_empty()).then_some(value))
    });
    let on_claimant = on_edit.reform(|e: InputEvent| {
        ClaimEdit::Claimant(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_conclusion = on_edit.reform(|e: InputEvent| {
        ClaimEdit::Conclusion(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let on_tags = {
        let (on_edit, tags_text) = (on_edit.clone(), tags_text.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            tags_text.set(value.clone());
            on_edit.emit(ClaimEdit::Tags(value));
        })
    };
    let move_edge = |edge: Edge, direction: Direction| {
        on_edit.reform(move |_: MouseEvent| ClaimEdit::MoveEdge(edge, direction))
    };
    let on_source_edit =
        on_edit.reform(|(id, edit): (String, SourceEdit)| ClaimEdit::Source { id, edit });
    let on_source_remove = on_edit.reform(|id: String| ClaimEdit::RemoveSource { id });
    let on_add_source = props.on_add_source.reform(|_: MouseEvent| ());
    let on_delete = props.on_delete.reform({
        let id = claim.id.clone();
        move |_: MouseEvent| id.clone()
    });
    let independent = claim
        .sources
        .iter()
        .filter(|s| s.independent == annotator_core::claim::Independence::Yes)
        .count();
    let verdict = claim.verdict.clone().unwrap_or_default();
    html! {
        <section class="claim-editor" aria-labelledby="claim-editor-heading">
            <div class="editor-heading">
                <h3 id="claim-editor-heading">{"Selected claim"}</h3>
                <button type="button" class="button-quiet" onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close editor"}</button>
            </div>
            <blockquote class="editor-quote" lang={props.lang.clone()} aria-live="polite">{&claim.anchor.exact}</blockquote>
            <div class="extent-buttons" role="group" aria-label="Adjust the highlighted passage">
                <button type="button" onclick={move_edge(Edge::Start, Direction::Backward)}>{"Start one word earlier"}</button>
                <button type="button" onclick={move_edge(Edge::Start, Direction::Forward)}>{"Start one word later"}</button>
                <button type="button" onclick={move_edge(Edge::End, Direction::Backward)}>{"End one word earlier"}</button>
                <button type="button" onclick={move_edge(Edge::End, Direction::Forward)}>{"End one word later"}</button>
            </div>
            <label for="claim-verdict">{"Verdict"}</label>
            <select id="claim-verdict" ref={verdict_ref} onchange={on_verdict}>
                <option value="" selected={verdict.is_empty()}>{NO_VERDICT_EN}</option>
                { for CLASS_SCALE.verdicts.iter().map(|v| html! {
                    <option value={v.id} selected={verdict == v.id}>{format!("{} — {}", v.label_en, v.label_fr)}</option>
                }) }
            </select>
            <label for="claim-claimant">{"Claimant"}</label>
            <input id="claim-claimant" type="text" placeholder="Who makes this claim?" value={claim.claimant.clone()} oninput={on_claimant} />
            <label for="claim-conclusion">{"Conclusion"}</label>
            <textarea id="claim-conclusion" rows="3" value={claim.conclusion.clone()} oninput={on_conclusion} />
            <label for="claim-tags">{"Tags"}</label>
            <input id="claim-tags" type="text" aria-describedby="claim-tags-hint" value={(*tags_text).clone()} oninput={on_tags} />
            <p id="claim-tags-hint" class="hint">{"Separate tags with commas."}</p>
            <p class="card-meta">
                {format!("Card by {}", if claim.author.trim().is_empty() { "an anonymous reader" } else { claim.author.as_str() })}
            </p>
            <h4>{format!("Sources ({})", claim.sources.len())}</h4>
            if claim.sources.len() < 2 || independent < 2 {
                <p class="hint">{"A definitive verdict normally needs two independent sources."}</p>
            }
            { for claim.sources.iter().enumerate().map(|(i, source)| html! {
                <SourceNoteEditor
                    key={source.id.clone()}
                    source={source.clone()}
                    number={i + 1}
                    on_edit={on_source_edit.clone()}
                    on_remove={on_source_remove.clone()}
                />
            }) }
            <div class="editor-actions">
                <button type="button" onclick={on_add_source}>{"Add source"}</button>
                <button type="button" class="button-danger" onclick={on_delete}>{"Delete claim"}</button>
            </div>
        </section>
    }
}
