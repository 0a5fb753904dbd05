//! What the file imports' data-quality gates share: one refused value, seen the same way by the
//! GraphQL error and the CLI table whatever the file's format (sales, market series).
/// One refused value of an import file.
pub trait Problem {
    /// 1-based data row; None for the file as a whole (the header).
    fn row(&self) -> Option<usize>;
    fn field(&self) -> &str;
    /// The value as shown (control characters escaped, a long value cut).
    fn value(&self) -> &str;
    fn rule(&self) -> &str;
}

macro_rules! problem {
    ($($t:ty),*) => {$(
        impl Problem for $t {
            fn row(&self) -> Option<usize> { self.row }
            fn field(&self) -> &str { &self.field }
            fn value(&self) -> &str { &self.value }
            fn rule(&self) -> &str { &self.rule }
        }
    )*};
}

problem!(
    crate::services::sales_import::Violation,
    crate::services::market::import::Violation
);
