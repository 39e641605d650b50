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

/// Number of code points in the first `utf16_units` UTF-16 code units of `s`.
/// A position inside a surrogate pair rounds down to the pair's start.
pub fn utf16_to_chars(s: &str, utf16_units: usize) -> usize {
    let mut units = 0;
    for (count, c) in s.chars().enumerate() {
        units += c.len_utf16();
        if units > utf16_units {
            return count;
        }
    }
    char_len(s)
}

/// A string's code points, indexable, for algorithms that move by position.
pub fn chars_of(s: &str) -> Vec<char> {
    s.chars().collect()
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

    #[test]
    fn converts_utf16_offsets_to_code_points() {
        // "é" is one UTF-16 unit, "😀" is two (a surrogate pair).
        let s = "é😀a";
        assert_eq!(utf16_to_chars(s, 0), 0);
        assert_eq!(utf16_to_chars(s, 1), 1);
        assert_eq!(utf16_to_chars(s, 2), 1, "inside the pair rounds down");
        assert_eq!(utf16_to_chars(s, 3), 2);
        assert_eq!(utf16_to_chars(s, 4), 3);
        assert_eq!(utf16_to_chars(s, 99), 3);
    }
}
