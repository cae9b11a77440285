//! The dictionary source format and key normalisation.
//!
//! This file is shared verbatim with `build.rs` (through `#[path]`), so that the embedded default
//! dictionaries and run-time dictionaries are parsed and normalised by the same code. It therefore
//! depends on nothing but `std` and the crate's `text` module, which `build.rs` includes too.

use crate::text::{block_at, is_apostrophe, is_hyphen, lowercase_plain_block};

/// The longest spun phrase, original or clause phrase accepted, in bytes.
pub const MAX_PHRASE_BYTES: usize = 1024;
/// The most clauses a line may have: the compiled table stores their count in a byte.
pub const MAX_CLAUSES: usize = 255;

/// Normalises a phrase into a dictionary key: lowercase, typographic apostrophes folded to `'`,
/// typographic hyphens folded to `-`, every run of whitespace (including no-break spaces) folded to
/// one ASCII space, and no leading or trailing whitespace.
pub fn normalize_key(phrase: &str) -> String {
    // A space is written as soon as whitespace follows a character that is not one, and a final
    // one is dropped: the same as writing one before the next character, but it lets eight
    // bytes at a time go through `lowercase_plain_block`.
    let bytes = phrase.as_bytes();
    let mut key: Vec<u8> = Vec::with_capacity(phrase.len());
    let mut at = 0;
    while at < bytes.len() {
        if let Some(block) = block_at(bytes, at) {
            let after_space = key.last().map_or(true, |&b| b == b' ');
            if let Some(lower) = lowercase_plain_block(block, after_space) {
                key.extend_from_slice(&lower.to_le_bytes());
                at += 8;
                continue;
            }
        }
        let c = phrase[at..].chars().next().expect("at is a char boundary");
        at += c.len_utf8();
        if c.is_whitespace() {
            if key.last().is_some_and(|&b| b != b' ') {
                key.push(b' ');
            }
            continue;
        }
        let mut buffer = [0; 4];
        let mut push = |c: char| key.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
        match c {
            c if is_apostrophe(c) => push('\''),
            c if is_hyphen(c) => push('-'),
            c => c.to_lowercase().for_each(push),
        }
    }
    if key.last() == Some(&b' ') {
        key.pop();
    }
    String::from_utf8(key).expect("built from whole chars")
}

/// A condition on the whole document that an entry needs in order to apply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clause {
    /// The document must also contain this (normalised) phrase: `+phrase`.
    Requires(String),
    /// The document must not contain this (normalised) phrase: `-phrase`.
    Excludes(String),
}

/// One parsed line: a spun phrase and one candidate original.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// 1-based line number in the source.
    pub number: usize,
    /// The normalised spun phrase.
    pub key: String,
    /// The original phrase, as written in the source.
    pub original: String,
    /// The prior, in (0, 1].
    pub weight: f32,
    /// Document conditions, all of which must hold.
    pub clauses: Vec<Clause>,
}

/// Why a source line was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it, phrased as what to fix.
    pub reason: String,
}

/// Parses dictionary source text: `spun<TAB>original[<TAB>weight[<TAB>clauses]]` per line, `#`
/// comments and blank lines ignored, a leading byte-order mark skipped. Clauses are
/// `;`-separated `+phrase` or `-phrase`.
pub fn parse(text: &str) -> Result<Vec<Line>, LineError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fail = |reason: String| LineError {
            line: index + 1,
            reason,
        };
        let fields: Vec<&str> = raw.split('\t').collect();
        if fields.len() < 2 || fields.len() > 4 {
            return Err(fail(format!(
                "expected 2 to 4 tab-separated fields (spun, original, weight, clauses), found {}",
                fields.len()
            )));
        }
        let key = normalize_key(fields[0]);
        if key.is_empty() {
            return Err(fail("the spun phrase (field 1) is empty".into()));
        }
        if !key.chars().any(char::is_alphanumeric) {
            return Err(fail(format!(
                "the spun phrase (field 1) {key:?} has no letter or digit, so it would match inside words; give a phrase with a word in it"
            )));
        }
        let original = fields[1].trim();
        if original.is_empty() {
            return Err(fail("the original phrase (field 2) is empty".into()));
        }
        if key.len() > MAX_PHRASE_BYTES || original.len() > MAX_PHRASE_BYTES {
            return Err(fail(format!(
                "phrases are limited to {MAX_PHRASE_BYTES} bytes; shorten this one"
            )));
        }
        let weight = match fields.get(2).map(|w| w.trim()) {
            None | Some("") => 1.0,
            Some(w) => match w.parse::<f32>() {
                Ok(w) if w > 0.0 && w <= 1.0 => w,
                _ => {
                    return Err(fail(format!(
                        "the weight (field 3) must be a number in (0, 1], found {w:?}"
                    )))
                }
            },
        };
        let clauses = match fields.get(3) {
            None => Vec::new(),
            Some(field) => parse_clauses(field).map_err(fail)?,
        };
        lines.push(Line {
            number: index + 1,
            key,
            original: original.to_string(),
            weight,
            clauses,
        });
    }
    Ok(lines)
}

fn parse_clauses(field: &str) -> Result<Vec<Clause>, String> {
    let mut clauses = Vec::new();
    for clause in field.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let mut chars = clause.chars();
        let sign = chars.next();
        let phrase = normalize_key(chars.as_str());
        if phrase.is_empty() {
            return Err(format!("the clause {clause:?} (field 4) names no phrase"));
        }
        if phrase.len() > MAX_PHRASE_BYTES {
            return Err(format!(
                "clause phrases (field 4) are limited to {MAX_PHRASE_BYTES} bytes; shorten the one starting {:?}",
                clause.chars().take(20).collect::<String>()
            ));
        }
        if clauses.len() == MAX_CLAUSES {
            return Err(format!(
                "a line has at most {MAX_CLAUSES} clauses (field 4); split the condition over fewer, broader phrases"
            ));
        }
        clauses.push(match sign {
            Some('+') => Clause::Requires(phrase),
            Some('-') => Clause::Excludes(phrase),
            _ => {
                return Err(format!(
                    "each clause (field 4) starts with + (document must contain) or - (must not contain), found {clause:?}"
                ))
            }
        });
    }
    Ok(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_normalised() {
        for (phrase, key) in [
            ("Mentioned", "mentioned"),
            ("isn’t  any", "isn't any"),
            ("ISN'T ANY", "isn't any"),
            ("well\u{2011}known", "well-known"),
            ("  in\u{a0}the\tpast ", "in the past"),
            ("Über", "über"),
            ("", ""),
        ] {
            assert_eq!(normalize_key(phrase), key, "{phrase:?}");
        }
    }

    #[test]
    fn blocks_of_eight_bytes_normalise_like_single_chars() {
        // Each text crosses block boundaries in every alignment of its interesting bytes.
        let reference = |phrase: &str| {
            let mut key = String::new();
            for word in phrase.split(char::is_whitespace).filter(|w| !w.is_empty()) {
                if !key.is_empty() {
                    key.push(' ');
                }
                for c in word.chars() {
                    match c {
                        c if is_apostrophe(c) => key.push('\''),
                        c if is_hyphen(c) => key.push('-'),
                        c => key.extend(c.to_lowercase()),
                    }
                }
            }
            key
        };
        for text in [
            "The Quick Brown Fox Jumps Over The Lazy Dog, AGAIN and again!",
            "two  spaces\nand\ttabs   here\r\n  end  ",
            "@[`{~ AZaz 09 \u{7f}\u{1f}x",
            "naïve CAFÉ — it’s İstanbul’s ‐ well\u{2011}known\u{a0}place",
        ] {
            for shift in 0..8 {
                let phrase = format!("{}{text}", " ".repeat(shift));
                assert_eq!(normalize_key(&phrase), reference(&phrase), "{phrase:?}");
            }
        }
    }

    #[test]
    fn lines_parse() {
        let text = "# comment\n\nnavy help\tmilitary aid\nkeen\twilling\t0.6\r\nbosom\tbreast\t\t+breast; -poem\n";
        let lines = parse(text).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (
                lines[0].key.as_str(),
                lines[0].original.as_str(),
                lines[0].weight
            ),
            ("navy help", "military aid", 1.0)
        );
        assert_eq!(lines[1].weight, 0.6);
        assert_eq!(
            lines[2].clauses,
            vec![
                Clause::Requires("breast".into()),
                Clause::Excludes("poem".into())
            ]
        );
    }

    #[test]
    fn the_longest_accepted_clauses_parse() {
        let text = format!("a\tb\t\t{}+{}\n", "+x;".repeat(254), "y".repeat(1024));
        let lines = parse(&text).unwrap();
        assert_eq!(lines[0].clauses.len(), MAX_CLAUSES);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let lines = parse("\u{feff}gr8\tgreat\n").unwrap();
        assert_eq!((lines[0].key.as_str(), lines[0].number), ("gr8", 1));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        for (text, line, reason) in [
            ("navy help", 1, "expected 2 to 4 tab-separated fields"),
            ("ok\tfine\n\ta\n", 2, "spun phrase (field 1) is empty"),
            ("a\t \n", 1, "original phrase (field 2) is empty"),
            (
                "a\tb\t1.5\n",
                1,
                "weight (field 3) must be a number in (0, 1]",
            ),
            (
                "a\tb\t0\n",
                1,
                "weight (field 3) must be a number in (0, 1]",
            ),
            (
                "a\tb\tx\n",
                1,
                "weight (field 3) must be a number in (0, 1]",
            ),
            ("a\tb\t\t*c\n", 1, "each clause (field 4) starts with +"),
            ("a\tb\t\t+\n", 1, "names no phrase"),
            ("a\tb\t1\t\t\n", 1, "expected 2 to 4 tab-separated fields"),
            ("ok\tfine\n.\tSTOP\n", 2, "has no letter or digit"),
            ("\u{200b}\tx\n", 1, "has no letter or digit"),
            ("- -\tx\n", 1, "has no letter or digit"),
            (
                &format!("a\tb\t\t+{}\n", "ab ".repeat(342)),
                1,
                "clause phrases (field 4) are limited to 1024 bytes",
            ),
            (
                &format!("a\tb\t\t{}\n", "+x;".repeat(256)),
                1,
                "at most 255 clauses",
            ),
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.line, line, "{text:?}");
            assert!(error.reason.contains(reason), "{text:?}: {}", error.reason);
        }
    }
}
