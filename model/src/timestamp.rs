//! RFC 3339 timestamps, parsed without a date library (every byte counts in the wasm).

use std::fmt;

/// A moment as the article wrote it: the original text (for `<time datetime>`) and its parts
/// in the writer's own UTC offset (for display).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    /// Seconds since 1970-01-01T00:00:00Z, for comparing moments written in different offsets.
    unix_seconds: i64,
    offset_minutes: i16,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Timestamp {
    /// Parses `2026-11-28T09:30:00Z` or `2026-11-28T09:30:00.250+01:00` (RFC 3339, with `t`,
    /// `z` and a space separator also accepted, as the RFC allows).
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let invalid =
            || format!("\"{text}\" is not an RFC 3339 timestamp like 2026-11-28T09:30:00Z");
        let bytes = text.as_bytes();
        let digits = |from: usize, len: usize| -> Option<u32> {
            let part = bytes.get(from..from + len)?;
            part.iter().try_fold(0u32, |acc, b| {
                b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
            })
        };
        let at = |i: usize| bytes.get(i).copied();
        let separators_ok = at(4) == Some(b'-')
            && at(7) == Some(b'-')
            && matches!(at(10), Some(b'T' | b't' | b' '))
            && at(13) == Some(b':')
            && at(16) == Some(b':');
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
            digits(0, 4),
            digits(5, 2),
            digits(8, 2),
            digits(11, 2),
            digits(14, 2),
            digits(17, 2),
        ) else {
            return Err(invalid());
        };
        if !separators_ok {
            return Err(invalid());
        }
        let mut rest = bytes.get(19..).unwrap_or_default();
        if let Some(fraction) = rest.strip_prefix(b".") {
            let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if len == 0 {
                return Err(invalid());
            }
            rest = fraction.get(len..).unwrap_or_default();
        }
        let offset_minutes: i32 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let two = |a: u8, b: u8| {
                    (a.is_ascii_digit() && b.is_ascii_digit())
                        .then(|| i32::from(a - b'0') * 10 + i32::from(b - b'0'))
                };
                let (Some(h), Some(m)) = (two(*h1, *h2), two(*m1, *m2)) else {
                    return Err(invalid());
                };
                if h > 23 || m > 59 {
                    return Err(invalid());
                }
                if *sign == b'-' {
                    -(h * 60 + m)
                } else {
                    h * 60 + m
                }
            }
            _ => {
                return Err(format!(
                    "{}; it needs a UTC offset such as Z or +01:00",
                    invalid()
                ));
            }
        };
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(format!("\"{text}\" is not a real date and time"));
        }
        let days = days_from_civil(i64::from(year), month, day);
        let local_seconds =
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        // Every value was range-checked above, so these conversions cannot fail.
        Ok(Timestamp {
            text: text.to_string(),
            year: u16::try_from(year).unwrap_or_default(),
            month: u8::try_from(month).unwrap_or_default(),
            day: u8::try_from(day).unwrap_or_default(),
            hour: u8::try_from(hour).unwrap_or_default(),
            minute: u8::try_from(minute).unwrap_or_default(),
            unix_seconds: local_seconds - i64::from(offset_minutes) * 60,
            offset_minutes: i16::try_from(offset_minutes).unwrap_or_default(),
        })
    }

    /// The timestamp exactly as the document wrote it, for `<time datetime>`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.unix_seconds
    }

    /// The date alone, e.g. `28 November 2026`.
    pub fn date(&self) -> String {
        let month = MONTHS
            .get(usize::from(self.month) - 1)
            .copied()
            .unwrap_or_default();
        format!("{} {month} {}", self.day, self.year)
    }

    /// Do the two timestamps name different moments?
    pub fn differs_from(&self, other: &Timestamp) -> bool {
        self.unix_seconds != other.unix_seconds
    }
}

/// `28 November 2026, 09:30 UTC+01:00`: the moment in the writer's own offset, so the page
/// shows the same text wherever it is read (locale-aware dates are the reader's choice, later).
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {:02}:{:02} UTC",
            self.date(),
            self.hour,
            self.minute
        )?;
        if self.offset_minutes != 0 {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let offset = self.offset_minutes.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", offset / 60, offset % 60)?;
        }
        Ok(())
    }
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets() {
        let utc = Timestamp::parse("2026-11-28T09:30:00Z").unwrap();
        assert_eq!(utc.unix_seconds(), 1_795_858_200);
        assert_eq!(utc.to_string(), "28 November 2026, 09:30 UTC");
        let paris = Timestamp::parse("2026-11-28T10:30:00.125+01:00").unwrap();
        assert!(!paris.differs_from(&utc));
        assert_eq!(paris.to_string(), "28 November 2026, 10:30 UTC+01:00");
        assert_eq!(paris.as_str(), "2026-11-28T10:30:00.125+01:00");
        let new_york = Timestamp::parse("2026-11-28T04:30:00-05:00").unwrap();
        assert_eq!(new_york.unix_seconds(), utc.unix_seconds());
    }

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(
            Timestamp::parse("1970-01-01T00:00:00Z")
                .unwrap()
                .unix_seconds(),
            0
        );
        assert!(Timestamp::parse("2024-02-29T12:00:00Z").is_ok());
        assert!(Timestamp::parse("2026-02-29T12:00:00Z").is_err());
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for text in [
            "",
            "yesterday",
            "2026-11-28",
            "2026-11-28T09:30:00",
            "2026-13-01T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T09:30:00+1:00",
            "2026-11-28T09:30:00.Z",
            "28/11/2026 09:30",
            "２０２６-11-28T09:30:00Z",
        ] {
            assert!(Timestamp::parse(text).is_err(), "{text:?} was accepted");
        }
    }
}
