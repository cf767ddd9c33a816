//! roadmap-gen: the library behind the `gen` command, a static site generator for multilingual
//! learning roadmaps.
//!
//! The pipeline runs one way, one module per stage:
//! [`read`] → [`encoding`] → [`parse`] → [`model`] → [`link`] → [`render`] → [`write`],
//! driven by [`pipeline`]; [`search`] builds the per-language search indexes beside the pages;
//! [`serve`] keeps a live preview of it; [`check`] runs the pipeline without writing and checks
//! links, anchors and encoding. [`diagnostic`] carries problems to the user; [`config`] is
//! `site.toml`; [`i18n`] the Fluent UI strings; [`translation`] which units of each
//! translation are current, outdated or missing.

/// Like `println!`, for what a command prints on stdout; a closed pipe (`gen i18n status | head`)
/// ends the program quietly instead of panicking, as other Unix tools do.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            $crate::cli::stdout_failed(e)
        }
    }};
}

/// Like `print!`, with the same handling of a closed pipe as `outln!`.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            $crate::cli::stdout_failed(e)
        }
    }};
}

pub mod check;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod encoding;
pub mod i18n;
pub mod import;
pub mod link;
pub mod memory;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;
pub mod timings;
pub mod translation;
pub mod write;
