//! Emoji knowledge: which code points are emoji, which take VS16, how common they are, and
//! what they mean (CLDR annotations).
