//! Validation of user input before it reaches SQLite: every database constraint, plus
//! what a person expects (real dates in order, web addresses that parse, e-mail shape).
//! All problems of one input are reported together, each with a stable code, the field
//! and a sentence.

use crate::{Error, Result};

pub use crate::error::{Code, FieldError};

/// Collects the problems of one input.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

/// A calendar date, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, accepting only days that exist.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, code: Code, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            code,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// `Ok` when nothing was recorded, else every problem at once.
    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }

    /// The field must hold something other than spaces.
    pub fn required(&mut self, field: &str, label: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(Code::Required, field, format!("{label} is required."));
        }
    }

    /// At most `max` characters (the documented VARCHAR size).
    pub fn max_chars(&mut self, field: &str, label: &str, value: Option<&str>, max: usize) {
        if let Some(value) = value {
            let count = value.chars().count();
            if count > max {
                self.push(
                    Code::TooLong,
                    field,
                    format!("{label} can be at most {max} characters long; this one has {count}."),
                );
            }
        }
    }

    /// A real calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str, label: &str, value: Option<&str>) -> Option<Date> {
        let value = value?;
        let date = Date::parse(value);
        if date.is_none() {
            self.push(
                Code::InvalidDate,
                field,
                format!("{label} must be a real date written YYYY-MM-DD; \"{value}\" is not."),
            );
        }
        date
    }

    /// `end` after `start` (or on the same day when `strict` is false).
    pub fn date_order(
        &mut self,
        start: Option<Date>,
        end: Option<Date>,
        end_field: &str,
        strict: bool,
    ) {
        if let (Some(start), Some(end)) = (start, end)
            && (end < start || (strict && end == start))
        {
            let rule = if strict { "after" } else { "on or after" };
            self.push(
                Code::DateOrder,
                end_field,
                format!("The end date must be {rule} the start date."),
            );
        }
    }

    /// A web address (http or https) that parses.
    pub fn url(&mut self, field: &str, label: &str, value: Option<&str>, max: usize) {
        let Some(value) = value else { return };
        self.max_chars(field, label, Some(value), max);
        let ok = url::Url::parse(value).is_ok_and(|url| {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty())
        });
        if !ok {
            let hint = if value.contains("://") || value.contains(' ') {
                String::new()
            } else {
                format!(" (did you mean https://{value}?)")
            };
            self.push(
                Code::InvalidUrl,
                field,
                format!("{label} must be a web address starting with http:// or https://{hint}."),
            );
        }
    }

    /// Something shaped like an e-mail address: one `@`, a name before it, a domain with a dot after it.
    pub fn email(&mut self, field: &str, label: &str, value: Option<&str>) {
        let Some(value) = value else { return };
        let valid = value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        });
        if !valid {
            self.push(
                Code::InvalidEmail,
                field,
                format!("{label} must look like name@example.com."),
            );
        }
    }

    /// Lowercase letters, digits and single hyphens, not at either end.
    pub fn slug(&mut self, field: &str, value: Option<&str>) {
        let Some(value) = value else { return };
        let valid = !value.is_empty()
            && value.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !valid {
            self.push(
                Code::InvalidSlug,
                field,
                "The profile address may contain only lowercase letters, digits and single hyphens, like ada-lovelace.",
            );
        }
        self.max_chars(field, "The profile address", Some(value), 100);
    }

    /// A whole number between `min` and `max`.
    pub fn range(&mut self, field: &str, label: &str, value: Option<i64>, min: i64, max: i64) {
        if let Some(value) = value
            && !(min..=max).contains(&value)
        {
            self.push(
                Code::OutOfRange,
                field,
                format!("{label} must be between {min} and {max}; {value} is not."),
            );
        }
    }

    /// One of the allowed values.
    pub fn choice(&mut self, field: &str, label: &str, value: Option<&str>, allowed: &[&str]) {
        if let Some(value) = value
            && !allowed.contains(&value)
        {
            self.push(
                Code::InvalidChoice,
                field,
                format!(
                    "{label} must be one of {}; \"{value}\" is not.",
                    allowed.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2024-02-29").is_some(), "leap day");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(
            Date::parse("1900-02-29").is_none(),
            "century years are not leap years"
        );
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2023-04-31").is_none());
        assert!(Date::parse("2023-4-03").is_none());
        assert!(Date::parse("２０２３-04-03").is_none());
    }
}
