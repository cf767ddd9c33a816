//! A faster NFC quick check for the texts gen reads. `unicode_normalization::is_nfc_quick` looks
//! up the combining class and the NFC_Quick_Check property of every non-ASCII character; in
//! Vietnamese and Russian text nearly every letter is non-ASCII, so a build spent about 5 % of its
//! instructions there. Almost all of those letters are starters that are always NFC (`ạ`, `ж`),
//! so this check answers them from a bitmap built once from the same library, and asks the
//! library only about the rest. The answer is the library's, character for character (tested
//! below); only the speed differs.

use std::sync::OnceLock;

pub use unicode_normalization::IsNormalized;
use unicode_normalization::char::canonical_combining_class;

/// Characters below this have a bit in the bitmap; beyond it (CJK and up) the library answers.
const LIMIT: u32 = 0x3000;

/// Bit `c` is set when `c` is a starter (combining class 0) whose NFC_Quick_Check is Yes.
fn simple_starters() -> &'static [u64] {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; (LIMIT as usize).div_ceil(64)];
        for c in (0..LIMIT).filter_map(char::from_u32) {
            if canonical_combining_class(c) == 0
                && unicode_normalization::is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                bits[c as usize / 64] |= 1 << (c as usize % 64);
            }
        }
        bits
    })
}

/// The same answer as `unicode_normalization::is_nfc_quick(text.chars())`: `Yes` when `text`
/// is certainly NFC, `No` when it certainly is not, `Maybe` when only normalising can tell.
pub fn is_nfc_quick(text: &str) -> IsNormalized {
    let bytes = text.as_bytes();
    let mut check = Checker::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            // ASCII letters are starters, always NFC.
            i = super::scan::ascii_end(bytes, i + 1);
            check.starter();
            continue;
        }
        // `i` is at a non-ASCII byte after whole characters, so it starts one.
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if !check.char(c) {
            break;
        }
    }
    check.result
}

/// The quick check one character at a time, for scans that look at each character for other
/// reasons too ([`super::scan::quick`]): [`is_nfc_quick`] is this over the whole text.
pub(crate) struct Checker {
    table: &'static [u64],
    last_cc: u8,
    /// The answer for the characters seen so far.
    pub(crate) result: IsNormalized,
}

/// Whether `c` is a starter whose NFC_Quick_Check is Yes (answered from the bitmap below
/// [`LIMIT`], false above it).
pub(crate) fn is_simple_starter(c: char) -> bool {
    bit(simple_starters(), c)
}

/// `c`'s bit in the bitmap of [`simple_starters`] (false at and above [`LIMIT`]).
#[inline]
fn bit(table: &[u64], c: char) -> bool {
    let u = c as u32;
    u < LIMIT && table[u as usize / 64] & (1 << (u % 64)) != 0
}

impl Checker {
    pub(crate) fn new() -> Checker {
        Checker { table: simple_starters(), last_cc: 0, result: IsNormalized::Yes }
    }

    /// An ASCII character or another [`is_simple_starter`] comes next.
    #[inline]
    pub(crate) fn starter(&mut self) {
        self.last_cc = 0;
    }

    /// `c` (not ASCII) comes next; false once the answer is a certain `No`.
    #[inline]
    pub(crate) fn char(&mut self, c: char) -> bool {
        if bit(self.table, c) {
            self.last_cc = 0;
            return true;
        }
        // The library's rule for one character: a mark out of canonical order is a certain No.
        let cc = canonical_combining_class(c);
        if self.last_cc > cc && cc != 0 {
            self.result = IsNormalized::No;
            return false;
        }
        match unicode_normalization::is_nfc_quick(std::iter::once(c)) {
            IsNormalized::Yes => {}
            IsNormalized::No => {
                self.result = IsNormalized::No;
                return false;
            }
            IsNormalized::Maybe => self.result = IsNormalized::Maybe,
        }
        self.last_cc = cc;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn library(s: &str) -> IsNormalized {
        unicode_normalization::is_nfc_quick(s.chars())
    }

    #[test]
    fn agrees_with_the_library_on_every_character_below_the_limit_and_after_marks() {
        let marks = ["", "\u{0301}", "\u{0323}\u{0302}", "\u{0302}\u{0323}", "\u{0306}", "\u{093C}", "\u{3099}"];
        for c in (0..LIMIT + 0x100).filter_map(char::from_u32) {
            for m in marks {
                for s in [format!("{c}{m}"), format!("{m}{c}"), format!("a{c}{m}b")] {
                    assert_eq!(is_nfc_quick(&s), library(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn texts_as_the_seeds_write_them() {
        for s in ["Tháng 1-2: Microservices", "Месяц 3 — ёлка й", "Tie\u{0302}\u{0301}ng", "Ω Å ﬁ", "가각"]
        {
            assert_eq!(is_nfc_quick(s), library(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_library(s in "(\\PC|[\u{0300}-\u{036F}\u{1DC0}-\u{1DFF}\u{0483}-\u{0489}\u{0591}-\u{05BD}]){0,40}") {
            prop_assert_eq!(is_nfc_quick(&s), library(&s));
        }
    }
}
