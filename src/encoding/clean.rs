//! Is a source clean NFC UTF-8? The check behind `gen check`: any issue here fails it.
//!
//! Clean means: valid UTF-8, no byte-order mark, LF line endings only, NFC, no mojibake that
//! the normalise stage would repair, no damaged characters (U+FFFD, lost bytes). A clean file
//! costs one validation and the fast scan of [`super::scan::may_need_repair`].

use super::nfc::{IsNormalized, is_nfc_quick};
use super::{RepairKind, normalize, scan};
use unicode_normalization::UnicodeNormalization;

/// Why a source is not clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    /// The bytes are not valid UTF-8 (a legacy encoding, UTF-16/32, or stray bytes).
    NotUtf8,
    /// The file starts with a byte-order mark.
    ByteOrderMark,
    /// CR or CRLF line endings.
    LineEndings,
    /// Text that Unicode normalisation form C would change.
    NotNfc,
    /// Mojibake that `gen fix` repairs losslessly.
    Mojibake,
    /// Characters whose bytes were lost; `gen fix` restores them by a guess.
    LostBytes,
    /// Damage that cannot be repaired (U+FFFD, no candidate for lost bytes).
    Damaged,
}

/// One reason a source is not clean, with its location.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Issue {
    /// What is wrong.
    pub kind: IssueKind,
    /// 1-based line. For `NotUtf8`, `ByteOrderMark`, `LineEndings` and `NotNfc` it counts in the
    /// file as it is; for the others, in the repaired text (lines are the same unless the file
    /// had CR line endings).
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// A sentence for the author, e.g. `not UTF-8 (reads as windows-1251)`.
    pub message: String,
}

/// Every reason `bytes` is not clean NFC UTF-8 with LF line endings (empty when it is clean).
///
/// Never panics. Issues of the same kind are reported once per spot for mojibake and damage,
/// and once per file (at the first occurrence) for the encoding, the BOM, line endings and NFC.
pub fn cleanliness(bytes: &[u8]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(text) = utf8 {
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if !has_bom
            && !body.contains('\r')
            && !body.contains('\u{FFFD}')
            && is_nfc_quick(body) == IsNormalized::Yes
            && !scan::may_need_repair(body)
        {
            return issues; // the common case, decided fast
        }
    }
    match utf8 {
        Err(e) => {
            let (line, col) = line_col(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]));
            let n = normalize(bytes);
            issues.push(Issue {
                kind: IssueKind::NotUtf8,
                line,
                col,
                message: format!("not UTF-8 (first invalid byte here; the file reads as {})", n.decoding.encoding),
            });
        }
        Ok(text) => {
            if has_bom {
                issues.push(Issue {
                    kind: IssueKind::ByteOrderMark,
                    line: 1,
                    col: 1,
                    message: "byte-order mark at the start of the file".into(),
                });
            }
            if let Some(i) = text.find('\r') {
                let (line, col) = line_col(&text[..i]);
                issues.push(Issue {
                    kind: IssueKind::LineEndings,
                    line,
                    col,
                    message: "CR or CRLF line ending (gen expects LF)".into(),
                });
            }
            if let Some((line, col)) = first_non_nfc(text) {
                issues.push(Issue {
                    kind: IssueKind::NotNfc,
                    line,
                    col,
                    message: "text not in Unicode normalisation form C (NFC)".into(),
                });
            }
            let n = normalize(bytes);
            for r in &n.repairs {
                let kind = match r.kind {
                    RepairKind::Mojibake => IssueKind::Mojibake,
                    RepairKind::LostBytes => IssueKind::LostBytes,
                    RepairKind::Transcode | RepairKind::Normalize => continue,
                };
                issues.push(Issue {
                    kind,
                    line: r.line,
                    col: r.col,
                    message: format!(
                        "{} {:?} → {:?}",
                        if kind == IssueKind::Mojibake { "mojibake" } else { "lost bytes" },
                        r.before,
                        r.after
                    ),
                });
            }
            for (line, col, msg) in n.unresolved {
                issues.push(Issue { kind: IssueKind::Damaged, line, col, message: msg });
            }
        }
    }
    issues
}

/// 1-based (line, column in chars) of the position just after `prefix`.
fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let last = prefix.rfind('\n').map(|i| &prefix[i + 1..]).unwrap_or(prefix);
    (line, last.chars().count() + 1)
}

fn first_non_nfc(text: &str) -> Option<(usize, usize)> {
    if is_nfc_quick(text) == IsNormalized::Yes {
        return None;
    }
    for (ln, line) in text.split('\n').enumerate() {
        if unicode_normalization::is_nfc(line) {
            continue;
        }
        let nfc: Vec<char> = line.nfc().collect();
        let col = line.chars().zip(&nfc).take_while(|(a, b)| a == *b).count();
        return Some((ln + 1, col + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(b: &[u8]) -> Vec<IssueKind> {
        cleanliness(b).into_iter().map(|i| i.kind).collect()
    }

    #[test]
    fn clean_text_has_no_issue() {
        assert!(cleanliness(b"").is_empty());
        assert!(cleanliness("# Tiếng Việt\nПривет 🎯 ⭐️\n".as_bytes()).is_empty());
        assert!(cleanliness("Portuguese: NÃO, Ã\n".as_bytes()).is_empty());
    }

    #[test]
    fn each_kind_is_found_and_located() {
        assert_eq!(kinds(b"\xEF\xBB\xBFok\n"), [IssueKind::ByteOrderMark]);
        let i = cleanliness(b"a\nb\r\nc\n");
        assert_eq!((i[0].kind, i[0].line, i[0].col), (IssueKind::LineEndings, 2, 2));
        let i = cleanliness("ok\nxe\u{301}\n".as_bytes());
        assert_eq!((i[0].kind, i[0].line, i[0].col), (IssueKind::NotNfc, 2, 2));
        let i = cleanliness(b"line\n\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0\n");
        assert_eq!((i[0].kind, i[0].line, i[0].col), (IssueKind::NotUtf8, 2, 1));
        assert!(i[0].message.contains("windows-1251"), "{}", i[0].message);
        assert_eq!(kinds("Nicol\u{c3}\u{a1}s\n".as_bytes()), [IssueKind::Mojibake]);
        assert_eq!(kinds("broken \u{FFFD} char\n".as_bytes()), [IssueKind::Damaged]);
    }
}
