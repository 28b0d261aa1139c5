//! An account held in memory, for exercising the sync engine without a network: the
//! part of the server's contract that devices rely on — every accepted change gets the
//! account's next sequence number, a change id is taken once and acknowledged again as
//! a duplicate, the catalog is matched by name and a device's id for a catalog row the
//! account knows under another is mapped — without the documented tables. The merge
//! itself happens on each device by the same rules the server follows, so devices
//! that exchange changes through it converge as they do through `career-hub-server`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use career_hub_protocol::api::{
    Accepted, Change, MAX_PULL_CHANGES, Mapped, Op, PullResponse, PulledChange, PushResponse,
    Session,
};
use career_hub_protocol::tables::{self, SyncRole};
use serde_json::{Map, Value};

use super::{Transport, TransportError};

#[derive(Clone, Debug, Default)]
struct Account {
    log: Vec<PulledChange>,
    seen: HashSet<String>,
    /// The catalog: lower-case name → the row's id and values.
    catalog: BTreeMap<String, (String, Map<String, Value>)>,
    /// Catalog ids devices used for rows the account knows under another id.
    aliases: HashMap<String, String>,
    devices: u32,
}

/// One account, shared by the devices of a test.
#[derive(Clone, Debug, Default)]
pub struct MemoryServer {
    account: Arc<Mutex<Account>>,
}

impl MemoryServer {
    pub fn new() -> Self {
        Self::default()
    }

    fn account(&self) -> std::sync::MutexGuard<'_, Account> {
        self.account.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Signs in a new device: its session and a transport for it.
    pub fn sign_in(&self) -> (Session, MemoryTransport) {
        let mut account = self.account();
        account.devices += 1;
        let device_id = format!("device-{}", account.devices);
        let session = Session {
            token: format!("token-{device_id}"),
            user_id: "account".into(),
            device_id,
            expires_at: "2099-01-01T00:00:00Z".into(),
        };
        drop(account);
        let transport = self.transport(&session);
        (session, transport)
    }

    /// A transport for a device already signed in with `session`.
    pub fn transport(&self, session: &Session) -> MemoryTransport {
        MemoryTransport {
            server: self.clone(),
            device_id: session.device_id.clone(),
            offline: false,
        }
    }

    /// A copy of the account as it is now, its devices included; what either takes
    /// afterwards stays its own.
    pub fn fork(&self) -> Self {
        Self {
            account: Arc::new(Mutex::new(self.account().clone())),
        }
    }

    /// Every change the account took, in sequence order.
    pub fn log(&self) -> Vec<PulledChange> {
        self.account().log.clone()
    }
}

/// A device's connection to a [`MemoryServer`].
#[derive(Clone, Debug)]
pub struct MemoryTransport {
    server: MemoryServer,
    device_id: String,
    /// While set, every call fails as an unreachable server does.
    pub offline: bool,
}

impl MemoryTransport {
    fn reachable(&self) -> Result<(), TransportError> {
        if self.offline {
            return Err(TransportError::Offline {
                server: "memory".into(),
                reason: "the test took it offline".into(),
            });
        }
        Ok(())
    }
}

/// Columns naming a catalog row, by table.
fn catalog_references(table: &str) -> &'static [&'static str] {
    match table {
        "skills" | "project_technologies" | "experience_technologies" => &["technology_id"],
        _ => &[],
    }
}

impl Account {
    fn unalias(&self, change: &mut Change) {
        let Some(table) = tables::table(&change.table) else {
            return;
        };
        for column in catalog_references(&change.table) {
            if let Some(i) = table.key.iter().position(|k| k == column) {
                if let Some(to) = self.aliases.get(&change.key[i]) {
                    change.key[i] = to.clone();
                }
            } else if let Some(Value::String(id)) = change.columns.get_mut(*column)
                && let Some(to) = self.aliases.get(id.as_str())
            {
                *id = to.clone();
            }
        }
    }

    /// A catalog row: the account's own if it has the name, else a new one.
    fn catalog(&mut self, change: &mut Change, reply: &mut PushResponse) {
        let name = change
            .columns
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase();
        let from = change.key[0].clone();
        match self.catalog.get(&name) {
            Some((known, values)) => {
                if *known != from {
                    self.aliases.insert(from.clone(), known.clone());
                    reply.mapped.push(Mapped {
                        table: change.table.clone(),
                        from,
                        to: known.clone(),
                    });
                    change.key[0] = known.clone();
                }
                // Every device gets the catalog's row as it is.
                change.columns = values.clone();
            }
            None => {
                self.catalog.insert(name, (from, change.columns.clone()));
            }
        }
    }
}

impl Transport for MemoryTransport {
    fn push(&mut self, changes: &[Change]) -> Result<PushResponse, TransportError> {
        self.reachable()?;
        let mut account = self.server.account();
        let mut reply = PushResponse::default();
        for change in changes {
            if !account.seen.insert(change.id.clone()) {
                reply.duplicates.push(change.id.clone());
                continue;
            }
            let mut change = change.clone();
            account.unalias(&mut change);
            let catalog = tables::table(&change.table).is_some_and(|t| t.sync == SyncRole::Catalog);
            if catalog && change.op == Op::Upsert {
                account.catalog(&mut change, &mut reply);
            }
            let seq = i64::try_from(account.log.len()).unwrap_or(i64::MAX) + 1;
            reply.accepted.push(Accepted {
                id: change.id.clone(),
                seq,
            });
            account.log.push(PulledChange {
                seq,
                device_id: self.device_id.clone(),
                change,
            });
        }
        Ok(reply)
    }

    fn pull(&mut self, since: i64, _wait_seconds: u64) -> Result<PullResponse, TransportError> {
        self.reachable()?;
        let account = self.server.account();
        let start = usize::try_from(since.max(0)).unwrap_or(usize::MAX);
        let changes: Vec<PulledChange> = account
            .log
            .iter()
            .skip(start)
            .take(MAX_PULL_CHANGES)
            .cloned()
            .collect();
        let next = changes.last().map_or(since.max(0), |c| c.seq);
        let more = account.log.len() > start + changes.len();
        Ok(PullResponse {
            changes,
            next,
            more,
        })
    }
}
