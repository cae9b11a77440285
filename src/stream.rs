//! Cutting text into chunks that are restored one after another.
//!
//! A chunk ends at the last paragraph break (else line break, else sentence end, else space,
//! else char) within `MAX_CHUNK` bytes. Each is decided on a window that adds `CONTEXT` bytes on
//! either side, and keeps the replacements that start in it (the last may end past the cut, which
//! then moves to its end): so a cut inside a phrase or a word, where a long line leaves no
//! better place, changes nothing. Both [`Restorer::restore`](crate::Restorer::restore) and
//! [`Restorer::restore_stream`](crate::Restorer::restore_stream) cut the same way, which is what
//! makes their output identical, and what bounds the memory of the stream. Both loops are
//! here: over a whole text ([`restore_text`]) and over a reader ([`restore_reader`]); the
//! restorer hands them how to decide a window.

use std::{borrow::Cow, io::Read};

use crate::{
    edit::{Edit, Replacement},
    error::Error,
    render::render,
};

/// The largest chunk, in bytes; also the unit over which document evidence (spin score,
/// dictionary clauses) is gathered.
const MAX_CHUNK: usize = 256 * 1024;

/// The text read on each side of a chunk to decide it: more than the longest key (1,024 bytes)
/// and the few words of context that the decoder and the phrase model read around a replacement.
const CONTEXT: usize = 4 * 1024;

/// Restores `text`, chunk by chunk, with the replacements that `decide` chooses in each
/// chunk's window, collecting the edits if asked; also returns how many.
pub(crate) fn restore_text<'t, 'd>(
    text: &'t str,
    mut edits: Option<&mut Vec<Edit>>,
    mut decide: impl FnMut(&str) -> Vec<Replacement<'d>>,
) -> (Cow<'t, str>, usize) {
    let mut out: Option<String> = None;
    let mut count = 0;
    let mut start = 0;
    while start < text.len() {
        let (end, replacements) = decide_chunk(text, start, &mut decide);
        count += replacements.len();
        if !(replacements.is_empty() && out.is_none()) {
            let buffer = out.get_or_insert_with(|| {
                let mut buffer = String::with_capacity(text.len() + text.len() / 8);
                buffer.push_str(&text[..start]);
                buffer
            });
            render(
                &text[start..end],
                start,
                &replacements,
                buffer,
                edits.as_deref_mut(),
            );
        }
        start = end;
    }
    (out.map_or(Cow::Borrowed(text), Cow::Owned), count)
}

/// The chunk of `text` that starts at `start`: where it ends, and the replacements in it
/// (offsets from `start`), which `decide` chooses on a window that reaches `CONTEXT` bytes past
/// both of its ends. Needs `text` to hold those bytes before `start` where the input has them,
/// and `MAX_CHUNK + CONTEXT + 3` bytes from `start` unless it ends the input.
fn decide_chunk<'d>(
    text: &str,
    start: usize,
    decide: impl FnOnce(&str) -> Vec<Replacement<'d>>,
) -> (usize, Vec<Replacement<'d>>) {
    let cut = start + chunk_len(&text[start..]);
    let from = floor_boundary(text, start.saturating_sub(CONTEXT));
    let to = ceil_boundary(text, (cut + CONTEXT).min(text.len()));
    let mut replacements = decide(&text[from..to]);
    replacements.retain(|c| (start..cut).contains(&(from + c.start)));
    let end = replacements.last().map_or(cut, |c| cut.max(from + c.end));
    for replacement in &mut replacements {
        replacement.start -= start - from;
        replacement.end -= start - from;
    }
    (end, replacements)
}

/// Restores `reader` chunk by chunk, with the replacements that `decide` chooses in each
/// chunk's window, handing each restored piece to `each` with its edits when `edits` is given
/// (a buffer reused for every piece); returns the number of edits.
pub(crate) fn restore_reader<'d, R: Read>(
    mut reader: R,
    mut edits: Option<&mut Vec<Edit>>,
    mut each: impl FnMut(&str, &[Edit]) -> std::io::Result<()>,
    mut decide: impl FnMut(&str) -> Vec<Replacement<'d>>,
) -> Result<u64, Error> {
    // The input from byte `consumed` of the stream; the next chunk starts at `start`, with
    // the `CONTEXT` bytes before it still held.
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * MAX_CHUNK);
    let mut consumed: u64 = 0;
    let mut start = 0;
    let mut written = 0;
    let mut count = 0u64;
    let mut eof = false;
    let mut restored = String::new();
    // Allocated once: a reader that returns a few bytes a call must not cost a fresh
    // 64 KiB block per call.
    let mut block = vec![0u8; 64 * 1024];
    loop {
        while !eof && buffer.len() - start <= MAX_CHUNK + CONTEXT + 4 {
            let n = match reader.read(&mut block) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::Stream(e)),
            };
            eof = n == 0;
            buffer.extend_from_slice(&block[..n]);
        }
        let text = match std::str::from_utf8(&buffer) {
            Ok(text) => text,
            Err(e) if e.error_len().is_none() && !eof => {
                std::str::from_utf8(&buffer[..e.valid_up_to()]).expect("validated prefix")
            }
            Err(e) => {
                return Err(Error::StreamNotUtf8 {
                    offset: consumed + e.valid_up_to() as u64,
                })
            }
        };
        if start == text.len() {
            break;
        }
        let (end, replacements) = decide_chunk(text, start, &mut decide);
        count += replacements.len() as u64;
        let mut piece = &text[start..end];
        if let Some(edits) = edits.as_deref_mut() {
            edits.clear();
        }
        if !replacements.is_empty() {
            restored.clear();
            let offset = consumed as usize + start;
            render(
                piece,
                offset,
                &replacements,
                &mut restored,
                edits.as_deref_mut(),
            );
            piece = &restored;
        }
        let found = edits.as_deref_mut().map_or(&mut [][..], |edits| {
            for edit in edits.iter_mut() {
                edit.output = edit.output.start + written..edit.output.end + written;
            }
            &mut edits[..]
        });
        each(piece, found).map_err(Error::Stream)?;
        written += piece.len();
        let keep = floor_boundary(text, end.saturating_sub(CONTEXT));
        consumed += keep as u64;
        start = end - keep;
        buffer.drain(..keep);
    }
    Ok(count)
}

/// The length of the first chunk of `rest`. Depends only on `rest[..MAX_CHUNK + 1]`.
fn chunk_len(rest: &str) -> usize {
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
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at` (at most `text.len()`).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
