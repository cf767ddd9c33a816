//! Inputs that broke (or nearly broke) the encoding stage's contract, found by the fuzz targets
//! in `fuzz/` (`fuzz/run.sh SECONDS`) or by reading the code. Each is checked with the same
//! invariants the targets assert.

use roadmap_gen::encoding::codepages::Codepage;
use roadmap_gen::encoding::{IssueKind, cleanliness, lost_bytes, mojibake, normalize};

/// The `decode` target's invariants.
fn check_decode(data: &[u8]) {
    let n = normalize(data);
    assert!(!n.text.contains('\r'), "CR left in the output of {data:?}");
    assert!(!n.text.starts_with('\u{FEFF}'), "BOM left in the output of {data:?}");
    assert!(!cleanliness(n.text.as_bytes()).iter().any(|i| i.kind == IssueKind::NotNfc), "{data:?}");
    if cleanliness(data).is_empty() {
        assert_eq!(std::str::from_utf8(data).ok(), Some(n.text.as_str()), "clean input changed");
    }
}

/// The `repair` target's invariants.
fn check_repair(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let f = mojibake::fix_encoding(&text);
    assert_eq!(f.text.matches('\n').count(), text.matches('\n').count(), "line count changed: {data:?}");
    let cp = Codepage::MOJIBAKE_ORDER[first as usize % Codepage::MOJIBAKE_ORDER.len()];
    if let Some(r) = lost_bytes::restore(&text, cp) {
        assert_eq!(r.text.matches('\n').count(), text.matches('\n').count());
    }
    let garbled = cp.decode(text.as_bytes());
    let n = normalize(garbled.as_bytes());
    let lines = n.text.split('\n').count();
    for r in &n.repairs {
        assert!(r.line >= 1 && r.line <= lines, "repair on line {} of {lines}: {data:?}", r.line);
    }
}

const INPUTS: &[&[u8]] = &[
    b"",
    b"\xEF\xBB\xBF",
    // Several byte-order marks: only the first used to be removed.
    b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBFtext",
    b"\xFF\xFE\xFF\xFE",
    b"\xFF\xFE\x00",
    b"\x00\x00\xFE\xFF\x00\x11\x00\x00",
    b"\r",
    b"\r\r\n\n\r",
    b"\xC3",
    b"\xF0\x9F",
    b"\xC3\x83\xC2",
    b"\xE2\x80",
    b"a\x80b\x81c\xFF",
    b"\xED\xA0\x80\xED\xB0\x80",
    b"\xC0\x80",
    "Ã".as_bytes(),
    "Ã Ã Ã ".as_bytes(),
    "\u{FFFD}\u{FFFD}".as_bytes(),
    "ðŸ".as_bytes(),
    "â€".as_bytes(),
    "Ä\u{1A}".as_bytes(),
    "\u{1A}\u{1A}".as_bytes(),
    "e\u{301}\u{301}\u{323}".as_bytes(),
    "\u{FEFF}\u{FEFF}".as_bytes(),
    "`Ã©` and Ã©".as_bytes(),
    "```\nÃ©\n```\nÃ©".as_bytes(),
];

#[test]
fn decode_invariants_hold() {
    for data in INPUTS {
        check_decode(data);
    }
}

#[test]
fn repair_invariants_hold() {
    for data in INPUTS {
        for first in 0..10u8 {
            let mut d = vec![first];
            d.extend_from_slice(data);
            check_repair(&d);
        }
    }
}
