//! Money in whole cents: the positive [`Amount`] of one entry, the signed
//! [`Cents`] of a balance, and the parser for what people type.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The largest amount one entry may carry: $1,000,000.00. Large enough for
/// any symbolic trust ledger, small enough that no sum of a lifetime's
/// entries can overflow an `i64`.
pub const MAX_CENTS: u64 = 100_000_000;

/// A positive whole number of cents carried by one entry (never a float).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub u64);

impl Amount {
    pub const fn cents(self) -> u64 {
        self.0
    }

    /// As a person would type it: `10c` below a dollar, `$1.50` from one.
    /// [`parse_amount`] reads it back.
    pub fn typed(self) -> String {
        if self.0 < 100 { format!("{}c", self.0) } else { self.to_string() }
    }

    /// The signed value, for sums and balances.
    pub const fn signed(self) -> Cents {
        // MAX_CENTS keeps every valid amount far inside i64.
        Cents(self.0 as i64)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.signed(), f)
    }
}

/// A signed number of cents: a balance, a net, a difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);
}

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        *self = *self + rhs;
    }
}

impl std::ops::SubAssign for Cents {
    fn sub_assign(&mut self, rhs: Cents) {
        *self = *self - rhs;
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, |a, b| a + b)
    }
}

/// `$0.10`, `$12.40`, `-$3.00`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let text = format!("{sign}${}.{:02}", abs / 100, abs % 100);
        f.pad(&text)
    }
}

impl Cents {
    /// Like `Display`, but always with a sign: `+$0.10`, `-$1.00`, `$0.00`.
    pub fn signed_string(self) -> String {
        if self.0 > 0 { format!("+{self}") } else { self.to_string() }
    }
}

/// What a person typed as an amount: a number of cents, or a wipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountInput {
    Cents(Amount),
    Wipe,
}

/// Why typed text is not an amount. Each message is one plain sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("type an amount, like 10c, $1 or 1.50")]
    Empty,
    #[error("an amount is never negative; choose deposit or withdrawal instead")]
    Negative,
    #[error("an amount must be more than $0.00")]
    Zero,
    #[error("use at most two decimals, like 1.50")]
    TooManyDecimals,
    #[error("amounts go up to $1000000.00")]
    TooLarge,
    #[error("\"{0}\" is not an amount; try 10c, 25¢, $1, 1.50 or wipe")]
    NotAnAmount(String),
}

/// Parses `10c`, `25¢`, `$1`, `1.50`, `$12.40` or `wipe`.
///
/// A bare number is dollars (`1` is `$1.00`), a `c` or `¢` suffix marks
/// whole cents. Surrounding spaces are ignored; case does not matter.
pub fn parse_amount(text: &str) -> Result<AmountInput, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.eq_ignore_ascii_case("wipe") {
        return Ok(AmountInput::Wipe);
    }
    if text.starts_with('-') {
        return Err(AmountError::Negative);
    }
    let not_amount = || AmountError::NotAnAmount(text.to_string());

    let cents = if let Some(digits) = text.strip_suffix(['c', 'C']).or_else(|| text.strip_suffix('¢')) {
        let digits = digits.trim_end();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_amount());
        }
        parse_digits(digits)?
    } else {
        let dollars = text.strip_prefix('$').unwrap_or(text).trim_start();
        if dollars.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let (whole, fraction) = match dollars.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (dollars, None),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_amount());
        }
        let fraction_cents = match fraction {
            None => 0,
            Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(not_amount());
            }
            Some(f) if f.len() > 2 => return Err(AmountError::TooManyDecimals),
            Some(f) if f.len() == 1 => parse_digits(f)? * 10,
            Some(f) => parse_digits(f)?,
        };
        parse_digits(whole)?
            .checked_mul(100)
            .and_then(|c| c.checked_add(fraction_cents))
            .ok_or(AmountError::TooLarge)?
    };
    if cents == 0 {
        return Err(AmountError::Zero);
    }
    if cents > MAX_CENTS {
        return Err(AmountError::TooLarge);
    }
    Ok(AmountInput::Cents(Amount(cents)))
}

fn parse_digits(digits: &str) -> Result<u64, AmountError> {
    // Only ASCII digits reach here, so the one possible failure is overflow.
    digits.parse::<u64>().map_err(|_| AmountError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cents(text: &str) -> u64 {
        match parse_amount(text) {
            Ok(AmountInput::Cents(a)) => a.cents(),
            other => panic!("{text:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(cents("10c"), 10);
        assert_eq!(cents("25¢"), 25);
        assert_eq!(cents("1c"), 1);
        assert_eq!(cents("$1"), 100);
        assert_eq!(cents("1.50"), 150);
        assert_eq!(cents("$12.40"), 1240);
        assert_eq!(cents("$0.1"), 10);
        assert_eq!(cents(" 5 "), 500);
        assert_eq!(parse_amount("wipe"), Ok(AmountInput::Wipe));
        assert_eq!(parse_amount("WIPE"), Ok(AmountInput::Wipe));
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount("$-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount("1.234"), Err(AmountError::TooManyDecimals));
        assert!(matches!(parse_amount("abc"), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("1.2.3"), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("1."), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("$"), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("c"), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("1.5c"), Err(AmountError::NotAnAmount(_))));
        assert!(matches!(parse_amount("１"), Err(AmountError::NotAnAmount(_))));
        assert_eq!(parse_amount(""), Err(AmountError::Empty));
        assert_eq!(parse_amount("0"), Err(AmountError::Zero));
        assert_eq!(parse_amount("0c"), Err(AmountError::Zero));
        assert_eq!(parse_amount("99999999999999999999999"), Err(AmountError::TooLarge));
        assert_eq!(parse_amount("184467440737095516.16"), Err(AmountError::TooLarge));
        assert_eq!(parse_amount("1000000.01"), Err(AmountError::TooLarge));
        assert_eq!(cents("1000000"), MAX_CENTS);
    }

    #[test]
    fn displays_dollars_with_two_decimals() {
        assert_eq!(Amount(10).to_string(), "$0.10");
        assert_eq!(Amount(1240).to_string(), "$12.40");
        assert_eq!(Cents(-300).to_string(), "-$3.00");
        assert_eq!(Cents(0).to_string(), "$0.00");
        assert_eq!(Cents(5).signed_string(), "+$0.05");
        assert_eq!(Cents(-5).signed_string(), "-$0.05");
        assert_eq!(format!("{:>8}", Cents(10)), "   $0.10");
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(c in 1..=MAX_CENTS) {
            let shown = Amount(c).to_string();
            prop_assert_eq!(parse_amount(&shown), Ok(AmountInput::Cents(Amount(c))));
            prop_assert_eq!(parse_amount(&format!("{c}c")), Ok(AmountInput::Cents(Amount(c))));
            prop_assert_eq!(parse_amount(&Amount(c).typed()), Ok(AmountInput::Cents(Amount(c))));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = parse_amount(&s);
        }

        #[test]
        fn negative_numbers_are_rejected(c in 1..=MAX_CENTS) {
            prop_assert_eq!(parse_amount(&Cents(-(c as i64)).to_string()), Err(AmountError::Negative));
        }
    }
}
