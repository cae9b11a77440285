//! Helpers for the unit tests.

/// `count` texts of `pieces` fragments each, drawn from `fragments` by a xorshift generator
/// seeded with `seed`: the same texts on every run.
pub(crate) fn generated_texts<'f>(
    fragments: &'f [&'f str],
    count: usize,
    pieces: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'f {
    let mut state = seed;
    (0..count).map(move |_| {
        (0..pieces)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                fragments[(state % fragments.len() as u64) as usize]
            })
            .collect()
    })
}
