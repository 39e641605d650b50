//! Filtering the claims panel by verdict, tag and free text.

use crate::claim::Claim;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum VerdictFilter {
    #[default]
    Any,
    /// Claims with no verdict yet.
    Unrated,
    Is(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimFilter {
    pub verdict: VerdictFilter,
    /// Exact tag (case-insensitive); empty for any.
    pub tag: String,
    /// Free text, matched case-insensitively against the quote, conclusion,
    /// claimant, tags and source titles and excerpts.
    pub text: String,
}

impl ClaimFilter {
    pub fn is_active(&self) -> bool {
        self.verdict != VerdictFilter::Any || !self.tag.is_empty() || !self.text.trim().is_empty()
    }

    pub fn matches(&self, claim: &Claim) -> bool {
        let verdict_ok = match &self.verdict {
            VerdictFilter::Any => true,
            VerdictFilter::Unrated => claim.verdict.is_none(),
            VerdictFilter::Is(id) => claim.verdict.as_deref() == Some(id.as_str()),
        };
        let tag_ok = self.tag.is_empty()
            || claim
                .tags
                .iter()
                .any(|t| t.to_lowercase() == self.tag.to_lowercase());
        verdict_ok && tag_ok && self.text_matches(claim)
    }

    fn text_matches(&self, claim: &Claim) -> bool {
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let has = |s: &str| s.to_lowercase().contains(&needle);
        has(&claim.anchor.exact)
            || has(&claim.conclusion)
            || has(&claim.claimant)
            || claim.tags.iter().any(|t| has(t))
            || claim
                .sources
                .iter()
                .any(|s| has(&s.title) || has(&s.excerpt))
    }
}

/// Every tag in use, sorted case-insensitively, each once.
pub fn all_tags<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in claims.into_iter().flat_map(|c| c.tags.iter()) {
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.clone());
        }
    }
    tags.sort_unstable_by_key(|t| t.to_lowercase());
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::TextAnchor;

    fn claim(quote: &str, verdict: Option<&str>, tags: &[&str]) -> Claim {
        let anchor = TextAnchor {
            start: 0,
            end: 1,
            exact: quote.into(),
            prefix: String::new(),
            suffix: String::new(),
        };
        let mut c = Claim::new(
            "id".into(),
            "doc".into(),
            anchor,
            "me".into(),
            "2026-01-01T00:00:00Z",
        );
        c.verdict = verdict.map(Into::into);
        c.tags = tags.iter().map(|t| t.to_string()).collect();
        c
    }

    #[test]
    fn filters_by_verdict_tag_and_text() {
        let a = claim(
            "3.000 policiers étrangers",
            Some("not-checkable"),
            &["chiffres"],
        );
        let b = claim(
            "122 pays, régions ou institutions",
            Some("misleading"),
            &["Chiffres", "Interpol"],
        );
        let c = claim("proposée par Xi Jinping en 2022", None, &[]);
        let cases: &[(ClaimFilter, [bool; 3])] = &[
            (ClaimFilter::default(), [true, true, true]),
            (
                ClaimFilter {
                    verdict: VerdictFilter::Unrated,
                    ..Default::default()
                },
                [false, false, true],
            ),
            (
                ClaimFilter {
                    verdict: VerdictFilter::Is("misleading".into()),
                    ..Default::default()
                },
                [false, true, false],
            ),
            (
                ClaimFilter {
                    tag: "chiffres".into(),
                    ..Default::default()
                },
                [true, true, false],
            ),
            (
                ClaimFilter {
                    text: "RÉGIONS".into(),
                    ..Default::default()
                },
                [false, true, false],
            ),
            (
                ClaimFilter {
                    text: "interpol".into(),
                    ..Default::default()
                },
                [false, true, false],
            ),
            (
                ClaimFilter {
                    text: "  ".into(),
                    ..Default::default()
                },
                [true, true, true],
            ),
        ];
        for (filter, expected) in cases {
            let got = [filter.matches(&a), filter.matches(&b), filter.matches(&c)];
            assert_eq!(&got, expected, "{filter:?}");
        }
        assert!(!ClaimFilter::default().is_active());
    }

    #[test]
    fn lists_tags_once_each() {
        let a = claim("a", None, &["Chine", "chiffres"]);
        let b = claim("b", None, &["chine", "AFP"]);
        assert_eq!(all_tags([&a, &b]), vec!["AFP", "chiffres", "Chine"]);
    }
}
