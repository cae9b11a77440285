//! The crate's error type.

use std::{fmt, io};

/// What went wrong while loading a dictionary or restoring a stream.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A dictionary source could not be read.
    Io {
        /// The dictionary's name (usually its file name).
        dictionary: String,
        /// The underlying error.
        error: io::Error,
    },
    /// A dictionary source is not valid UTF-8.
    NotUtf8 {
        /// The dictionary's name.
        dictionary: String,
        /// 1-based line number of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A dictionary line is malformed.
    Parse {
        /// The dictionary's name.
        dictionary: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong, and how to fix it.
        reason: String,
    },
    /// Reading or writing a stream failed while restoring.
    Stream(io::Error),
    /// Streamed input is not valid UTF-8.
    StreamNotUtf8 {
        /// Byte offset of the first invalid byte in the whole stream.
        offset: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { dictionary, error } => {
                write!(f, "cannot read dictionary {dictionary}: {error}; check the path and permissions")
            }
            Error::NotUtf8 {
                dictionary,
                line,
                offset,
            } => write!(
                f,
                "{dictionary}:{line}: the dictionary is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8"
            ),
            Error::Parse { dictionary, line, reason } => {
                write!(f, "{dictionary}:{line}: {reason}")
            }
            Error::Stream(error) => write!(f, "restoring a stream failed: {error}"),
            Error::StreamNotUtf8 { offset } => write!(
                f,
                "input is not UTF-8 (invalid byte at offset {offset}); convert it to UTF-8 first"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { error, .. } | Error::Stream(error) => Some(error),
            _ => None,
        }
    }
}
