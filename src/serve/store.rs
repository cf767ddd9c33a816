//! How `gen serve` keeps the files it serves: pages compressed in memory.
//!
//! A site of 1,000 roadmaps is 18,000 pages and 650 MB of HTML; kept as they are, they were most
//! of the server's memory. HTML compresses about fivefold with LZ4, which decompresses a page in
//! tens of microseconds, so every generated file is kept compressed and decompressed when it is
//! served (the live-reload script is added to each HTML response anyway). Static files, often
//! already compressed (images, fonts), are kept as they are. LZ4 comes from `lz4_flex`.

use axum::body::Bytes;

/// Files smaller than this are kept as they are: compression would save too little.
const MIN_COMPRESSED: usize = 512;

/// One output file as the server keeps it. Two bodies are equal exactly when their contents
/// are: compression is deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    bytes: Bytes,
    compressed: bool,
}

impl Body {
    /// A generated file, compressed unless it is small.
    pub fn compress(content: Vec<u8>) -> Body {
        if content.len() < MIN_COMPRESSED {
            return Body { bytes: Bytes::from(content), compressed: false };
        }
        Body { bytes: Bytes::from(lz4_flex::compress_prepend_size(&content)), compressed: true }
    }

    /// A file kept as it is.
    pub fn raw(content: Bytes) -> Body {
        Body { bytes: content, compressed: false }
    }

    /// The file's content.
    pub fn content(&self) -> Bytes {
        if !self.compressed {
            return self.bytes.clone();
        }
        // Only `compress` makes compressed bodies, so this cannot fail; an empty body is the
        // harmless answer if it ever did.
        Bytes::from(lz4_flex::decompress_size_prepended(&self.bytes).unwrap_or_default())
    }

    /// Bytes held in memory.
    pub fn stored_len(&self) -> usize {
        self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_come_back_as_they_went_in() {
        let page = "<!DOCTYPE html><p>Lộ trình học — Дорожная карта</p>\n".repeat(200).into_bytes();
        let body = Body::compress(page.clone());
        assert!(body.stored_len() * 4 < page.len(), "a repetitive page compresses: {}", body.stored_len());
        assert_eq!(&body.content()[..], &page[..]);
        let small = Body::compress(b"User-agent: *\n".to_vec());
        assert_eq!(small.stored_len(), 14, "small files are kept as they are");
        assert_eq!(&small.content()[..], b"User-agent: *\n");
        assert_eq!(Body::compress(page.clone()), Body::compress(page), "equal contents, equal bodies");
        assert_eq!(&Body::compress(Vec::new()).content()[..], b"");
    }
}
