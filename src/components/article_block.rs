//! One block of the article (title, paragraph, heading...), its text cut
//! into plain runs and `mark` runs. Its `data-start` attribute is what
//! `dom_offsets` (`BLOCK_START_ATTR`) reads back.

use std::rc::Rc;

use annotator_core::document::{BlockKind, Document};
use annotator_core::segment::Run;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct ArticleBlockProps {
    pub document: Rc<Document>,
    pub index: usize,
    pub runs: Rc<Vec<Run>>,
}

impl PartialEq for ArticleBlockProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.document, &other.document)
            && self.index == other.index
            && Rc::ptr_eq(&self.runs, &other.runs)
    }
}

#[component]
pub fn ArticleBlock(props: &ArticleBlockProps) -> Html {
    let block = &props.document.blocks[props.index];
    let children: Html = props
        .runs
        .iter()
        .map(|run| {
            let text = props.document.slice(run.start, run.end).to_owned();
            if run.ids.is_empty() {
                html! { {text} }
            } else {
                let class = classes!("hl", (run.ids.len() > 1).then_some("hl-overlap"));
                html! {
                    <mark class={class} data-annotation-ids={run.ids.join(" ")} tabindex="-1">{text}</mark>
                }
            }
        })
        .collect();
    let start = block.start.to_string();
    match block.kind {
        BlockKind::Title => html! { <h1 data-start={start}>{children}</h1> },
        BlockKind::Standfirst => html! { <p class="standfirst" data-start={start}>{children}</p> },
        BlockKind::Caption => html! {
            <figure class="caption"><figcaption data-start={start}>{children}</figcaption></figure>
        },
        BlockKind::Heading(level) => {
            let tag = format!("h{}", level.clamp(2, 6));
            html! { <@{tag} data-start={start}>{children}</@> }
        }
        BlockKind::Paragraph => html! { <p data-start={start}>{children}</p> },
    }
}
