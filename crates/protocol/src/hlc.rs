//! Hybrid logical clocks: a stamp per change that orders changes across devices even
//! when their wall clocks disagree.
//!
//! A stamp is a wall-clock time in milliseconds, a counter that breaks ties within one
//! millisecond (and carries on when a device's clock stands still or goes back), and
//! the device that made it, so no two devices ever make the same stamp. A device that
//! sees a stamp from another moves its own clock past it: whatever it writes next is
//! later than everything it has seen, however wrong its wall clock is.
//!
//! Written as text, stamps sort as they compare: `0001733212345678-00000-<device>`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How far ahead of the receiver's wall clock a stamp may be. A device whose clock is
/// wrong by hours still syncs; a stamp days ahead would win every merge until then,
/// and is refused.
pub const MAX_DRIFT_MS: u64 = 24 * 60 * 60 * 1000;

/// Stamps need 16 digits for milliseconds (good to the year 318857) and 5 for the counter.
const MAX_COUNTER: u32 = 99_999;

/// One stamp.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    /// The device that made it (its id: letters, digits, `_` and `-`).
    pub node: String,
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.wall_ms, self.counter, &self.node).cmp(&(other.wall_ms, other.counter, &other.node))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}-{:05}-{}", self.wall_ms, self.counter, self.node)
    }
}

/// Why a stamp was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HlcError {
    #[error("\"{0}\" is not a clock stamp (expected 16 digits, '-', 5 digits, '-', a device id)")]
    Malformed(String),
    #[error(
        "the clock stamp {stamp} is {ahead_hours} hours ahead of this clock; a device's clock this far off would win every merge — set its date and time right and sync again"
    )]
    TooFarAhead { stamp: String, ahead_hours: u64 },
}

fn valid_node(node: &str) -> bool {
    !node.is_empty()
        && node.len() <= 64
        && node
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl FromStr for Hlc {
    type Err = HlcError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || HlcError::Malformed(text.chars().take(100).collect());
        let (wall, rest) = text.split_at_checked(16).ok_or_else(malformed)?;
        let rest = rest.strip_prefix('-').ok_or_else(malformed)?;
        let (counter, rest) = rest.split_at_checked(5).ok_or_else(malformed)?;
        let node = rest.strip_prefix('-').ok_or_else(malformed)?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(wall) || !digits(counter) || !valid_node(node) {
            return Err(malformed());
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| malformed())?,
            counter: counter.parse().map_err(|_| malformed())?,
            node: node.to_owned(),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Hlc {
    /// Refuses a stamp further ahead of `now_ms` than [`MAX_DRIFT_MS`].
    pub fn check_not_ahead_of(&self, now_ms: u64) -> Result<(), HlcError> {
        if self.wall_ms > now_ms.saturating_add(MAX_DRIFT_MS) {
            return Err(HlcError::TooFarAhead {
                stamp: self.to_string(),
                ahead_hours: (self.wall_ms - now_ms) / 3_600_000,
            });
        }
        Ok(())
    }
}

/// A device's clock: the last stamp it made or saw.
#[derive(Clone, Debug)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A clock for device `node`, starting after `last` (the newest stamp it has kept).
    pub fn new(node: &str, last: Option<Hlc>) -> Self {
        Clock {
            last: last.unwrap_or(Hlc {
                wall_ms: 0,
                counter: 0,
                node: node.to_owned(),
            }),
        }
        .owned_by(node)
    }

    fn owned_by(mut self, node: &str) -> Self {
        self.last.node = node.to_owned();
        self
    }

    /// A new stamp, later than every stamp this clock has made or seen.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        if now_ms > self.last.wall_ms {
            self.last.wall_ms = now_ms;
            self.last.counter = 0;
        } else if self.last.counter < MAX_COUNTER {
            self.last.counter += 1;
        } else {
            // A hundred thousand stamps in one millisecond: borrow the next one.
            self.last.wall_ms += 1;
            self.last.counter = 0;
        }
        self.last.clone()
    }

    /// Moves the clock past `seen`, a stamp from another device, unless it is too far
    /// ahead of `now_ms` to be believed.
    pub fn observe(&mut self, seen: &Hlc, now_ms: u64) -> Result<(), HlcError> {
        seen.check_not_ahead_of(now_ms)?;
        if (seen.wall_ms, seen.counter) > (self.last.wall_ms, self.last.counter) {
            self.last.wall_ms = seen.wall_ms;
            self.last.counter = seen.counter;
        }
        Ok(())
    }

    /// The last stamp made or seen, for keeping across restarts.
    pub fn last(&self) -> &Hlc {
        &self.last
    }
}

/// The wall clock in milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
