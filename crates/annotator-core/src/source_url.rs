//! Which source URLs may be stored and rendered as links: http and https only.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    /// The scheme that was refused, lower-cased (e.g. "javascript").
    RefusedScheme(String),
    NoScheme,
    NoHost,
    HasWhitespace,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlProblem::Empty => write!(f, "Enter the source's web address."),
            UrlProblem::RefusedScheme(scheme) => write!(
                f,
                "Only web addresses starting with http:// or https:// are accepted; \"{scheme}:\" links are refused because they could run code or open local files."
            ),
            UrlProblem::NoScheme => write!(
                f,
                "Write the full address, starting with https:// (for example https://www.example.org/page)."
            ),
            UrlProblem::NoHost => write!(f, "The address has no site name after \"//\"."),
            UrlProblem::HasWhitespace => write!(f, "A web address cannot contain spaces."),
        }
    }
}

/// Checks a source URL typed or imported by a user. Returns the trimmed URL
/// when it is safe to render as a link.
pub fn check_source_url(input: &str) -> Result<String, UrlProblem> {
    let url = input.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    // Browsers ignore ASCII tab and newlines inside a scheme ("java\tscript:"),
    // so any control or white space anywhere is refused.
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::HasWhitespace);
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(UrlProblem::NoScheme);
    };
    let scheme_lower = scheme.to_ascii_lowercase();
    let scheme_is_valid = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_is_valid {
        return Err(UrlProblem::NoScheme);
    }
    if scheme_lower != "http" && scheme_lower != "https" {
        // "www.example.org:8080/x" parses as scheme "www.example.org".
        if scheme.contains('.') {
            return Err(UrlProblem::NoScheme);
        }
        return Err(UrlProblem::RefusedScheme(scheme_lower));
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return Err(UrlProblem::NoHost);
    };
    let host = after_slashes.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') || host.starts_with('@') {
        return Err(UrlProblem::NoHost);
    }
    Ok(url.to_owned())
}

/// True when `url` may be rendered as a link (used again at render time, so a
/// stored or imported value that skipped the editor is never a live link).
pub fn is_safe_link(url: &str) -> bool {
    check_source_url(url).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_only() {
        let cases: &[(&str, Result<&str, UrlProblem>)] = &[
            ("https://www.afp.com/fr", Ok("https://www.afp.com/fr")),
            (
                "  HTTP://example.org/a?b#c ",
                Ok("HTTP://example.org/a?b#c"),
            ),
            (
                "javascript:alert(1)",
                Err(UrlProblem::RefusedScheme("javascript".into())),
            ),
            (
                "JaVaScRiPt:alert(1)",
                Err(UrlProblem::RefusedScheme("javascript".into())),
            ),
            ("java\tscript:alert(1)", Err(UrlProblem::HasWhitespace)),
            (
                "data:text/html,<script>",
                Err(UrlProblem::RefusedScheme("data".into())),
            ),
            (
                "file:///etc/passwd",
                Err(UrlProblem::RefusedScheme("file".into())),
            ),
            (
                "vbscript:x",
                Err(UrlProblem::RefusedScheme("vbscript".into())),
            ),
            ("www.example.org", Err(UrlProblem::NoScheme)),
            ("www.example.org:8080/x", Err(UrlProblem::NoScheme)),
            ("https:example.org", Err(UrlProblem::NoHost)),
            ("https:///path", Err(UrlProblem::NoHost)),
            ("", Err(UrlProblem::Empty)),
            ("https://exa mple.org", Err(UrlProblem::HasWhitespace)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                check_source_url(input),
                expected.clone().map(str::to_owned),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn refusal_says_why() {
        let message = check_source_url("javascript:alert(1)")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("http://") && message.contains("javascript:"),
            "{message}"
        );
    }
}
