//! One source note of a claim: URL, title, excerpt, stance, independence,
//! access date, archived copy. URLs are refused unless http(s).

use annotator_core::claim::{Independence, SourceNote, Stance};
use annotator_core::source_url::{check_source_url, is_safe_link, UrlProblem};
use annotator_core::store::SourceEdit;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct SourceNoteEditorProps {
    pub source: SourceNote,
    /// 1-based, for the legend.
    pub number: usize,
    pub on_edit: Callback<(String, SourceEdit)>,
    pub on_remove: Callback<String>,
}

#[component]
pub fn SourceNoteEditor(props: &SourceNoteEditorProps) -> Html {
    let source = &props.source;
    let id = source.id.clone();
    let edit = |make: fn(String) -> SourceEdit| {
        let (id, on_edit) = (id.clone(), props.on_edit.clone());
        Callback::from(move |value: String| on_edit.emit((id.clone(), make(value))))
    };
    let input_value = |cb: Callback<String>| {
        cb.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let on_title = input_value(edit(SourceEdit::Title));
    let on_accessed = input_value(edit(SourceEdit::Accessed));
    let on_excerpt = edit(SourceEdit::Excerpt)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let select_edit = |parse: fn(&str) -> Option<SourceEdit>| {
        let (id, on_edit) = (id.clone(), props.on_edit.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(edit) = parse(&value) {
                on_edit.emit((id.clone(), edit));
            }
        })
    };
    let on_stance = select_edit(|v| Stance::from_id(v).map(SourceEdit::Stance));
    let on_independent = select_edit(|v| Independence::from_id(v).map(SourceEdit::Independent));
    let on_remove = props.on_remove.reform({
        let id = id.clone();
        move |_: MouseEvent| id.clone()
    });
    let field_id = |name: &str| format!("source-{id}-{name}");
    html! {
        <fieldset class="source-note">
            <legend>{format!("Source {}", props.number)}</legend>
            <UrlField
                label="Source URL"
                input_id={field_id("url")}
                stored={source.url.clone()}
                required=true
                on_valid={edit(SourceEdit::Url)}
            />
            if is_safe_link(&source.url) {
                <p class="source-link">
                    <a href={source.url.clone()} target="_blank" rel="noopener noreferrer">
                        {if source.title.trim().is_empty() { "Open source" } else { source.title.as_str() }}
                        <span class="visually-hidden">{" (opens in a new tab)"}</span>
                    </a>
                </p>
            }
            <label for={field_id("title")}>{"Source title"}</label>
            <input id={field_id("title")} type="text" value={source.title.clone()} oninput={on_title} />
            <label for={field_id("excerpt")}>{"Excerpt"}</label>
            <textarea id={field_id("excerpt")} rows="3" value={source.excerpt.clone()} oninput={on_excerpt} />
            <div class="field-row">
                <div>
                    <label for={field_id("stance")}>{"Stance"}</label>
                    <select id={field_id("stance")} onchange={on_stance}>
                        { for Stance::ALL.iter().map(|s| html! {
                            <option value={s.id()} selected={*s == source.stance}>{s.label_en()}</option>
                        }) }
                    </select>
                </div>
                <div>
                    <label for={field_id("independent")}>{"Independent of the claimant"}</label>
                    <select id={field_id("independent")} onchange={on_independent}>
                        { for Independence::ALL.iter().map(|i| html! {
                            <option value={i.id()} selected={*i == source.independent}>{i.label_en()}</option>
                        }) }
                    </select>
                </div>
                <div>
                    <label for={field_id("accessed")}>{"Date accessed"}</label>
                    <input id={field_id("accessed")} type="date" value={source.accessed.clone()} oninput={on_accessed} />
                </div>
            </div>
            <UrlField
                label="Archived URL (optional)"
                input_id={field_id("archived")}
                stored={source.archived_url.clone()}
                required=false
                on_valid={edit(SourceEdit::ArchivedUrl)}
            />
            <button type="button" class="button-quiet" onclick={on_remove}>{"Remove source"}</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct UrlFieldProps {
    label: AttrValue,
    input_id: String,
    /// The value kept in the claim (always a safe URL, or empty).
    stored: String,
    required: bool,
    on_valid: Callback<String>,
}

/// A URL input that keeps what the reader types, but passes on only safe
/// URLs, and says why anything else is refused.
#[component]
fn UrlField(props: &UrlFieldProps) -> Html {
    let typed = use_state(|| props.stored.clone());
    let problem = use_state(|| None::<String>);
    // A refused scheme ("javascript:") is said at once; an address still
    // being typed ("htt", "https://") is judged only when the field is left.
    let judge = {
        let (problem, on_valid, required) =
            (problem.clone(), props.on_valid.clone(), props.required);
        move |value: &str, leaving: bool| {
            if value.trim().is_empty() {
                on_valid.emit(String::new());
                problem.set((required && leaving).then(|| {
                    "Enter the source's web address (starting with https://).".to_owned()
                }));
                return;
            }
            match check_source_url(value) {
                Ok(url) => {
                    problem.set(None);
                    on_valid.emit(url);
                }
                Err(why @ (UrlProblem::RefusedScheme(_) | UrlProblem::HasWhitespace)) => {
                    problem.set(Some(format!("Not saved: {why}")))
                }
                Err(why) if leaving => problem.set(Some(format!("Not saved: {why}"))),
                Err(_) => problem.set(None),
            }
        }
    };
    let oninput = {
        let (typed, judge) = (typed.clone(), judge.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            judge(&value, false);
            typed.set(value);
        })
    };
    let onchange = Callback::from(move |e: Event| {
        judge(&e.target_unchecked_into::<HtmlInputElement>().value(), true);
    });
    let error_id = format!("{}-error", props.input_id);
    html! {
        <>
            <label for={props.input_id.clone()}>{props.label.clone()}</label>
            <input
                id={props.input_id.clone()}
                type="url"
                inputmode="url"
                placeholder="https://"
                value={(*typed).clone()}
                aria-invalid={problem.is_some().to_string()}
                aria-describedby={problem.is_some().then(|| error_id.clone())}
                {oninput}
                {onchange}
            />
            if let Some(message) = &*problem {
                <p id={error_id} class="field-error" role="alert">{message}</p>
            }
        </>
    }
}
