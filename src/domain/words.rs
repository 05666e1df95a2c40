//! Counting in words: "1 entry", "2 entries", "1 repair".

/// `word` for `n` of it: the word itself for one, its plural otherwise.
pub fn plural(word: &str, n: usize) -> String {
    match (n, word) {
        (1, _) => word.to_string(),
        (_, "entry") => "entries".to_string(),
        (_, w) => format!("{w}s"),
    }
}

/// "1 entry", "3 entries", "0 repairs".
pub fn counted(n: usize, word: &str) -> String {
    format!("{n} {}", plural(word, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "repair"), "1 repair");
        assert_eq!(counted(0, "repair"), "0 repairs");
        assert_eq!(counted(2, "entry"), "2 entries");
        assert_eq!(counted(1, "check-in"), "1 check-in");
        assert_eq!(counted(12, "commitment"), "12 commitments");
    }
}
