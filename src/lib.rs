//! roadmap-gen: the library behind the `gen` command.
