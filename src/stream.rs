//! Cutting text into chunks that are restored one after another.
//!
//! A chunk ends at the last paragraph break (else line break, else sentence end, else space,
//! else char) within `MAX_CHUNK` bytes. Each is decided on a window that adds `CONTEXT` bytes on
//! either side, and keeps the choices that start in it (the last may end past the cut, which
//! then moves to its end): so a cut inside a phrase or a word, where a long line leaves no
//! better place, changes nothing. Both [`Restorer::restore`](crate::Restorer::restore) and
//! [`Restorer::restore_stream`](crate::Restorer::restore_stream) cut the same way, which is what
//! makes their output identical, and what bounds the memory of the stream.

/// The largest chunk, in bytes; also the unit over which document evidence (spin score,
/// dictionary clauses) is gathered.
pub(crate) const MAX_CHUNK: usize = 256 * 1024;

/// The text read on each side of a chunk to decide it: more than the longest key (1,024 bytes)
/// and the few words of context that the decoder and the phrase model read around a choice.
pub(crate) const CONTEXT: usize = 4 * 1024;

/// The length of the first chunk of `rest`. Depends only on `rest[..MAX_CHUNK + 1]`.
pub(crate) fn chunk_len(rest: &str) -> usize {
    if rest.len() <= MAX_CHUNK {
        return rest.len();
    }
    let limit = floor_boundary(rest, MAX_CHUNK);
    let window = &rest[..limit];
    let after = |i: Option<usize>, len: usize| i.map(|i| i + len).filter(|&end| end > 0);
    after(window.rfind("\n\n"), 2)
        .or_else(|| after(window.rfind('\n'), 1))
        .or_else(|| after(window.rfind(". "), 2))
        .or_else(|| {
            window
                .rfind(char::is_whitespace)
                .map(|i| i + window[i..].chars().next().map_or(1, char::len_utf8))
        })
        .unwrap_or(limit)
}

/// Splits `text` into `(offset, chunk)` pairs.
pub(crate) fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let len = chunk_len(&text[offset..]);
        let chunk = (offset, &text[offset..offset + len]);
        offset += len;
        Some(chunk)
    })
}

/// The char boundary at or before `at` (at most `text.len()`).
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at` (at most `text.len()`).
pub(crate) fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
