//! Markdown events stored compactly. A `Vec<Event<'static>>` costs 80 bytes per event plus an
//! allocation for every piece of text — about ten times the Markdown it came from, which for a
//! thousand roadmaps is most of a build's memory. [`Events`] keeps them in one buffer, a few bytes
//! more than the text, and decodes them on the fly with strings borrowed from the buffer.
//!
//! The encoding is written by hand (see [`codec`]) rather than taken from a serde format such as
//! postcard, which this module used before: a build decodes every unit's events several times
//! (mention scan, each page that shows the unit, search), and a serde format must check on every
//! decode that each string is UTF-8. Here only [`Events::push`] writes the buffers, always from
//! `&str`, so the decoder can borrow the strings without checking them again; at 1,000 roadmaps
//! that check was about 7 % of a build's CPU time.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use pulldown_cmark::Event;

/// The Markdown events of one chunk of a document, in one compact buffer.
///
/// While a document is parsed, each chunk owns its buffer. Once its edition is modelled, the
/// buffers of all its units are joined and compressed into one [`Store`] ([`share`]), and each
/// unit keeps only its place in it: the joined buffer of a whole edition compresses about three
/// times as well as each unit's alone, and events are most of a large site's memory. Reading
/// them goes through [`Events::load`], which decompresses the edition unless it is [pinned](Pin).
#[derive(Clone, Default)]
pub struct Events {
    repr: Repr,
    len: u32,
}

#[derive(Clone)]
enum Repr {
    /// Encoded events; only [`codec::encode`] writes them (see the invariant in [`codec`]).
    Own(Vec<u8>),
    /// `start..end` of the decompressed bytes of `store`.
    Shared { store: Arc<Store>, start: u32, end: u32 },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Own(Vec::new())
    }
}

impl Events {
    /// No events.
    pub const fn new() -> Self {
        Events { repr: Repr::Own(Vec::new()), len: 0 }
    }

    /// Appends an event (to events not yet [`share`]d; shared events are never written again).
    pub fn push(&mut self, event: &Event<'_>) {
        if let Repr::Own(bytes) = &mut self.repr {
            codec::encode(event, bytes);
            self.len += 1;
        }
    }

    /// Frees spare capacity once the chunk is complete.
    pub fn shrink_to_fit(&mut self) {
        if let Repr::Own(bytes) = &mut self.repr {
            bytes.shrink_to_fit();
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The events, ready to decode: borrowed when this chunk owns them; else the bytes of its
    /// edition, taken from the store's pin or decompressed for this call.
    pub fn load(&self) -> Loaded<'_> {
        match &self.repr {
            Repr::Own(bytes) => Loaded { bytes: Bytes::Borrowed(bytes), start: 0, end: bytes.len(), len: self.len() },
            Repr::Shared { store, start, end } => Loaded {
                bytes: Bytes::Shared(store.bytes()),
                start: *start as usize,
                end: *end as usize,
                len: self.len(),
            },
        }
    }

    /// The encoded bytes, when this chunk owns them.
    fn own_bytes(&self) -> &[u8] {
        match &self.repr {
            Repr::Own(bytes) => bytes,
            Repr::Shared { .. } => &[],
        }
    }
}

impl PartialEq for Events {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.load().raw() == other.load().raw()
    }
}

impl Eq for Events {}

impl<'e> FromIterator<Event<'e>> for Events {
    fn from_iter<I: IntoIterator<Item = Event<'e>>>(iter: I) -> Self {
        let mut events = Events::new();
        for e in iter {
            events.push(&e);
        }
        events.shrink_to_fit();
        events
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.load().iter()).finish()
    }
}

/// The bytes behind [`Loaded`].
enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Shared(Arc<Vec<u8>>),
}

/// Events made readable by [`Events::load`]; decode them with [`Loaded::iter`].
pub struct Loaded<'a> {
    bytes: Bytes<'a>,
    start: usize,
    end: usize,
    len: usize,
}

impl Loaded<'_> {
    fn raw(&self) -> &[u8] {
        let all: &[u8] = match &self.bytes {
            Bytes::Borrowed(b) => b,
            Bytes::Shared(b) => b,
        };
        all.get(self.start..self.end).unwrap_or_default()
    }

    /// Decodes the events one by one; their strings borrow from `self`.
    pub fn iter(&self) -> Iter<'_> {
        Iter { reader: codec::Reader::new(self.raw()), left: self.len }
    }

    /// All events, decoded (strings still borrowed from `self`).
    pub fn to_vec(&self) -> Vec<Event<'_>> {
        self.iter().collect()
    }
}

impl<'a> IntoIterator for &'a Loaded<'_> {
    type Item = Event<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The events of every unit of one edition, joined and compressed with Zstandard (the `zstd`
/// crate, at level [`LEVEL`]).
///
/// Zstandard rather than LZ4, which this used before: events are the largest part of the model
/// that every stage of a build holds, and Zstandard keeps them in 28 % less memory (20.2 →
/// 14.6 MB at 1,000 roadmaps). Decompressing takes nearly twice LZ4's instructions, but an
/// edition is decompressed only a few times in a build (each is pinned while read): at 1,000
/// roadmaps the build's CPU time did not change measurably.
pub struct Store {
    compressed: Box<[u8]>,
    size: usize,
    /// The decompressed bytes while the store is pinned, with the number of pins.
    pinned: Mutex<(usize, Option<Arc<Vec<u8>>>)>,
}

impl Store {
    fn lock(&self) -> MutexGuard<'_, (usize, Option<Arc<Vec<u8>>>)> {
        self.pinned.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn decompress(&self) -> Arc<Vec<u8>> {
        // The bytes were compressed by `share` from a buffer of exactly `size` bytes, in memory.
        // The decompressor checks every offset: were the store ever corrupted, it would give no
        // bytes, and the reader would stop at its first event with a panic (the codec's invariant
        // broken) rather than read out of bounds.
        thread_local! {
            /// A decompression context per thread, made once: a fresh one allocates its tables.
            static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
                const { std::cell::RefCell::new(None) };
        }
        // Into a vector that is then shared as it is: decompressing into a zeroed shared
        // buffer took half a second more system time at 1,000 roadmaps (5 interleaved builds
        // each), and copying the vector into an `Arc<[u8]>` copied every edition each time it
        // was read.
        let bytes = CONTEXT.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = zstd::bulk::Decompressor::new().ok();
            }
            c.as_mut().and_then(|d| d.decompress(&self.compressed, self.size).ok())
        });
        Arc::new(bytes.filter(|b| b.len() == self.size).unwrap_or_default())
    }

    fn bytes(&self) -> Arc<Vec<u8>> {
        if let Some(b) = &self.lock().1 {
            return Arc::clone(b);
        }
        UNPINNED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.decompress()
    }

    /// Keeps the decompressed bytes until the returned pin (and every other pin) is dropped, so
    /// that reading many units of the edition decompresses it once.
    pub fn pin(self: &Arc<Store>) -> Pin {
        let mut p = self.lock();
        if p.1.is_none() {
            p.1 = Some(self.decompress());
        }
        p.0 += 1;
        Pin(Arc::clone(self))
    }

    /// Compressed size in bytes.
    pub fn compressed_len(&self) -> usize {
        self.compressed.len()
    }

    /// Decompressed size in bytes.
    pub fn len(&self) -> usize {
        self.size
    }

    /// True when the store holds no bytes (`share` never makes one).
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("size", &self.size).field("compressed", &self.compressed.len()).finish()
    }
}

/// How many times, in this process, events were read from a store that was not pinned: each
/// time decompresses its whole edition. What reads several units of an edition pins it first;
/// a count that grows with the site means a page or stage that forgot to.
static UNPINNED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// See [`UNPINNED`]: the number of whole-edition decompressions outside a pin so far.
pub fn unpinned_loads() -> usize {
    UNPINNED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A pin on a [`Store`] (see [`Store::pin`]).
pub struct Pin(Arc<Store>);

impl Drop for Pin {
    fn drop(&mut self) {
        let mut p = self.0.lock();
        p.0 -= 1;
        if p.0 == 0 {
            p.1 = None;
        }
    }
}

thread_local! {
    /// While [`keeping_pinned`] runs on this thread: pins on the stores [`share`] made.
    static KEPT: std::cell::RefCell<Option<Vec<Pin>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`, and returns with its result a pin on every [`Store`] that [`share`] made on this
/// thread meanwhile, holding the bytes it compressed: what reads the events right after they
/// are made (the load stage's translation status and checks) then reads them without
/// decompressing them. At 1,000 roadmaps that was 3,000 decompressions.
pub fn keeping_pinned<R>(f: impl FnOnce() -> R) -> (R, Vec<Pin>) {
    let outer = KEPT.with(|kept| kept.borrow_mut().replace(Vec::new()));
    let r = f();
    let pins = KEPT.with(|kept| std::mem::replace(&mut *kept.borrow_mut(), outer)).unwrap_or_default();
    (r, pins)
}

/// Joins the owned events of `chunks` into one compressed [`Store`] that they then share;
/// `None` when there are none. Chunks already shared are left as they are.
pub fn share<'a>(chunks: impl IntoIterator<Item = &'a mut Events>) -> Option<Arc<Store>> {
    let chunks: Vec<&mut Events> = chunks.into_iter().filter(|e| matches!(e.repr, Repr::Own(_))).collect();
    let size: usize = chunks.iter().map(|e| e.own_bytes().len()).sum();
    if size == 0 || u32::try_from(size).is_err() {
        return None;
    }
    let mut joined = Vec::with_capacity(size);
    let mut places = Vec::with_capacity(chunks.len());
    for e in &chunks {
        let start = joined.len();
        joined.extend_from_slice(e.own_bytes());
        places.push((start as u32, joined.len() as u32));
    }
    // Compression fails only when memory runs out; the events then stay uncompressed.
    let compressed = compress(&joined)?;
    let store = Arc::new(Store { compressed, size, pinned: Mutex::new((0, None)) });
    KEPT.with(|kept| {
        if let Some(kept) = kept.borrow_mut().as_mut() {
            *store.lock() = (1, Some(Arc::new(joined)));
            kept.push(Pin(Arc::clone(&store)));
        }
    });
    for (e, (start, end)) in chunks.into_iter().zip(places) {
        e.repr = Repr::Shared { store: Arc::clone(&store), start, end };
    }
    Some(store)
}

/// The Zstandard level of [`Store`]s: 1, the fastest of its standard levels. Its default, 3,
/// made them 5 % smaller (13.8 against 14.6 MB at 1,000 roadmaps) for 0.3 s more CPU time in a
/// build of 9.6 s, and the build's peak memory no lower (5 interleaved builds each).
const LEVEL: i32 = 1;

/// `bytes` compressed at [`LEVEL`], in an allocation of their size.
fn compress(bytes: &[u8]) -> Option<Box<[u8]>> {
    thread_local! {
        /// A compression context per thread, made once: a fresh one allocates its tables.
        static CONTEXT: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = zstd::bulk::Compressor::new(LEVEL).ok();
        }
        c.as_mut()?.compress(bytes).ok().map(Vec::into_boxed_slice)
    })
}

/// Iterator over decoded [`Events`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    reader: codec::Reader<'a>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.reader.event())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// The byte format of [`Events`]: one opcode byte per event, then its fields; numbers as LEB128
/// varints; strings as their length and their UTF-8 bytes.
///
/// Invariant: a buffer handed to [`Reader`] was written only by [`encode`], event by event (and
/// possibly joined with others and round-tripped through Zstandard by `share`, which is lossless), so
/// every string read back is a whole string that was a `&str` when it was written. The reader
/// relies on it to borrow strings without validating them again.
/// Appends `n` as LEB128: seven bits a byte, low bits first, the top bit set on all but the last.
/// The event codec and the mention index (`link::mentions`) write their integers so. Written by
/// hand: a few lines, which a crate would not make shorter.
#[inline]
pub(crate) fn put_varint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a LEB128 integer (see [`put_varint`]) at `*at` and moves past it. The bytes are the
/// caller's own, written by [`put_varint`]: one that ends inside an integer is a bug, and panics.
#[inline]
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut n, mut shift) = (0u64, 0u32);
    loop {
        let b = bytes[*at];
        *at += 1;
        // Masked: only a malformed buffer has more than ten bytes.
        n |= u64::from(b & 0x7f) << (shift & 63);
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

mod codec {
    use pulldown_cmark::{
        Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, MetadataBlockKind, Tag, TagEnd,
    };

    use super::put_varint as varint;

    fn string(s: &str, out: &mut Vec<u8>) {
        varint(s.len() as u64, out);
        out.extend_from_slice(s.as_bytes());
    }

    fn opt_string(s: Option<&str>, out: &mut Vec<u8>) {
        match s {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                string(s, out);
            }
        }
    }

    fn quote_kind(k: Option<BlockQuoteKind>) -> u8 {
        match k {
            None => 0,
            Some(BlockQuoteKind::Note) => 1,
            Some(BlockQuoteKind::Tip) => 2,
            Some(BlockQuoteKind::Important) => 3,
            Some(BlockQuoteKind::Warning) => 4,
            Some(BlockQuoteKind::Caution) => 5,
        }
    }

    fn metadata_kind(k: MetadataBlockKind) -> u8 {
        match k {
            MetadataBlockKind::YamlStyle => 0,
            MetadataBlockKind::PlusesStyle => 1,
        }
    }

    fn link_type(t: LinkType) -> u8 {
        match t {
            LinkType::Inline => 0,
            LinkType::Reference => 1,
            LinkType::ReferenceUnknown => 2,
            LinkType::Collapsed => 3,
            LinkType::CollapsedUnknown => 4,
            LinkType::Shortcut => 5,
            LinkType::ShortcutUnknown => 6,
            LinkType::Autolink => 7,
            LinkType::Email => 8,
            LinkType::WikiLink { has_pothole: false } => 9,
            LinkType::WikiLink { has_pothole: true } => 10,
        }
    }

    /// Appends `event` to `out`.
    pub(super) fn encode(event: &Event<'_>, out: &mut Vec<u8>) {
        match event {
            Event::Start(tag) => {
                out.push(0);
                start(tag, out);
            }
            Event::End(tag) => {
                out.push(1);
                end(*tag, out);
            }
            Event::Text(s) => text(2, s, out),
            Event::Code(s) => text(3, s, out),
            Event::InlineMath(s) => text(4, s, out),
            Event::DisplayMath(s) => text(5, s, out),
            Event::Html(s) => text(6, s, out),
            Event::InlineHtml(s) => text(7, s, out),
            Event::FootnoteReference(s) => text(8, s, out),
            Event::SoftBreak => out.push(9),
            Event::HardBreak => out.push(10),
            Event::Rule => out.push(11),
            Event::TaskListMarker(done) => out.push(12 + u8::from(*done)),
        }
    }

    fn text(op: u8, s: &str, out: &mut Vec<u8>) {
        out.push(op);
        string(s, out);
    }

    fn start(tag: &Tag<'_>, out: &mut Vec<u8>) {
        match tag {
            Tag::Paragraph => out.push(0),
            Tag::Heading { level, id, classes, attrs } => {
                out.push(1);
                out.push(*level as u8);
                opt_string(id.as_deref(), out);
                varint(classes.len() as u64, out);
                for c in classes {
                    string(c, out);
                }
                varint(attrs.len() as u64, out);
                for (k, v) in attrs {
                    string(k, out);
                    opt_string(v.as_deref(), out);
                }
            }
            Tag::BlockQuote(k) => {
                out.push(2);
                out.push(quote_kind(*k));
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => out.push(3),
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                out.push(4);
                string(info, out);
            }
            Tag::HtmlBlock => out.push(5),
            Tag::List(None) => out.push(6),
            Tag::List(Some(n)) => {
                out.push(7);
                varint(*n, out);
            }
            Tag::Item => out.push(8),
            Tag::FootnoteDefinition(label) => {
                out.push(9);
                string(label, out);
            }
            Tag::DefinitionList => out.push(10),
            Tag::DefinitionListTitle => out.push(11),
            Tag::DefinitionListDefinition => out.push(12),
            Tag::Table(aligns) => {
                out.push(13);
                varint(aligns.len() as u64, out);
                out.extend(aligns.iter().map(|a| match a {
                    Alignment::None => 0,
                    Alignment::Left => 1,
                    Alignment::Center => 2,
                    Alignment::Right => 3,
                }));
            }
            Tag::TableHead => out.push(14),
            Tag::TableRow => out.push(15),
            Tag::TableCell => out.push(16),
            Tag::Emphasis => out.push(17),
            Tag::Strong => out.push(18),
            Tag::Strikethrough => out.push(19),
            Tag::Superscript => out.push(20),
            Tag::Subscript => out.push(21),
            Tag::Link { link_type: t, dest_url, title, id } | Tag::Image { link_type: t, dest_url, title, id } => {
                out.push(if matches!(tag, Tag::Link { .. }) { 22 } else { 23 });
                out.push(link_type(*t));
                string(dest_url, out);
                string(title, out);
                string(id, out);
            }
            Tag::MetadataBlock(k) => {
                out.push(24);
                out.push(metadata_kind(*k));
            }
        }
    }

    fn end(tag: TagEnd, out: &mut Vec<u8>) {
        let (op, arg) = match tag {
            TagEnd::Paragraph => (0, None),
            TagEnd::Heading(level) => (1, Some(level as u8)),
            TagEnd::BlockQuote(k) => (2, Some(quote_kind(k))),
            TagEnd::CodeBlock => (3, None),
            TagEnd::HtmlBlock => (4, None),
            TagEnd::List(ordered) => (5, Some(u8::from(ordered))),
            TagEnd::Item => (6, None),
            TagEnd::FootnoteDefinition => (7, None),
            TagEnd::DefinitionList => (8, None),
            TagEnd::DefinitionListTitle => (9, None),
            TagEnd::DefinitionListDefinition => (10, None),
            TagEnd::Table => (11, None),
            TagEnd::TableHead => (12, None),
            TagEnd::TableRow => (13, None),
            TagEnd::TableCell => (14, None),
            TagEnd::Emphasis => (15, None),
            TagEnd::Strong => (16, None),
            TagEnd::Strikethrough => (17, None),
            TagEnd::Superscript => (18, None),
            TagEnd::Subscript => (19, None),
            TagEnd::Link => (20, None),
            TagEnd::Image => (21, None),
            TagEnd::MetadataBlock(k) => (22, Some(metadata_kind(k))),
        };
        out.push(op);
        out.extend(arg);
    }

    /// Reads events back from a buffer written by [`encode`].
    #[derive(Debug, Clone)]
    pub(super) struct Reader<'a> {
        bytes: &'a [u8],
        pos: usize,
    }

    /// A buffer that does not hold what [`encode`] wrote: impossible unless this module is wrong.
    const CORRUPT: &str = "compact Markdown events are read back as they were written";

    impl<'a> Reader<'a> {
        pub(super) fn new(bytes: &'a [u8]) -> Self {
            Reader { bytes, pos: 0 }
        }

        fn byte(&mut self) -> u8 {
            let b = self.bytes[self.pos];
            self.pos += 1;
            b
        }

        fn varint(&mut self) -> u64 {
            super::get_varint(self.bytes, &mut self.pos)
        }

        fn str(&mut self) -> &'a str {
            let len = self.varint() as usize;
            let bytes = &self.bytes[self.pos..self.pos + len];
            self.pos += len;
            debug_assert!(std::str::from_utf8(bytes).is_ok(), "{CORRUPT}");
            // SAFETY: by the module's invariant these bytes were written by `string` from a whole
            // `&str`, and the reader consumes the buffer in the order it was written, so `bytes`
            // is exactly that string: valid UTF-8.
            unsafe { std::str::from_utf8_unchecked(bytes) }
        }

        fn cow(&mut self) -> CowStr<'a> {
            CowStr::Borrowed(self.str())
        }

        fn opt_cow(&mut self) -> Option<CowStr<'a>> {
            match self.byte() {
                0 => None,
                _ => Some(self.cow()),
            }
        }

        fn quote_kind(&mut self) -> Option<BlockQuoteKind> {
            match self.byte() {
                0 => None,
                1 => Some(BlockQuoteKind::Note),
                2 => Some(BlockQuoteKind::Tip),
                3 => Some(BlockQuoteKind::Important),
                4 => Some(BlockQuoteKind::Warning),
                _ => Some(BlockQuoteKind::Caution),
            }
        }

        fn metadata_kind(&mut self) -> MetadataBlockKind {
            match self.byte() {
                0 => MetadataBlockKind::YamlStyle,
                _ => MetadataBlockKind::PlusesStyle,
            }
        }

        fn level(&mut self) -> HeadingLevel {
            HeadingLevel::try_from(usize::from(self.byte())).expect(CORRUPT)
        }

        fn link_type(&mut self) -> LinkType {
            match self.byte() {
                0 => LinkType::Inline,
                1 => LinkType::Reference,
                2 => LinkType::ReferenceUnknown,
                3 => LinkType::Collapsed,
                4 => LinkType::CollapsedUnknown,
                5 => LinkType::Shortcut,
                6 => LinkType::ShortcutUnknown,
                7 => LinkType::Autolink,
                8 => LinkType::Email,
                9 => LinkType::WikiLink { has_pothole: false },
                _ => LinkType::WikiLink { has_pothole: true },
            }
        }

        /// The next event; the caller knows how many there are.
        pub(super) fn event(&mut self) -> Event<'a> {
            match self.byte() {
                0 => Event::Start(self.start()),
                1 => Event::End(self.end()),
                2 => Event::Text(self.cow()),
                3 => Event::Code(self.cow()),
                4 => Event::InlineMath(self.cow()),
                5 => Event::DisplayMath(self.cow()),
                6 => Event::Html(self.cow()),
                7 => Event::InlineHtml(self.cow()),
                8 => Event::FootnoteReference(self.cow()),
                9 => Event::SoftBreak,
                10 => Event::HardBreak,
                11 => Event::Rule,
                12 => Event::TaskListMarker(false),
                13 => Event::TaskListMarker(true),
                _ => panic!("{CORRUPT}"),
            }
        }

        fn start(&mut self) -> Tag<'a> {
            match self.byte() {
                0 => Tag::Paragraph,
                1 => {
                    let level = self.level();
                    let id = self.opt_cow();
                    let classes = (0..self.varint()).map(|_| self.cow()).collect();
                    let attrs = (0..self.varint()).map(|_| (self.cow(), self.opt_cow())).collect();
                    Tag::Heading { level, id, classes, attrs }
                }
                2 => Tag::BlockQuote(self.quote_kind()),
                3 => Tag::CodeBlock(CodeBlockKind::Indented),
                4 => Tag::CodeBlock(CodeBlockKind::Fenced(self.cow())),
                5 => Tag::HtmlBlock,
                6 => Tag::List(None),
                7 => Tag::List(Some(self.varint())),
                8 => Tag::Item,
                9 => Tag::FootnoteDefinition(self.cow()),
                10 => Tag::DefinitionList,
                11 => Tag::DefinitionListTitle,
                12 => Tag::DefinitionListDefinition,
                13 => Tag::Table(
                    (0..self.varint())
                        .map(|_| match self.byte() {
                            0 => Alignment::None,
                            1 => Alignment::Left,
                            2 => Alignment::Center,
                            _ => Alignment::Right,
                        })
                        .collect(),
                ),
                14 => Tag::TableHead,
                15 => Tag::TableRow,
                16 => Tag::TableCell,
                17 => Tag::Emphasis,
                18 => Tag::Strong,
                19 => Tag::Strikethrough,
                20 => Tag::Superscript,
                21 => Tag::Subscript,
                op @ (22 | 23) => {
                    let link_type = self.link_type();
                    let (dest_url, title, id) = (self.cow(), self.cow(), self.cow());
                    if op == 22 {
                        Tag::Link { link_type, dest_url, title, id }
                    } else {
                        Tag::Image { link_type, dest_url, title, id }
                    }
                }
                24 => Tag::MetadataBlock(self.metadata_kind()),
                _ => panic!("{CORRUPT}"),
            }
        }

        fn end(&mut self) -> TagEnd {
            match self.byte() {
                0 => TagEnd::Paragraph,
                1 => TagEnd::Heading(self.level()),
                2 => TagEnd::BlockQuote(self.quote_kind()),
                3 => TagEnd::CodeBlock,
                4 => TagEnd::HtmlBlock,
                5 => TagEnd::List(self.byte() != 0),
                6 => TagEnd::Item,
                7 => TagEnd::FootnoteDefinition,
                8 => TagEnd::DefinitionList,
                9 => TagEnd::DefinitionListTitle,
                10 => TagEnd::DefinitionListDefinition,
                11 => TagEnd::Table,
                12 => TagEnd::TableHead,
                13 => TagEnd::TableRow,
                14 => TagEnd::TableCell,
                15 => TagEnd::Emphasis,
                16 => TagEnd::Strong,
                17 => TagEnd::Strikethrough,
                18 => TagEnd::Superscript,
                19 => TagEnd::Subscript,
                20 => TagEnd::Link,
                21 => TagEnd::Image,
                22 => TagEnd::MetadataBlock(self.metadata_kind()),
                _ => panic!("{CORRUPT}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn round_trips_every_kind_of_event() {
        let md = "# Tiêu đề {#x .phase months=1-2}\n\nText **đậm** `code` [link](../a/vi.md#b \"t\") ![i](p.png)\n\n\
                  - [x] task\n  - nested ⭐⭐\n\n| a | b |\n| --- | :-: |\n| ё | 1 |\n\n```rust\nfn x() {}\n```\n\n<div>raw</div>\n\n\
                  Footnote[^1].\n\n[^1]: Note.\n\n---\n~~s~~ line  \nbreak\n";
        let events: Vec<Event<'_>> = Parser::new_ext(md, crate::parse::markdown_options()).collect();
        let stored: Events = events.iter().cloned().collect();
        assert_eq!(stored.len(), events.len());
        assert_eq!(stored.load().to_vec(), events);
        let size = stored.own_bytes().len();
        assert!(size < md.len() * 2, "{size} bytes for {} of Markdown", md.len());
    }

    #[test]
    fn round_trips_every_extension() {
        // Every syntax pulldown-cmark knows, including what gen does not enable, so that each
        // opcode of the codec is written and read back at least once.
        let md = "---\ntitle: x\n---\n\n> [!WARNING]\n> careful\n\n> [!NOTE]\n> n\n\nTerm\n: definition\n\n\
                  $x^2$ and $$y$$ [[Wiki|label]] [[Plain]] H~2~O x^2^ ~~del~~ <b>inline</b>\n\n\
                  7. seven\n8. eight\n\n    indented code\n\n[ref]: /u \"T\"\n\n[a][ref] [ref][] [ref] <https://x.y> <m@x.y>\n\n\
                  | l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n\n###### H6 {#id .c1 .c2 k=v flag}\n\n\
                  Note[^n].\n\n[^n]: The note.\n";
        let events: Vec<Event<'_>> = Parser::new_ext(md, pulldown_cmark::Options::all()).collect();
        let stored: Events = events.iter().cloned().collect();
        assert_eq!(stored.load().to_vec(), events);
        let kinds: std::collections::HashSet<std::mem::Discriminant<Event<'_>>> =
            events.iter().map(std::mem::discriminant).collect();
        assert!(kinds.len() >= 7, "the sample exercises the extensions' event kinds: {kinds:?}");
    }

    #[test]
    fn shared_events_read_back_as_each_chunk_owned_them() {
        let docs = ["# Một\n\nĐọc **sách** mỗi ngày.", "", "- [ ] задача\n- ещё одна", "`code` и [link](x)"];
        let parsed: Vec<Vec<Event<'_>>> =
            docs.iter().map(|md| Parser::new_ext(md, crate::parse::markdown_options()).collect()).collect();
        let owned: Vec<Events> = parsed.iter().map(|evs| evs.iter().cloned().collect()).collect();
        let mut shared = owned.clone();
        let store = share(shared.iter_mut()).expect("there are events to share");
        assert!(shared.iter().all(|e| matches!(e.repr, Repr::Shared { .. })));
        assert_eq!(store.len(), owned.iter().map(|e| e.own_bytes().len()).sum::<usize>());
        for ((s, o), evs) in shared.iter().zip(&owned).zip(&parsed) {
            assert_eq!(s, o);
            assert_eq!(s.len(), evs.len());
            assert_eq!(s.load().to_vec(), *evs);
        }
        // Sharing again leaves shared chunks alone; nothing owned is left to share.
        assert!(share(shared.iter_mut()).is_none());
    }

    #[test]
    fn a_pin_keeps_the_store_decompressed_until_the_last_one_is_dropped() {
        let mut events: Vec<Events> = ["a *b*", "c"].iter().map(|md| Parser::new(md).collect()).collect();
        let store = share(events.iter_mut()).expect("there are events to share");
        let cached = |s: &Store| s.lock().1.is_some();
        assert!(!cached(&store), "unpinned, each load decompresses for itself");
        let (a, b) = (store.pin(), store.pin());
        assert!(cached(&store));
        let first = events[0].load();
        let Bytes::Shared(bytes) = &first.bytes else { panic!("shared events load shared bytes") };
        let Bytes::Shared(again) = &events[1].load().bytes else { panic!("shared events load shared bytes") };
        assert!(Arc::ptr_eq(bytes, again), "pinned loads share one decompressed buffer");
        drop(a);
        assert!(cached(&store));
        drop(b);
        assert!(!cached(&store));
        assert_eq!(first.to_vec(), Parser::new("a *b*").collect::<Vec<_>>(), "a load outlives the pins");
    }

    #[test]
    fn long_strings_and_large_numbers_round_trip() {
        let long = "ё".repeat(70_000);
        let events = vec![
            Event::Start(pulldown_cmark::Tag::List(Some(u64::MAX))),
            Event::Text(long.as_str().into()),
            Event::End(pulldown_cmark::TagEnd::List(true)),
            Event::TaskListMarker(true),
            Event::TaskListMarker(false),
        ];
        let stored: Events = events.iter().cloned().collect();
        assert_eq!(stored.load().to_vec(), events);
    }
}
