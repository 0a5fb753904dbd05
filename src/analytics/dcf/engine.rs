//! One engine run: the pipeline ledger → debt → returns, under the knobs of `knobs.rs`.

use super::debt;
use super::knobs::Knobs;
use super::ledger;
use super::model::DcfInput;
use super::output::{DcfResult, ValueOptions};
use super::returns;

pub(super) fn run(input: &DcfInput, k: &Knobs, options: ValueOptions) -> DcfResult {
    let ledger = ledger::build(input, k);
    let schedule = input.loan.map(|l| debt::schedule(&l, 12 * input.hold_years as usize));
    returns::assemble(input, k, &ledger, schedule.as_ref(), options)
}
