//! Run gen's encoding repair on ftfy's 161 test cases (Apache-2.0, see
//! `tests/fixtures/ftfy/README.md`). Cases marked "pass" are compared with `fixed-encoding`
//! (ftfy's encoding-only repair, which never uncurls quotes), NFC-normalised; the number of
//! ftfy's known failures that gen gets right is printed, not asserted.

use roadmap_gen::encoding::normalize;
use unicode_normalization::UnicodeNormalization;

#[derive(serde::Deserialize)]
struct Case {
    label: String,
    original: String,
    fixed: String,
    #[serde(rename = "fixed-encoding")]
    fixed_encoding: Option<String>,
    expect: String,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/fixtures/ftfy/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn ftfy_cases() {
    let mut pass_ok = 0;
    let mut pass_total = 0;
    let mut fail_fixed = 0;
    let mut fail_total = 0;
    let mut wrong = Vec::new();
    for file in ["in-the-wild", "synthetic", "language-names", "negative", "known-failures"] {
        for case in load(file) {
            let expected: String = case.fixed_encoding.as_ref().unwrap_or(&case.fixed).nfc().collect();
            let got = normalize(case.original.as_bytes()).text;
            let ok = got == expected;
            if case.expect == "pass" {
                pass_total += 1;
                if ok {
                    pass_ok += 1;
                } else {
                    wrong.push(format!(
                        "{file}: {}\n   input    {:?}\n   expected {:?}\n   got      {:?}",
                        case.label, case.original, expected, got
                    ));
                }
            } else {
                fail_total += 1;
                if ok {
                    fail_fixed += 1;
                }
            }
        }
    }
    println!("ftfy pass cases: {pass_ok}/{pass_total}; known failures fixed: {fail_fixed}/{fail_total}");
    for w in &wrong {
        println!("{w}");
    }
    assert_eq!(pass_total, 151);
    assert_eq!(pass_ok, pass_total, "{} pass cases wrong", wrong.len());
}
