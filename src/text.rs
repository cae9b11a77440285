//! The rules of text that every step shares: what a word character, a space and an apostrophe
//! are, and the bit-parallel (SWAR) byte tests that answer the ASCII cases eight bytes at a time.
//!
//! It depends on nothing but `std`: `build.rs` and the benches include it (through `#[path]`)
//! for the key normalisation of `dictionary/tsv.rs`.

/// Whether `c` belongs to a word: letters, digits, combining marks and joiners.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
}

/// Whether `c` is an apostrophe: the ASCII one, or a typographic one that dictionary keys fold
/// to it (right and left single quotation marks, the modifier letter apostrophe, the prime).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}')
}

/// The curly apostrophe, the one typographic spelling that text writes instead of `'`.
pub(crate) const CURLY_APOSTROPHE: char = '\u{2019}';

/// `phrase` with each `'` written as [`CURLY_APOSTROPHE`].
pub(crate) fn with_curly_apostrophes(phrase: &str) -> String {
    phrase.replace('\'', "\u{2019}")
}

/// Whether `c` is a typographic hyphen that dictionary keys fold to `-`.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '\u{2010}' | '\u{2011}')
}

/// The spaces that may separate two words of one phrase: space, tab and no-break space (a line
/// break or any other character ends the phrase).
pub(crate) const SPACES: [char; 3] = [' ', '\t', '\u{a0}'];

/// Whether `s` holds nothing but [`SPACES`].
pub(crate) fn only_spaces(s: &str) -> bool {
    s.chars().all(|c| SPACES.contains(&c))
}

/// Whether the char at `at` (a char boundary) is a word char, and its length; ASCII first.
#[inline]
pub(crate) fn class_at(text: &str, at: usize) -> (bool, usize) {
    match text.as_bytes()[at] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        _ => {
            let c = text[at..].chars().next().expect("at is a char boundary");
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// The number of words (runs of word characters) in `text`.
pub(crate) fn word_count(text: &str) -> usize {
    let (mut count, mut in_word, mut at) = (0, false, 0);
    while at < text.len() {
        if let Some(block) = block_at(text.as_bytes(), at) {
            if non_ascii_bytes(block) == 0 {
                let words = !non_alphanumeric_bytes(block) & HIGH_BITS;
                let after_word = words << 8 | u64::from(in_word) << 7;
                count += (words & !after_word).count_ones() as usize;
                in_word = words >> 63 == 1;
                at += 8;
                continue;
            }
        }
        let (word, len) = class_at(text, at);
        count += usize::from(word && !in_word);
        in_word = word;
        at += len;
    }
    count
}

/// Whether `at` (a char boundary) is not inside a word: a word char is missing on one side.
pub(crate) fn is_word_end(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
        || !text[..at].chars().next_back().is_some_and(is_word_char)
}

/// One in each of eight bytes.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each of eight bytes: the SWAR tests below flag a byte by setting its high bit.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at`, little-endian, where there are eight.
pub(crate) fn block_at(bytes: &[u8], at: usize) -> Option<u64> {
    let block = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(block.try_into().expect("8 bytes")))
}

/// The high bit of each byte of `block` that is not ASCII.
pub(crate) fn non_ascii_bytes(block: u64) -> u64 {
    block & HIGH_BITS
}

/// The high bit of each byte of `ascii` (eight ASCII bytes) that is at least `low`: adding
/// `0x80 - low` sets it, and no sum carries into the next byte.
fn ascii_at_least(ascii: u64, low: u8) -> u64 {
    (ascii + u64::from(0x80 - low) * ONES) & HIGH_BITS
}

/// The high bit of each byte of `ascii` (eight ASCII bytes) within `low..=high`.
fn ascii_in_range(ascii: u64, low: u8, high: u8) -> u64 {
    ascii_at_least(ascii, low) & !ascii_at_least(ascii, high + 1)
}

/// The high bit of each byte of `block` that is not an ASCII letter or digit.
pub(crate) fn non_alphanumeric_bytes(block: u64) -> u64 {
    let ascii = block & !HIGH_BITS;
    let letter = ascii_in_range(ascii | (0x20 * ONES), b'a', b'z');
    let digit = ascii_in_range(ascii, b'0', b'9');
    !((letter | digit) & !block) & HIGH_BITS
}

/// The high bit of each byte of `ascii` (eight ASCII bytes) that is a control character.
fn control_bytes(ascii: u64) -> u64 {
    !ascii_at_least(ascii, b' ') & HIGH_BITS
}

/// The high bit of each byte of `ascii` (eight ASCII bytes) that is a space.
fn space_bytes(ascii: u64) -> u64 {
    const LOW7: u64 = !HIGH_BITS;
    let spaced = ascii ^ (u64::from(b' ') * ONES);
    !(((spaced & LOW7) + LOW7) | spaced | LOW7)
}

/// `ascii` (eight ASCII bytes) with its capitals lowercased.
fn ascii_lowercase(ascii: u64) -> u64 {
    let upper = ascii_in_range(ascii, b'A', b'Z');
    ascii | (upper >> 2)
}

/// Eight bytes (little-endian) lowercased, when a dictionary key spells them so but for case:
/// printable ASCII or single spaces, no space first when `after_space` (the key is empty or
/// ends in one).
pub(crate) fn lowercase_plain_block(block: u64, after_space: bool) -> Option<u64> {
    if non_ascii_bytes(block) != 0 || control_bytes(block) != 0 {
        return None;
    }
    let spaces = space_bytes(block);
    if spaces & (spaces << 8) != 0 || (after_space && spaces & 0x80 != 0) {
        return None;
    }
    Some(ascii_lowercase(block))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_are_found_eight_bytes_at_a_time_as_byte_by_byte() {
        // Every byte in every lane, beside neighbours at the edges of each range.
        for filler in [
            b'a', b'z', b'0', b'9', b'`', b'{', b'/', b':', b' ', 0x7f, 0x80, 0xff,
        ] {
            for byte in 0..=255u8 {
                for lane in 0..8 {
                    let mut block = [filler; 8];
                    block[lane] = byte;
                    let mask = non_alphanumeric_bytes(u64::from_le_bytes(block));
                    for (i, b) in block.iter().enumerate() {
                        let flagged = mask >> (8 * i + 7) & 1 == 1;
                        assert_eq!(flagged, !b.is_ascii_alphanumeric(), "{block:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_are_runs_of_word_chars() {
        for (text, expected) in [
            ("", 0),
            ("one", 1),
            ("  two\twords ", 2),
            ("it’s a co-op", 5),
            ("café olé", 2),
            ("nai\u{308}ve", 1),
            ("北京 2024!", 2),
            ("—", 0),
        ] {
            assert_eq!(word_count(text), expected, "{text:?}");
        }
    }

    #[test]
    fn words_are_counted_eight_ascii_bytes_at_a_time_as_char_by_char() {
        let fragments = [
            "a", "Z9", " ", ".", "é", "’", "co-op", "\u{301}", "北京", "  x ", "\n",
        ];
        for text in crate::testing::generated_texts(&fragments, 2000, 24, 0x5851_f42d_4c95_7f2d) {
            let (mut expected, mut in_word) = (0, false);
            for c in text.chars() {
                expected += usize::from(is_word_char(c) && !in_word);
                in_word = is_word_char(c);
            }
            assert_eq!(word_count(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn typographic_apostrophes_and_hyphens_are_recognised() {
        for c in ['\'', '\u{2019}', '\u{2018}', '\u{02BC}', '\u{2032}'] {
            assert!(is_apostrophe(c), "{c:?}");
        }
        for c in ['"', '`', '\u{201D}', '-'] {
            assert!(!is_apostrophe(c), "{c:?}");
        }
        assert!(is_hyphen('\u{2011}') && !is_hyphen('-') && !is_hyphen('\u{2014}'));
    }

    #[test]
    fn spaces_join_the_words_of_a_line_only() {
        for (gap, joins) in [
            (" ", true),
            ("\t", true),
            ("\u{a0} \t", true),
            ("", true),
            ("\n", false),
            (" - ", false),
        ] {
            assert_eq!(only_spaces(gap), joins, "{gap:?}");
        }
    }
}
