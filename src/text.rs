//! Small text helpers that more than one stage needs.

/// The lowercase of `c` when it is one char of the same UTF-8 length and `c` is a letter of the
/// scripts the site's languages write (ASCII, Cyrillic, and the Latin letters Vietnamese writes
/// outside ASCII: Latin-1 à–ý, ă đ ĩ ũ ơ ư, and ạ–ỹ of Latin Extended Additional), found by
/// arithmetic. `char::to_lowercase` searches Unicode's table for every char outside ASCII; the
/// mention scan and the search index lowercase every word of the site. `None` for any other
/// char (ask `to_lowercase`); where it answers, it answers what `to_lowercase` does.
#[inline]
pub fn lower_one(c: char) -> Option<char> {
    let u = c as u32;
    // Cyrillic before the rest: Ѐ–Џ and А–Я have their lowercase 0x50 and 0x20 further; а–џ
    // are lowercase. As one more arm of the match below, the mention scan took 12 % more
    // instructions (callgrind, 100 roadmaps).
    if (0x400..0x460).contains(&u) {
        let l = match u {
            0x400..0x410 => u + 0x50,
            0x410..0x430 => u + 0x20,
            _ => u,
        };
        return char::from_u32(l);
    }
    let l = match u {
        0..0x80 => return Some(c.to_ascii_lowercase()),
        // À–Þ but ×; ß–ÿ are lowercase already, or have none.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        // Pairs with the capital at the even code point.
        0x100..=0x12F | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u | 1,
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        _ => return None,
    };
    char::from_u32(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_one_agrees_with_unicode_wherever_it_answers() {
        let mut answered = 0;
        for c in '\u{0}'..='\u{2FFF}' {
            if let Some(l) = lower_one(c) {
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), vec![l], "{c:?} U+{:04X}", c as u32);
                // The mention scan keeps byte offsets of the folded text: the same length.
                assert_eq!(l.len_utf8(), c.len_utf8(), "{c:?}");
                answered += 1;
            }
        }
        // Every Vietnamese letter outside ASCII, and the Russian alphabet, in both cases.
        let letters = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ\
                       АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ";
        for c in letters.chars() {
            for c in [c, c.to_lowercase().next().unwrap()] {
                assert!(lower_one(c).is_some(), "{c}");
            }
        }
        assert!(answered > 600, "{answered}");
    }
}

/// The code point and length of the character that starts at `bytes[i]`, a byte of 0xC0 or
/// more in valid UTF-8 (the bytes of a `str`, at a character's start). Decoded by hand for the
/// scans that look at every character of the site's text and take ASCII on their own
/// (`encoding::scan::quick`, the search index's `cut`): `str::chars` checks what valid UTF-8
/// already guarantees.
#[inline(always)]
pub fn decode_multibyte(bytes: &[u8], i: usize) -> (u32, usize) {
    let b = bytes[i];
    match b {
        0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F), 2),
        0xE0..=0xEF => {
            ((u32::from(b & 0x0F) << 12) | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F), 3)
        }
        _ => (
            (u32::from(b & 0x07) << 18)
                | (u32::from(bytes[i + 1] & 0x3F) << 12)
                | (u32::from(bytes[i + 2] & 0x3F) << 6)
                | u32::from(bytes[i + 3] & 0x3F),
            4,
        ),
    }
}
