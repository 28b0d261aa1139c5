//! Career Hub's sync server: the hosted account on PostgreSQL. It keeps each account's
//! profile in the documented tables, signs people and their devices in, walls every
//! account's rows off from every other's with row-level security, and serves the sync
//! protocol of `docs/sync.md`. It keeps no state outside PostgreSQL, so any number of
//! instances can serve one database.

pub mod accounts;
pub mod error;
pub mod migrate;
pub mod sync;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use career_hub_protocol::api::MAX_BODY_BYTES;
use career_hub_protocol::tables;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use serde::de::DeserializeOwned;
use tokio::sync::{broadcast, watch};

use crate::error::{ApiError, ApiResult};

/// A request's transaction.
pub type Tx<'a> = deadpool_postgres::Transaction<'a>;
/// A request body, or why it could not be read.
pub type Body = Result<Bytes, axum::extract::rejection::BytesRejection>;

/// What every request handler shares.
#[derive(Clone, Debug)]
pub struct App {
    pub pool: Pool,
    /// The columns of each synced table, as the database has them.
    pub columns: Arc<HashMap<&'static str, Vec<String>>>,
    /// Accounts with new changes (see [`sync::listen`]).
    pub announcements: broadcast::Sender<String>,
    /// Becomes `true` when the server is shutting down.
    pub shutdown: watch::Receiver<bool>,
    pub options: Arc<Options>,
}

/// How the server is deployed.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Behind a load balancer: the request header it puts the client's address in
    /// (`X-Forwarded-For`), so that failed sign-ins are counted per client and not per
    /// balancer. Without it, the connection's peer address is the client's.
    pub client_ip_header: Option<String>,
    /// Apply every push change by change, never as a whole batch: slower, and the same
    /// result (the tests compare the two).
    pub one_by_one: bool,
}

impl App {
    /// The columns `table` has in the database (none for a table that does not sync).
    pub fn columns_of(&self, table: &str) -> &[String] {
        self.columns.get(table).map_or(&[], Vec::as_slice)
    }
}

/// Starts a request's transaction, as the role that owns nothing and cannot bypass
/// row-level security. Which account it acts for is set by [`accounts::authenticate`].
pub async fn begin(client: &mut deadpool_postgres::Object) -> ApiResult<Tx<'_>> {
    let tx = client.transaction().await?;
    tx.batch_execute("SET LOCAL ROLE career_hub_app").await?;
    Ok(tx)
}

/// A JSON request body, or a reply that says what is wrong with it.
pub fn parse<T: DeserializeOwned>(body: Body) -> ApiResult<T> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "A request body can be at most {} MiB.",
                    MAX_BODY_BYTES / 1024 / 1024
                ),
            )
        } else {
            ApiError::bad_request("unreadable_body", rejection.body_text())
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::bad_request(
            "malformed_json",
            format!("The request is not valid here: {e}."),
        )
    })
}

/// The HTTP API.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/v1/accounts", post(accounts::sign_up))
        .route("/v1/account", delete(accounts::delete_account))
        .route("/v1/account/password", put(accounts::change_password))
        .route("/v1/sessions", post(accounts::sign_in))
        .route("/v1/sessions/current", delete(accounts::sign_out))
        .route("/v1/devices", get(accounts::devices))
        .route("/v1/devices/{id}", delete(accounts::revoke_device))
        .route("/v1/changes", post(sync::push).get(sync::pull))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "There is nothing here.")
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(app)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(app): State<App>) -> ApiResult<&'static str> {
    let client = app.pool.get().await?;
    let version = migrate::current(&client).await?;
    if version != migrate::latest() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "schema_not_current",
            format!(
                "The database has schema version {version}; this server needs {}.",
                migrate::latest()
            ),
        ));
    }
    Ok("ready")
}

/// A pool of connections to `database_url`.
pub fn pool(database_url: &str, size: usize) -> Result<Pool, String> {
    let config: tokio_postgres::Config = database_url
        .parse()
        .map_err(|e| format!("the database URL is not valid: {e}"))?;
    let manager = Manager::from_config(
        config,
        tokio_postgres::NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| e.to_string())
}

/// The columns of each synced table, read from the database.
pub async fn synced_columns(
    client: &tokio_postgres::Client,
) -> Result<HashMap<&'static str, Vec<String>>, tokio_postgres::Error> {
    let mut columns = HashMap::new();
    for table in tables::synced() {
        let rows = client
            .query(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                &[&table.name],
            )
            .await?;
        columns.insert(table.name, rows.iter().map(|r| r.get(0)).collect());
    }
    Ok(columns)
}

/// Migrates the database at `database_url` and serves on `listener` (calling `ready`
/// once requests are answered) until `stop` resolves; then finishes the requests in
/// flight and returns.
pub async fn serve(
    database_url: &str,
    options: Options,
    listener: tokio::net::TcpListener,
    stop: impl Future<Output = ()> + Send + 'static,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let (mut client, connection) = tokio_postgres::connect(database_url, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    let driver = tokio::spawn(connection);
    let applied = migrate::run(&mut client).await.map_err(|e| e.to_string())?;
    if !applied.is_empty() {
        tracing::info!(?applied, "database migrated");
    }
    let columns = synced_columns(&client)
        .await
        .map_err(|e| format!("cannot read the schema: {e}"))?;
    drop(client);
    driver.abort();

    let (announcements, _) = broadcast::channel(1024);
    let (stopping, shutdown) = watch::channel(false);
    let listening = tokio::spawn(sync::listen(database_url.to_owned(), announcements.clone()));
    let app = App {
        pool: pool(database_url, 16)?,
        columns: Arc::new(columns),
        announcements,
        shutdown,
        options: Arc::new(options),
    };
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(%address, "serving");
    ready(address);
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            stop.await;
            tracing::info!("shutting down: finishing the requests in flight");
            let _ = stopping.send(true);
        })
        .await
        .map_err(|e| e.to_string())?;
    listening.abort();
    tracing::info!("stopped");
    Ok(())
}
