//! Turns the decoder's replacements into output text and [`Edit`] records: case transfer, a/an
//! agreement, and every byte outside an edit copied as it is.

use std::borrow::Cow;

use crate::{
    edit::{Edit, Replacement},
    text::{is_word_char, with_curly_apostrophes, CURLY_APOSTROPHE, SPACES},
};

/// Applies `replacements` (sorted, non-overlapping) to `text`, appending to `out`, and to
/// `edits` when the caller wants them (building them costs three strings an edit); `offset` is
/// added to input spans and `out.len()` at entry is where output spans start from.
pub(crate) fn render(
    text: &str,
    offset: usize,
    replacements: &[Replacement<'_>],
    out: &mut String,
    mut edits: Option<&mut Vec<Edit>>,
) {
    let mut copied = 0;
    let curly = once_cell::unsync::Lazy::new(|| uses_curly_apostrophes(text));
    for r in replacements {
        let spun = &text[r.start..r.end];
        let mut start = r.start;
        let mut replacement = transfer_case(spun, &r.original);
        // The spun phrase's own apostrophes first, then the text's.
        let curly = || match (spun.contains(CURLY_APOSTROPHE), spun.contains('\'')) {
            (true, _) => true,
            (false, true) => false,
            (false, false) => *curly,
        };
        if replacement.contains('\'') && curly() {
            replacement = Cow::Owned(with_curly_apostrophes(&replacement));
        }
        if let Some((article_start, article)) = preceding_article(text, r.start) {
            let wanted = article_for(&replacement);
            if article_start >= copied && !article.eq_ignore_ascii_case(wanted) {
                let fixed = transfer_case(article, wanted);
                replacement = Cow::Owned(format!(
                    "{fixed}{}{replacement}",
                    &text[article_start + article.len()..r.start]
                ));
                start = article_start;
            }
        }
        out.push_str(&text[copied..start]);
        let output_start = out.len();
        out.push_str(&replacement);
        if let Some(edits) = edits.as_deref_mut() {
            edits.push(Edit {
                input: offset + start..offset + r.end,
                output: output_start..out.len(),
                spun: text[start..r.end].to_string(),
                original: replacement.into_owned(),
                dictionary: r.source.to_string(),
                confidence: r.confidence,
            });
        }
        copied = r.end;
    }
    out.push_str(&text[copied..]);
}

/// Whether `text` writes its apostrophes curly (`’`) more often than straight (`'`): restored
/// phrases ("it's", "countries'") follow the text's style, unless the spun phrase has its own.
fn uses_curly_apostrophes(text: &str) -> bool {
    text.matches(CURLY_APOSTROPHE).count() > text.matches('\'').count()
}

/// Gives `original` the case pattern of `spun`: ALL CAPS, Title Case of every word, a capital
/// first letter, or the dictionary's own case (borrowed).
pub(crate) fn transfer_case<'o>(spun: &str, original: &'o str) -> Cow<'o, str> {
    let mut letters = spun.chars().filter(|c| c.is_alphabetic());
    if !letters.next().is_some_and(char::is_uppercase) {
        return Cow::Borrowed(original);
    }
    let mut rest = letters.peekable();
    if rest.peek().is_some() && rest.all(char::is_uppercase) {
        return Cow::Owned(original.to_uppercase());
    }
    let mut spun_words = spun.split_whitespace();
    let every_word_capitalised = spun_words.clone().nth(1).is_some()
        && spun_words.all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let mut out = String::with_capacity(original.len());
    for (i, word) in original.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0 || (every_word_capitalised && !is_minor_word(word)) {
            capitalise_into(word, &mut out);
        } else {
            out.push_str(word);
        }
    }
    Cow::Owned(out)
}

fn capitalise_into(word: &str, out: &mut String) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn is_minor_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an" | "and" | "at" | "by" | "for" | "in" | "of" | "on" | "or" | "the" | "to"
    )
}

/// The article ("a"/"an") directly before `at`, separated only by [`SPACES`], with its offset.
fn preceding_article(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(SPACES);
    if trimmed.len() == before.len() {
        return None;
    }
    for article in ["an", "a"] {
        if trimmed.len() >= article.len() && trimmed.is_char_boundary(trimmed.len() - article.len())
        {
            let start = trimmed.len() - article.len();
            let word = &trimmed[start..];
            let bounded = !trimmed[..start]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            if word.eq_ignore_ascii_case(article) && bounded {
                return Some((start, word));
            }
        }
    }
    None
}

/// "a" or "an" for the phrase that follows it, by the sound of its first word.
pub(crate) fn article_for(phrase: &str) -> &'static str {
    let word: String = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let lower = word.to_lowercase();
    let spelled_out = word.len() > 1
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (word.len() < 4 || !word.contains(['A', 'E', 'I', 'O', 'U']));
    let an = if spelled_out {
        lower.starts_with(['a', 'e', 'f', 'h', 'i', 'l', 'm', 'n', 'o', 'r', 's', 'x'])
    } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = lower.chars().take_while(char::is_ascii_digit).collect();
        digits.starts_with('8')
            || ["11", "18"]
                .iter()
                .any(|p| digits.starts_with(p) && (digits.len() - p.len()) % 3 == 0)
    } else if ["hour", "honest", "honor", "honour", "heir"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        true
    } else if [
        "uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once", "ubiq", "ufo",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        false
    } else {
        lower.starts_with(['a', 'e', 'i', 'o', 'u'])
    };
    if an {
        "an"
    } else {
        "a"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_transferred() {
        for (spun, original, expected) in [
            ("mentioned", "said", "said"),
            ("Mentioned", "said", "Said"),
            ("MENTIONED", "said", "SAID"),
            ("Additionally it is", "it is also", "It is also"),
            ("Submit Workplace", "post office", "Post Office"),
            ("Supreme Court docket", "Supreme Court", "Supreme Court"),
            (
                "Metropolis Corridor of the town",
                "city hall of the town",
                "City hall of the town",
            ),
            (
                "Metropolis Corridor",
                "city hall of york",
                "City Hall of York",
            ),
            ("invoice gates", "Bill Gates", "Bill Gates"),
            ("élan", "verve", "verve"),
            ("Élan", "verve", "Verve"),
            ("I", "me", "Me"),
        ] {
            assert_eq!(
                transfer_case(spun, original),
                expected,
                "{spun:?} -> {original:?}"
            );
        }
    }

    #[test]
    fn articles_follow_the_sound() {
        for (phrase, article) in [
            ("statement", "a"),
            ("announcement", "an"),
            ("indication", "an"),
            ("sign", "a"),
            ("hour", "an"),
            ("honest man", "an"),
            ("house", "a"),
            ("university", "a"),
            ("umbrella", "an"),
            ("European", "a"),
            ("one-off", "a"),
            ("FBI agent", "an"),
            ("NATO summit", "a"),
            ("8-year-old", "an"),
            ("18th", "an"),
            ("180", "a"),
            ("11", "an"),
            ("2", "a"),
        ] {
            assert_eq!(article_for(phrase), article, "{phrase:?}");
        }
    }

    #[test]
    fn restored_apostrophes_follow_the_text() {
        for (text, expected) in [
            (
                "That is it’s own problem, isn’t it?",
                "That’s it’s own problem, isn’t it?",
            ),
            (
                "That is it's own problem, isn't it?",
                "That's it's own problem, isn't it?",
            ),
            ("That is all.", "That's all."),
        ] {
            let replacement = Replacement {
                start: 0,
                end: 7,
                original: "that's".into(),
                source: "t",
                confidence: 1.0,
            };
            let (mut out, mut edits) = (String::new(), Vec::new());
            render(text, 0, &[replacement], &mut out, Some(&mut edits));
            assert_eq!(out, expected, "{text:?}");
        }
    }

    #[test]
    fn an_article_before_a_tab_is_fixed_as_the_decoder_joins_words_across_one() {
        // The decoder reads words across `SPACES` (`only_spaces`); so does the article fix.
        let text = "An\tannouncement";
        assert!(crate::text::only_spaces(&text[2..3]));
        let replacement = Replacement {
            start: 3,
            end: text.len(),
            original: "statement".into(),
            source: "t",
            confidence: 1.0,
        };
        let mut out = String::new();
        render(text, 0, &[replacement], &mut out, None);
        assert_eq!(out, "A\tstatement");
    }

    #[test]
    fn rendering_fixes_articles_and_keeps_other_bytes() {
        let text = "An announcement\u{a0}and a indication, then “an  announcement”.";
        let at = |needle: &str, from: usize| text[from..].find(needle).unwrap() + from;
        let first = at("announcement", 0);
        let second = at("indication", 0);
        let third = at("announcement", first + 1);
        let replacements = [
            Replacement {
                start: first,
                end: first + 12,
                original: "statement".into(),
                source: "t",
                confidence: 1.0,
            },
            Replacement {
                start: second,
                end: second + 10,
                original: "sign".into(),
                source: "t",
                confidence: 1.0,
            },
            Replacement {
                start: third,
                end: third + 12,
                original: "statement".into(),
                source: "t",
                confidence: 1.0,
            },
        ];
        let (mut out, mut edits) = (String::new(), Vec::new());
        render(text, 0, &replacements, &mut out, Some(&mut edits));
        assert_eq!(out, "A statement\u{a0}and a sign, then “a  statement”.");
        assert_eq!(edits[0].spun, "An announcement");
        assert_eq!(edits[0].original, "A statement");
        assert_eq!(edits[1].spun, "indication");
        for edit in &edits {
            assert_eq!(&out[edit.output.clone()], edit.original);
            assert_eq!(&text[edit.input.clone()], edit.spun);
        }
    }
}
