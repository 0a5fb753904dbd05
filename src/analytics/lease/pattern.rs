//! Regular expressions compiled once, on first use; a pattern that failed to compile (a bug the
//! unit tests catch) matches nothing instead of panicking the server.
use regex::{Captures, Match, Regex};
use std::sync::LazyLock;

/// A lazily compiled regular expression.
pub struct Re(LazyLock<Option<Regex>, fn() -> Option<Regex>>);

impl Re {
    pub const fn new(build: fn() -> Option<Regex>) -> Self {
        Re(LazyLock::new(build))
    }

    /// The compiled pattern (None only when it failed to compile).
    pub fn get(&self) -> Option<&Regex> {
        self.0.as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.get()?.find(text)
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.get()?.captures(text)
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + use<'r, 't> {
        self.get().into_iter().flat_map(move |r| r.find_iter(text))
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        self.get().into_iter().flat_map(move |r| r.captures_iter(text))
    }
}
