//! The hybrid logical clock: stamps order changes across devices whose clocks disagree.

#![allow(clippy::unwrap_used)]

use career_hub_protocol::hlc::{Clock, Hlc, HlcError, MAX_DRIFT_MS};

const HOUR: u64 = 3_600_000;

#[test]
fn stamps_sort_as_text_the_way_they_compare() {
    let mut a = Clock::new("laptop", None);
    let mut stamps = Vec::new();
    for now in [5, 5, 5, 1_000, 999, 1_000, 10_000_000_000_000] {
        stamps.push(a.tick(now));
    }
    for pair in stamps.windows(2) {
        assert!(pair[0] < pair[1], "{} then {}", pair[0], pair[1]);
        assert!(pair[0].to_string() < pair[1].to_string());
    }
    for stamp in &stamps {
        assert_eq!(&stamp.to_string().parse::<Hlc>().unwrap(), stamp);
    }
}

#[test]
fn a_clock_that_goes_back_still_moves_forward() {
    let mut clock = Clock::new("d1", None);
    let first = clock.tick(10 * HOUR);
    let second = clock.tick(HOUR);
    assert!(second > first);
    assert_eq!(second.wall_ms, first.wall_ms);
}

#[test]
fn a_device_hours_behind_writes_after_what_it_has_seen() {
    let mut ahead = Clock::new("ahead", None);
    let mut behind = Clock::new("behind", None);
    let now = 1_700_000_000_000;
    let from_ahead = ahead.tick(now + 5 * HOUR);
    behind.observe(&from_ahead, now).unwrap();
    let next = behind.tick(now);
    assert!(next > from_ahead, "{next} after {from_ahead}");
}

#[test]
fn a_stamp_absurdly_far_ahead_is_refused() {
    let now = 1_700_000_000_000;
    let mut clock = Clock::new("d1", None);
    let far = Hlc {
        wall_ms: now + MAX_DRIFT_MS + HOUR,
        counter: 0,
        node: "liar".into(),
    };
    assert!(matches!(
        clock.observe(&far, now),
        Err(HlcError::TooFarAhead {
            ahead_hours: 25,
            ..
        })
    ));
    assert!(
        clock.tick(now).wall_ms <= now,
        "the refused stamp moved nothing"
    );
}

#[test]
fn malformed_stamps_are_refused() {
    for text in [
        "",
        "12-00000-a",
        "000000000000000a-00000-node",
        "0000000000000001-00000-",
        "0000000000000001-00000-no de",
        "0000000000000001-00000-x'; DROP TABLE users; --",
    ] {
        assert!(text.parse::<Hlc>().is_err(), "{text:?}");
    }
}
