//! Repair: any text, read as mojibake through every code page (whole-text, piecewise and lossy
//! restoration), never panics; repairs are reported on lines that exist.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_gen::encoding::codepages::Codepage;
use roadmap_gen::encoding::{lost_bytes, mojibake, normalize};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let f = mojibake::fix_encoding(&text);
    assert_eq!(f.text.matches('\n').count(), text.matches('\n').count(), "line count changed");
    let cp = Codepage::MOJIBAKE_ORDER[first as usize % Codepage::MOJIBAKE_ORDER.len()];
    if let Some(r) = lost_bytes::restore(&text, cp) {
        assert_eq!(r.text.matches('\n').count(), text.matches('\n').count());
    }
    // The same text garbled through the code page (when it can be) must not trip the repair.
    let garbled = cp.decode(text.as_bytes());
    let n = normalize(garbled.as_bytes());
    let lines = n.text.split('\n').count();
    for r in &n.repairs {
        assert!(r.line >= 1 && r.line <= lines, "repair on line {} of {lines}", r.line);
    }
});
