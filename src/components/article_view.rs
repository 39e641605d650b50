//! The article being read: its blocks in memoised sections, keyboard
//! selection, and activation of highlights (click, or Enter on a focused mark).

use std::rc::Rc;

use annotator_core::document::Document;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::article_block::ArticleBlock;
use crate::hooks::use_highlights::{BlockRuns, Highlights, SECTION_SIZE};
use crate::keyboard_selection;

#[derive(Properties, Clone)]
pub struct ArticleViewProps {
    pub document: Rc<Document>,
    pub highlights: Rc<Highlights>,
    pub article_ref: NodeRef,
    /// A highlight was activated: the ids of the claims covering it.
    pub on_activate: Callback<Vec<String>>,
}

impl PartialEq for ArticleViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.document, &other.document)
            && Rc::ptr_eq(&self.highlights, &other.highlights)
            && self.article_ref == other.article_ref
            && self.on_activate == other.on_activate
    }
}

fn mark_ids(target: Option<web_sys::EventTarget>) -> Option<Vec<String>> {
    let element: web_sys::Element = target?.dyn_into().ok()?;
    let mark = element.closest("mark[data-annotation-ids]").ok()??;
    let ids = mark.get_attribute("data-annotation-ids")?;
    Some(ids.split_whitespace().map(str::to_owned).collect())
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let onclick = {
        let on_activate = props.on_activate.clone();
        Callback::from(move |event: MouseEvent| {
            // A click that ends a drag-selection is a selection, not an activation.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting {
                if let Some(ids) = mark_ids(event.target()) {
                    on_activate.emit(ids);
                }
            }
        })
    };
    let onkeydown = {
        let on_activate = props.on_activate.clone();
        let article_ref = props.article_ref.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                if let Some(ids) = mark_ids(event.target()) {
                    event.prevent_default();
                    on_activate.emit(ids);
                }
                return;
            }
            if let Some(article) = article_ref.cast::<web_sys::Element>() {
                if keyboard_selection::handle_key(&article, &event) {
                    event.prevent_default();
                }
            }
        })
    };
    let sections = props.highlights.sections.iter().enumerate().map(|(i, runs)| {
        html! { <ArticleSection key={i} document={props.document.clone()} first={i * SECTION_SIZE} runs={runs.clone()} /> }
    });
    html! {
        <article
            ref={props.article_ref.clone()}
            class="article"
            lang={props.document.lang.clone()}
            tabindex="0"
            aria-describedby="article-keys"
            {onclick}
            {onkeydown}
        >
            { for sections }
        </article>
    }
}

#[derive(Properties, Clone)]
struct ArticleSectionProps {
    document: Rc<Document>,
    first: usize,
    runs: Rc<Vec<BlockRuns>>,
}

impl PartialEq for ArticleSectionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.document, &other.document)
            && self.first == other.first
            && Rc::ptr_eq(&self.runs, &other.runs)
    }
}

#[component]
fn ArticleSection(props: &ArticleSectionProps) -> Html {
    let blocks = props.runs.iter().enumerate().map(|(i, runs)| {
        let index = props.first + i;
        html! { <ArticleBlock key={index} document={props.document.clone()} {index} runs={runs.clone()} /> }
    });
    // The wrapper lets the browser skip layout of sections out of view
    // (`content-visibility` in style.css) with one observer per section.
    html! { <div class="article-section">{ for blocks }</div> }
}
