//! Cutting text into independently restorable chunks, and restoring a stream chunk by chunk.
//!
//! A chunk ends at the last paragraph break (else line break, else sentence end, else space)
//! within `MAX_CHUNK` bytes, so no match and no context window is split in ordinary text. Both
//! [`Restorer::restore`](crate::Restorer::restore) and
//! [`Restorer::restore_stream`](crate::Restorer::restore_stream) cut the same way, which is what
//! makes their output identical, and what bounds the memory of the stream.

/// The largest chunk, in bytes; also the unit over which document evidence (spin score,
/// dictionary clauses) is gathered.
pub(crate) const MAX_CHUNK: usize = 256 * 1024;

/// The length of the first chunk of `rest`. Depends only on `rest[..MAX_CHUNK + 1]`.
pub(crate) fn chunk_len(rest: &str) -> usize {
    if rest.len() <= MAX_CHUNK {
        return rest.len();
    }
    let mut limit = MAX_CHUNK;
    while !rest.is_char_boundary(limit) {
        limit -= 1;
    }
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
