//! Markdown events stored compactly. A `Vec<Event<'static>>` costs 80 bytes per event plus an
//! allocation for every piece of text — about ten times the Markdown it came from, which for a
//! thousand roadmaps is most of a build's memory. [`Events`] keeps them serialised with postcard
//! (pulldown-cmark's own serde support) in one buffer, a few bytes more than the text, and
//! decodes them on the fly with strings borrowed from the buffer.

use std::fmt;

use pulldown_cmark::Event;

/// The Markdown events of one chunk of a document, in one compact buffer.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Events {
    bytes: Vec<u8>,
    len: usize,
}

impl Events {
    /// No events.
    pub fn new() -> Self {
        Events::default()
    }

    /// Appends an event.
    pub fn push(&mut self, event: &Event<'_>) {
        // Serialising into a Vec cannot fail: every event is representable.
        let bytes = std::mem::take(&mut self.bytes);
        self.bytes = postcard::to_extend(event, bytes).expect("a Markdown event serialises");
        self.len += 1;
    }

    /// Frees spare capacity once the chunk is complete.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Decodes the events one by one; their strings borrow from `self`.
    pub fn iter(&self) -> Iter<'_> {
        Iter { rest: &self.bytes, left: self.len }
    }

    /// All events, decoded (strings still borrowed from `self`).
    pub fn to_vec(&self) -> Vec<Event<'_>> {
        self.iter().collect()
    }
}

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

impl<'a> IntoIterator for &'a Events {
    type Item = Event<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over decoded [`Events`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    rest: &'a [u8],
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if self.left == 0 {
            return None;
        }
        // The buffer holds exactly what `push` serialised, so decoding cannot fail.
        let (event, rest) =
            postcard::take_from_bytes::<Event<'a>>(self.rest).expect("events decode as they were encoded");
        self.rest = rest;
        self.left -= 1;
        Some(event)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

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
        assert_eq!(stored.to_vec(), events);
        assert!(stored.bytes.len() < md.len() * 2, "{} bytes for {} of Markdown", stored.bytes.len(), md.len());
    }
}
