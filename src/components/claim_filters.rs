//! Filters for the claims panel: by verdict, by tag, by free text.

use annotator_core::filter::{ClaimFilter, VerdictFilter};
use annotator_core::verdict::{CLASS_SCALE, NO_VERDICT_EN};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimFiltersProps {
    pub filter: ClaimFilter,
    pub tags: Vec<String>,
    pub on_change: Callback<ClaimFilter>,
}

#[component]
pub fn ClaimFilters(props: &ClaimFiltersProps) -> Html {
    let on_verdict = {
        let (filter, on_change) = (props.filter.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let verdict = match value.as_str() {
                "any" => VerdictFilter::Any,
                "unrated" => VerdictFilter::Unrated,
                id => VerdictFilter::Is(id.to_owned()),
            };
            on_change.emit(ClaimFilter {
                verdict,
                ..filter.clone()
            });
        })
    };
    let on_tag = {
        let (filter, on_change) = (props.filter.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(ClaimFilter {
                tag,
                ..filter.clone()
            });
        })
    };
    let on_text = {
        let (filter, on_change) = (props.filter.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_change.emit(ClaimFilter {
                text,
                ..filter.clone()
            });
        })
    };
    let verdict_value = match &props.filter.verdict {
        VerdictFilter::Any => "any".to_owned(),
        VerdictFilter::Unrated => "unrated".to_owned(),
        VerdictFilter::Is(id) => id.clone(),
    };
    html! {
        <div class="claim-filters" role="search" aria-label="Filter claims">
            <label>
                <span>{"Filter by verdict"}</span>
                <select onchange={on_verdict}>
                    <option value="any" selected={verdict_value == "any"}>{"All verdicts"}</option>
                    <option value="unrated" selected={verdict_value == "unrated"}>{NO_VERDICT_EN}</option>
                    { for CLASS_SCALE.verdicts.iter().map(|v| html! {
                        <option value={v.id} selected={verdict_value == v.id}>{v.label_en}</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{"Filter by tag"}</span>
                <select onchange={on_tag}>
                    <option value="" selected={props.filter.tag.is_empty()}>{"All tags"}</option>
                    // A filtered tag no claim carries any more stays listed,
                    // so the control shows the filter that applies.
                    if !props.filter.tag.is_empty() && !props.tags.iter().any(|t| t.to_lowercase() == props.filter.tag.to_lowercase()) {
                        <option value={props.filter.tag.clone()} selected=true>{props.filter.tag.clone()}</option>
                    }
                    { for props.tags.iter().map(|t| html! {
                        <option value={t.clone()} selected={props.filter.tag.to_lowercase() == t.to_lowercase()}>{t}</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{"Search claims"}</span>
                <input type="search" value={props.filter.text.clone()} oninput={on_text} />
            </label>
        </div>
    }
}
