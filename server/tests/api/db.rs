//! SQL against a test database, straight to PostgreSQL (not through the server).

use tokio_postgres::{NoTls, SimpleQueryMessage};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Runs `sql` (one or more statements) and returns the rows of the last as text.
pub fn rows(url: &str, sql: &str) -> Result<Vec<Vec<Option<String>>>, tokio_postgres::Error> {
    runtime().block_on(async {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(connection);
        let messages = client.simple_query(sql).await?;
        let mut out = Vec::new();
        for message in messages {
            match message {
                SimpleQueryMessage::Row(row) => out.push(
                    (0..row.len())
                        .map(|i| row.get(i).map(str::to_owned))
                        .collect(),
                ),
                SimpleQueryMessage::CommandComplete(_) => {}
                _ => {}
            }
        }
        Ok(out)
    })
}

/// The single value `sql` selects.
pub fn value(url: &str, sql: &str) -> String {
    rows(url, sql).unwrap()[0][0].clone().unwrap_or_default()
}

/// Runs `sql` as the server's role, acting for `user_id`, in one transaction.
pub fn as_account(
    url: &str,
    user_id: &str,
    sql: &str,
) -> Result<Vec<Vec<Option<String>>>, tokio_postgres::Error> {
    rows(
        url,
        &format!(
            "BEGIN; SET LOCAL ROLE career_hub_app; SELECT set_config('app.current_user_id', '{user_id}', true); {sql}; COMMIT;"
        ),
    )
}
