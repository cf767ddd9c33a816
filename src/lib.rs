//! roadmap-gen: the library behind the `gen` command.
pub mod encoding;
