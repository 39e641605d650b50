//! Styles the selected and hovered claims' highlights with a generated
//! stylesheet, so that selecting a claim restyles its marks without
//! re-rendering a single paragraph.

use annotator_core::claim::is_uuid;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct HighlightFocusStyleProps {
    pub selected: Option<String>,
    pub hovered: Option<String>,
}

#[component]
pub fn HighlightFocusStyle(props: &HighlightFocusStyleProps) -> Html {
    // Only UUIDs reach the stylesheet: an id from storage or an import could
    // otherwise carry CSS of its own.
    let rule = |id: &Option<String>, class: &str| {
        id.as_deref()
            .filter(|id| is_uuid(id))
            .map(|id| format!("mark[data-annotation-ids~=\"{id}\"]{{{class}}}"))
            .unwrap_or_default()
    };
    let css = format!(
        "{}{}",
        rule(
            &props.selected,
            "background:var(--hl-selected);outline:2px solid var(--hl-selected-ring);outline-offset:1px;"
        ),
        rule(
            &props.hovered,
            "background:var(--hl-hover);outline:2px dashed var(--hl-hover-ring);outline-offset:1px;"
        )
    );
    html! { <style>{css}</style> }
}
