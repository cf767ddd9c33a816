//! Word and letter statistics for Vietnamese, Russian and English.

/// Letters of the alphabets gen knows (Latin, Vietnamese, Russian).
pub fn is_common_letter(c: char) -> bool {
    let c = c.to_lowercase().next().unwrap_or(c);
    c.is_ascii_lowercase()
        || ('а'..='я').contains(&c)
        || c == 'ё'
        || "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".contains(c)
        || "äöüßçñïëœæøå".contains(c)
}

/// Bonus for a word that the lexicon knows (0 until the data is loaded).
pub fn word_bonus(_w: &str) -> f64 {
    0.0
}
