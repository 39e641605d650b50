//! Claim cards and the source notes attached to them.

use serde::{Deserialize, Serialize};

use crate::anchor::TextAnchor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    #[default]
    Supports,
    Refutes,
    Context,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

    pub fn id(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Stance::Supports => "Supports",
            Stance::Refutes => "Refutes",
            Stance::Context => "Context",
        }
    }

    pub fn from_id(id: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Is the source independent of the claimant?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Independence {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Independence {
    pub const ALL: [Independence; 3] = [Independence::Unknown, Independence::Yes, Independence::No];

    pub fn id(self) -> &'static str {
        match self {
            Independence::Yes => "yes",
            Independence::No => "no",
            Independence::Unknown => "unknown",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Independence::Yes => "Yes",
            Independence::No => "No",
            Independence::Unknown => "Unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<Independence> {
        Independence::ALL.into_iter().find(|s| s.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SourceNote {
    pub id: String,
    /// As typed. Only rendered as a link when it passes `source_url::check_source_url`.
    pub url: String,
    pub title: String,
    pub excerpt: String,
    pub stance: Stance,
    pub independent: Independence,
    /// ISO 8601 date (YYYY-MM-DD).
    pub accessed: String,
    pub archived_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// UUID v4, lower-case, without the `urn:uuid:` prefix.
    pub id: String,
    /// Id of the document the claim belongs to.
    pub document: String,
    pub anchor: TextAnchor,
    /// Verdict id on `scale`; `None` is "no verdict yet".
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default = "default_scale")]
    pub scale: String,
    #[serde(default)]
    pub conclusion: String,
    #[serde(default)]
    pub claimant: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceNote>,
    #[serde(default)]
    pub author: String,
    /// ISO 8601 UTC timestamps.
    pub created: String,
    pub modified: String,
}

fn default_scale() -> String {
    crate::verdict::CLASS_SCALE.id.to_owned()
}

impl Claim {
    pub fn new(
        id: String,
        document: String,
        anchor: TextAnchor,
        author: String,
        now: &str,
    ) -> Claim {
        Claim {
            id,
            document,
            anchor,
            verdict: None,
            scale: default_scale(),
            conclusion: String::new(),
            claimant: String::new(),
            tags: Vec::new(),
            sources: Vec::new(),
            author,
            created: now.to_owned(),
            modified: now.to_owned(),
        }
    }

    /// Document order: by start, then the longer claim first, then creation.
    pub fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, &str, &str) {
        (
            self.anchor.start,
            std::cmp::Reverse(self.anchor.end),
            self.created.as_str(),
            self.id.as_str(),
        )
    }
}

impl Claim {
    /// Checks what the rest of the app relies on, for claims read from
    /// storage or another tab: a UUID id, a non-empty quote at sane offsets,
    /// and sources with distinct ids. `Err` says what is wrong.
    pub fn check(&self) -> Result<(), &'static str> {
        if !is_uuid(&self.id) {
            return Err("the claim id is not a UUID");
        }
        let a = &self.anchor;
        if a.exact.is_empty() || a.start >= a.end || a.end > crate::document::MAX_ARTICLE_BYTES {
            return Err("the claim's position in the text is impossible");
        }
        for (i, source) in self.sources.iter().enumerate() {
            if source.id.is_empty() || self.sources[..i].iter().any(|s| s.id == source.id) {
                return Err("two sources share an id");
            }
        }
        Ok(())
    }
}

/// Formats 16 random bytes as a UUID version 4 (RFC 9562). The caller brings
/// the randomness (the browser's `crypto.getRandomValues`), so this stays pure.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// True for a lower-case hyphenated UUID: only such ids are ever placed in a
/// CSS selector or an attribute the page styles by.
pub fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

/// Splits the comma-separated tags field into clean, de-duplicated tags
/// (case-insensitively; linear time, since imported files are untrusted).
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    input
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty() && seen.insert(t.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_v4_sets_version_and_variant_bits() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid(&id));
        assert!(is_uuid(&uuid_v4([0; 16])));
        assert!(!is_uuid("x\"] { } body { display:none } [a=\""));
        assert!(!is_uuid("FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF"));
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_tags(" chiffres, Chine ,,chiffres, CHINE "),
            vec!["chiffres", "Chine"]
        );
        assert!(parse_tags(" , ").is_empty());
    }

    #[test]
    fn stance_and_independence_round_trip_their_ids() {
        for s in Stance::ALL {
            assert_eq!(Stance::from_id(s.id()), Some(s));
        }
        for i in Independence::ALL {
            assert_eq!(Independence::from_id(i.id()), Some(i));
        }
    }
}
