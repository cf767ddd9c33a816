//! Giving memory back to the system between the stages of a build.
//!
//! A build frees memory in bulk where one stage ends (the sources once parsed, the sitemap once
//! written, the parts of the mention index once joined, each part of a search index once merged)
//! and the next one starts allocating. The allocator keeps freed pages resident for a while, in
//! case they are wanted again (jemalloc: `dirty_decay_ms`, see `src/main.rs`), and the next
//! stage's own peak then sits on top of them: at 1,000 roadmaps, 15–35 MB of a build's peak was
//! memory already freed. [`release`] hands it back at those points, where nothing is lost by
//! doing so; the allocator's decay handles the rest, inside the stages.
//!
//! The library does not know the allocator: the `gen` binary, which chooses it, registers how to
//! release memory and how to read the allocator's figures ([`set_allocator`]). Without that (in
//! tests, or a program that uses the library with another allocator) both do nothing.

use std::sync::OnceLock;

/// What the binary's allocator can do for [`release`] and [`stats`].
#[derive(Debug, Clone, Copy)]
pub struct Allocator {
    /// Returns every freed page of every arena to the system.
    pub release: fn(),
    /// The allocator's figures now, in bytes (for `GEN_TIMINGS`).
    pub stats: fn() -> Option<Stats>,
}

/// The allocator's own figures, in bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Bytes the program asked for and has not freed.
    pub allocated: usize,
    /// Bytes of the pages that hold them (allocated bytes and the gaps between them).
    pub active: usize,
    /// Bytes resident in memory: the active pages, freed pages not yet given back and the
    /// allocator's own bookkeeping.
    pub resident: usize,
}

static ALLOCATOR: OnceLock<Allocator> = OnceLock::new();

/// Registers the process's allocator (once; later calls are ignored).
pub fn set_allocator(a: Allocator) {
    let _ = ALLOCATOR.set(a);
}

/// Gives the memory freed so far back to the system (a few milliseconds: the pages are unmapped
/// or marked free, not copied).
pub fn release() {
    if let Some(a) = ALLOCATOR.get() {
        (a.release)();
    }
}

/// The allocator's figures now, when the binary registered an allocator that has them.
pub fn stats() -> Option<Stats> {
    (ALLOCATOR.get()?.stats)()
}
