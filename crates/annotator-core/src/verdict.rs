//! Verdict scales. A scale is data: fact-checkers do not share one, so the
//! scale a claim was rated on travels with it (by id) and can be swapped.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Stable id stored with the claim, e.g. "mostly-true".
    pub id: &'static str,
    pub label_en: &'static str,
    pub label_fr: &'static str,
    /// Position on an ordinal scale (1 = worst); `None` for non-ordinal verdicts.
    pub rating: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictScale {
    pub id: &'static str,
    pub name: &'static str,
    pub verdicts: &'static [Verdict],
}

const fn verdict(
    id: &'static str,
    label_en: &'static str,
    label_fr: &'static str,
    rating: Option<u8>,
) -> Verdict {
    Verdict {
        id,
        label_en,
        label_fr,
        rating,
    }
}

/// The classroom scale: five ordinal levels and three non-ordinal verdicts.
pub const CLASS_SCALE: VerdictScale = VerdictScale {
    id: "class-scale",
    name: "Class scale",
    verdicts: &[
        verdict("true", "True", "Vrai", Some(5)),
        verdict("mostly-true", "Mostly true", "Plutôt vrai", Some(4)),
        verdict("half-true", "Half true", "À moitié vrai", Some(3)),
        verdict("mostly-false", "Mostly false", "Plutôt faux", Some(2)),
        verdict("false", "False", "Faux", Some(1)),
        verdict("misleading", "Misleading", "Trompeur", None),
        verdict("unverifiable", "Unverifiable", "Invérifiable", None),
        verdict(
            "not-checkable",
            "Not checkable (opinion, intention, prediction)",
            "Pas une affirmation vérifiable",
            None,
        ),
    ],
};

pub const NO_VERDICT_EN: &str = "No verdict yet";
pub const NO_VERDICT_FR: &str = "Pas encore de verdict";

impl VerdictScale {
    pub fn find(&self, id: &str) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.id == id)
    }

    /// The verdict in words, for a claim's optional verdict id. An id this
    /// scale does not know (from another scale) is shown as it is.
    pub fn label_en<'a>(&'a self, id: Option<&'a str>) -> &'a str {
        match id {
            None => NO_VERDICT_EN,
            Some(id) => self.find(id).map_or(id, |v| v.label_en),
        }
    }

    pub fn worst_rating(&self) -> u8 {
        self.verdicts
            .iter()
            .filter_map(|v| v.rating)
            .min()
            .unwrap_or(1)
    }

    pub fn best_rating(&self) -> u8 {
        self.verdicts
            .iter()
            .filter_map(|v| v.rating)
            .max()
            .unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_scale_is_ordinal_from_one_to_five_with_three_unrated_verdicts() {
        assert_eq!(
            (CLASS_SCALE.worst_rating(), CLASS_SCALE.best_rating()),
            (1, 5)
        );
        assert_eq!(
            CLASS_SCALE
                .verdicts
                .iter()
                .filter(|v| v.rating.is_none())
                .count(),
            3
        );
        assert_eq!(
            CLASS_SCALE.find("half-true").unwrap().label_fr,
            "À moitié vrai"
        );
    }

    #[test]
    fn labels_say_no_verdict_and_keep_unknown_ids() {
        assert_eq!(CLASS_SCALE.label_en(None), "No verdict yet");
        assert_eq!(CLASS_SCALE.label_en(Some("false")), "False");
        assert_eq!(CLASS_SCALE.label_en(Some("pants-on-fire")), "pants-on-fire");
    }
}
