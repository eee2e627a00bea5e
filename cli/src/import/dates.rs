//! Dates as sources write them, to the RFC 3339 timestamps of the format.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};
use folio_model::Timestamp;

use crate::import::Notes;

/// `text` (RFC 3339, RFC 2822 as in RSS, ISO 8601 without an offset as in WordPress's
/// `date_gmt`, or a bare date) as a timestamp. What had to be assumed is noted.
pub fn rfc3339(text: &str, notes: &mut Notes) -> Result<Timestamp, String> {
    let text = text.trim();
    let written = if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        moment.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    } else if let Ok(moment) = DateTime::parse_from_rfc2822(text) {
        moment.to_rfc3339_opts(SecondsFormat::Secs, true)
    } else if let Some(moment) = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    {
        notes.add_once("a date without a time zone was read as UTC");
        moment.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
    } else if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        notes.add_once("a date without a time was read as midnight UTC");
        date.and_hms_opt(0, 0, 0)
            .map(|moment| moment.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_default()
    } else {
        return Err(format!(
            "\"{text}\" is not a date (RFC 3339 like 2026-11-28T09:30:00Z, or RFC 2822)"
        ));
    };
    Timestamp::parse(&written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_dates_sources_write() {
        let mut notes = Notes::default();
        let read =
            |text: &str, notes: &mut Notes| rfc3339(text, notes).unwrap().as_str().to_string();
        assert_eq!(
            read("2026-11-28T09:30:00+01:00", &mut notes),
            "2026-11-28T09:30:00+01:00"
        );
        assert_eq!(
            read("Sat, 28 Nov 2026 09:30:00 GMT", &mut notes),
            "2026-11-28T09:30:00Z"
        );
        assert_eq!(
            read("Sat, 28 Nov 2026 09:30:00 +0100", &mut notes),
            "2026-11-28T09:30:00+01:00"
        );
        assert!(notes.iter().next().is_none());
        assert_eq!(
            read("2026-11-28T09:30:00", &mut notes),
            "2026-11-28T09:30:00Z"
        );
        assert_eq!(read("2026-11-28", &mut notes), "2026-11-28T00:00:00Z");
        assert_eq!(notes.iter().count(), 2);
        assert!(rfc3339("yesterday", &mut notes).is_err());
        assert!(rfc3339("2026-13-45", &mut notes).is_err());
    }
}
