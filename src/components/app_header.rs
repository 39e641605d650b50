//! The top bar: which article is open, how to open another, and who is annotating.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppHeaderProps {
    pub author: AttrValue,
    pub on_author: Callback<String>,
    pub on_builtin: Callback<()>,
    pub on_paste: Callback<()>,
    pub on_open_file: Callback<web_sys::File>,
}

#[component]
pub fn AppHeader(props: &AppHeaderProps) -> Html {
    let on_author = props
        .on_author
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_file = {
        let on_open_file = props.on_open_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_open_file.emit(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    html! {
        <header class="app-header">
            <p class="brand">{"Claim Annotator"}</p>
            <nav class="article-actions" aria-label="Choose article">
                <button type="button" onclick={props.on_builtin.reform(|_: MouseEvent| ())}>{"Built-in article"}</button>
                <button type="button" onclick={props.on_paste.reform(|_: MouseEvent| ())}>{"Paste article"}</button>
                <span class="file-button">
                    <input id="open-article" class="visually-hidden" type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" onchange={on_file} />
                    <label for="open-article" class="button">{"Open article"}</label>
                </span>
            </nav>
            <div class="author-field">
                <label for="author-name">{"Your name"}</label>
                <input id="author-name" type="text" autocomplete="nickname" placeholder="Name or pseudonym" value={props.author.clone()} oninput={on_author} />
            </div>
        </header>
    }
}
