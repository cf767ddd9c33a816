//! Byte-level helpers around UTF-8: the "utf-8-variants" decoder (CESU-8 surrogate pairs,
//! Java's two-byte NUL) and the byte rewrites that undo common damage before re-decoding.
//!
//! Hand-written: encoding_rs decodes standard UTF-8 only, and these rewrites (ports of
//! ftfy's `restore_byte_a0`, `replace_lossy_sequences`, Apache-2.0, see NOTICE) are
//! specific to mojibake repair.

/// Decode UTF-8 that may contain CESU-8 surrogate pairs or `C0 80` for NUL.
/// Returns `None` if the bytes are not valid in that wider sense.
pub fn decode_variants(bytes: &[u8]) -> Option<String> {
    if !bytes.contains(&0xED) && !bytes.contains(&0xC0) {
        return std::str::from_utf8(bytes).ok().map(str::to_owned);
    }
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match std::str::from_utf8(&bytes[i..]) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[i..i + valid]).ok()?);
                i += valid;
                let rest = &bytes[i..];
                if rest.len() >= 6
                    && rest[0] == 0xED
                    && (0xA0..=0xAF).contains(&rest[1])
                    && (0x80..=0xBF).contains(&rest[2])
                    && rest[3] == 0xED
                    && (0xB0..=0xBF).contains(&rest[4])
                    && (0x80..=0xBF).contains(&rest[5])
                {
                    let hi = 0xD000 | ((rest[1] as u32 & 0x3F) << 6) | (rest[2] as u32 & 0x3F);
                    let lo = 0xD000 | ((rest[4] as u32 & 0x3F) << 6) | (rest[5] as u32 & 0x3F);
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    out.push(char::from_u32(cp)?);
                    i += 6;
                } else if rest.len() >= 2 && rest[0] == 0xC0 && rest[1] == 0x80 {
                    out.push('\0');
                    i += 2;
                } else {
                    return None;
                }
            }
        }
    }
    Some(out)
}

#[inline]
fn cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Continuation bytes except 0x85 and 0xA0 (ftfy's `[\x80-\x84\x86-\x9f\xa1-\xbf]`).
#[inline]
fn cont_x(b: u8) -> bool {
    cont(b) && b != 0x85 && b != 0xA0
}

/// Does the byte string contain a UTF-8 sequence that would be valid if one space were
/// byte 0xA0 (a no-break space that some program turned into a plain space)?
fn altered_match(b: &[u8], i: usize) -> Option<usize> {
    let g = |k: usize| b.get(i + k).copied();
    let x0 = b[i];
    if matches!(x0, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9) && g(1) == Some(b' ') {
        return Some(2);
    }
    if matches!(x0, 0xE2 | 0xE3) && g(1) == Some(b' ') && g(2).is_some_and(cont_x) {
        return Some(3);
    }
    if (0xE0..=0xE3).contains(&x0) && g(1).is_some_and(cont_x) && g(2) == Some(b' ') {
        return Some(3);
    }
    if x0 == 0xF0 {
        let (a, c, d) = (g(1), g(2), g(3));
        let sp = |o: Option<u8>| o == Some(b' ');
        let ct = |o: Option<u8>| o.is_some_and(cont);
        if (sp(a) && ct(c) && ct(d)) || (ct(a) && sp(c) && ct(d)) || (ct(a) && ct(c) && sp(d)) {
            return Some(4);
        }
    }
    None
}

/// Whether [`restore_byte_a0`] has anything to do.
pub fn has_altered_utf8(b: &[u8]) -> bool {
    (0..b.len()).any(|i| altered_match(b, i).is_some())
}

/// Put back bytes 0xA0 that were turned into spaces inside UTF-8 sequences.
pub fn restore_byte_a0(b: &[u8]) -> Vec<u8> {
    // "Ã " followed by a word is 'à' (but not "às", "àquele", ...).
    let mut first = Vec::with_capacity(b.len() + 8);
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xC3 && b.get(i + 1) == Some(&b' ') {
            let rest = &b[i + 2..];
            let excluded = rest.starts_with(b" ")
                || rest.starts_with(b"quele")
                || rest.starts_with(b"quela")
                || rest.starts_with(b"quilo")
                || rest.starts_with(b"s ");
            if !excluded {
                first.extend_from_slice(&[0xC3, 0xA0, b' ']);
                i += 2;
                continue;
            }
        }
        first.push(b[i]);
        i += 1;
    }
    let mut out = Vec::with_capacity(first.len());
    let mut i = 0;
    while i < first.len() {
        if let Some(n) = altered_match(&first, i) {
            out.extend(first[i..i + n].iter().map(|&x| if x == b' ' { 0xA0 } else { x }));
            i += n;
        } else {
            out.push(first[i]);
            i += 1;
        }
    }
    out
}

fn lossy_match(b: &[u8], i: usize) -> Option<usize> {
    let g = |k: usize| b.get(i + k).copied();
    let is = |o: Option<u8>, f: &dyn Fn(u8) -> bool| o.is_some_and(f);
    let sub = |x: u8| x == 0x1A;
    let subq = |x: u8| x == 0x1A || x == b'?';
    let subc = |x: u8| x == 0x1A || cont(x);
    let subqc = |x: u8| x == 0x1A || x == b'?' || cont(x);
    let x0 = b[i];
    if (0xC2..=0xDF).contains(&x0) && is(g(1), &sub) {
        return Some(2);
    }
    if (0xC2..=0xC3).contains(&x0) && g(1) == Some(b'?') {
        return Some(2);
    }
    if x0 == 0xED {
        let hi = |x: u8| (0xA0..=0xAF).contains(&x);
        let lo = |x: u8| (0xB0..=0xBF).contains(&x);
        if is(g(1), &hi) && is(g(2), &subq) && g(3) == Some(0xED) && is(g(4), &lo) && is(g(5), &subqc) {
            return Some(6);
        }
        if is(g(1), &hi) && is(g(2), &subqc) && g(3) == Some(0xED) && is(g(4), &lo) && is(g(5), &subq) {
            return Some(6);
        }
    }
    if (0xE0..=0xEF).contains(&x0) && ((is(g(1), &subq) && is(g(2), &subc)) || (is(g(1), &subc) && is(g(2), &subq))) {
        return Some(3);
    }
    if (0xF0..=0xF4).contains(&x0) {
        let (a, c, d) = (g(1), g(2), g(3));
        if (is(a, &subq) && is(c, &subc) && is(d, &subc))
            || (is(a, &subc) && is(c, &subq) && is(d, &subc))
            || (is(a, &subc) && is(c, &subc) && is(d, &subq))
        {
            return Some(4);
        }
    }
    if x0 == 0x1A {
        return Some(1);
    }
    None
}

/// Replace UTF-8 sequences whose bytes were lost to U+FFFD (encoded as 0x1A by the sloppy
/// code pages) with the UTF-8 of U+FFFD.
pub fn replace_lossy_sequences(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if let Some(n) = lossy_match(b, i) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += n;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Number of bytes in a UTF-8 sequence that starts with `lead` (0 if it is not a lead).
#[inline]
pub fn seq_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `b` can follow `lead` as the second byte of a well-formed sequence.
#[inline]
pub fn valid_second(lead: u8, b: u8) -> bool {
    match lead {
        0xE0 => (0xA0..=0xBF).contains(&b),
        0xED => (0x80..=0x9F).contains(&b),
        0xF0 => (0x90..=0xBF).contains(&b),
        0xF4 => (0x80..=0x8F).contains(&b),
        _ => cont(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cesu8_pair() {
        let b = b"\xed\xa0\xbd\xed\xb8\x8d";
        assert_eq!(decode_variants(b).as_deref(), Some("😍"));
    }

    #[test]
    fn a0_restored() {
        assert_eq!(restore_byte_a0(b"voil\xc3 le"), b"voil\xc3\xa0 le".to_vec());
    }
}
