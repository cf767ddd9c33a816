//! Bytes → text: any bytes go through the normalise stage and the cleanliness check without a
//! panic, and the output keeps the stage's contract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_gen::encoding::{IssueKind, cleanliness, normalize};

fuzz_target!(|data: &[u8]| {
    let n = normalize(data);
    assert!(!n.text.contains('\r'), "CR left in the output");
    assert!(!n.text.starts_with('\u{FEFF}'), "BOM left in the output");
    assert!(
        !cleanliness(n.text.as_bytes()).iter().any(|i| i.kind == IssueKind::NotNfc),
        "output not NFC"
    );
    let issues = cleanliness(data);
    if issues.is_empty() {
        // A clean file passes through unchanged.
        assert_eq!(std::str::from_utf8(data).ok(), Some(n.text.as_str()));
    }
});
