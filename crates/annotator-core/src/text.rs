//! Code-point arithmetic on Rust strings, which index UTF-8 bytes.

/// Number of Unicode code points in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Byte index of the code point at `char_index`, or `s.len()` past the end.
pub fn byte_index(s: &str, char_index: usize) -> usize {
    s.char_indices()
        .nth(char_index)
        .map_or(s.len(), |(byte, _)| byte)
}

/// The code points `[start, end)` of `s`, clamped to its length.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let from = byte_index(s, start);
    let to = from + byte_index(&s[from..], end.saturating_sub(start));
    &s[from..to]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_code_points_in_accented_and_emoji_text() {
        let s = "Pékin 🇨🇳 sécurité";
        assert_eq!(char_len(s), 17);
        assert_eq!(char_slice(s, 0, 5), "Pékin");
        assert_eq!(char_slice(s, 6, 8), "🇨🇳");
        assert_eq!(char_slice(s, 9, 100), "sécurité");
        assert_eq!(char_slice(s, 50, 60), "");
    }
}
