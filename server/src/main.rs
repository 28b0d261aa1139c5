//! `career-hub-server`: migrates the database and serves the sync API.

use clap::{Parser, Subcommand};

/// Career Hub's sync server: the hosted account on PostgreSQL.
///
/// With no command it migrates the database and serves until SIGTERM or Ctrl+C, then
/// finishes the requests in flight.
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
    /// PostgreSQL to keep the accounts in (postgres://user@host:port/database).
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "CAREER_HUB_LISTEN", default_value = "127.0.0.1:8686")]
    listen: String,
    /// Behind a load balancer: the header it gives the client's address in (e.g.
    /// X-Forwarded-For). Set it only when every request comes through the balancer.
    #[arg(long, env = "CAREER_HUB_CLIENT_IP_HEADER")]
    client_ip_header: Option<String>,
    /// Apply each push change by change (a savepoint each) instead of as a whole batch.
    /// Much slower, with the same result; for telling the two apart when diagnosing.
    #[arg(long, env = "CAREER_HUB_APPLY_ONE_BY_ONE")]
    apply_one_by_one: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Only bring the database's schema up to date, then exit.
    Migrate,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let database_url = cli
        .database_url
        .ok_or("no database: give --database-url postgres://… or set DATABASE_URL".to_owned())?;
    match cli.command {
        Some(Command::Migrate) => {
            let (mut client, connection) =
                tokio_postgres::connect(&database_url, tokio_postgres::NoTls)
                    .await
                    .map_err(|e| format!("cannot connect to the database: {e}"))?;
            tokio::spawn(connection);
            let applied = career_hub_server::migrate::run(&mut client)
                .await
                .map_err(|e| e.to_string())?;
            if applied.is_empty() {
                println!("the database is up to date");
            } else {
                for name in applied {
                    println!("applied {name}");
                }
            }
            Ok(())
        }
        None => {
            let listener = tokio::net::TcpListener::bind(&cli.listen)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
            let options = career_hub_server::Options {
                client_ip_header: cli.client_ip_header,
                one_by_one: cli.apply_one_by_one,
            };
            career_hub_server::serve(&database_url, options, listener, stop_signal(), |address| {
                // Said once the database is migrated and requests are answered; the
                // first line on stdout, so a script can wait for it.
                println!("listening on http://{address}");
            })
            .await
        }
    }
}

/// SIGTERM or Ctrl+C.
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return interrupt.await.unwrap_or(()),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or(());
}
