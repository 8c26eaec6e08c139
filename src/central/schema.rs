//! The central server's schema: migrations like the local log's, recorded in
//! `vejviser.migrations` on the server, and the check a program makes before it ships.
//!
//! Each migration says, in its `writable_by` row, the oldest schema a program may know and still
//! ship there. So a counter with an older vejviser keeps shipping to a newer schema that only
//! added columns with defaults, and refuses clearly when its INSERT could no longer be right.

use postgres::Client;

use super::CentralError;

/// Every server migration in order; never change or remove one, only add.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/central.sql"),
    include_str!("../../assets/central-2-tallies.sql"),
    include_str!("../../assets/central-3-slots.sql"),
];

/// The schema version this program writes.
pub const KNOWN: i64 = MIGRATIONS.len() as i64;

/// What a program learns from a server it may ship to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerInfo {
    /// The server's random id: what was shipped is recorded per server.
    pub id: String,
    pub version: i64,
}

/// The server's schema version and the oldest one a program may know to ship there; `None`
/// when vejviser's schema is not there at all.
fn versions(client: &mut Client, user: &str) -> Result<Option<(i64, i64)>, CentralError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('vejviser.migrations') IS NOT NULL", &[])
        .map_err(|e| CentralError::from_postgres(&e, user))?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let row = client
        .query_one(
            "SELECT max(version)::int8, max(writable_by)::int8 FROM vejviser.migrations",
            &[],
        )
        .map_err(|e| CentralError::from_postgres(&e, user))?;
    Ok(
        match (row.get::<_, Option<i64>>(0), row.get::<_, Option<i64>>(1)) {
            (Some(version), Some(writable_by)) => Some((version, writable_by)),
            _ => None,
        },
    )
}

/// Whether this program may ship to (or report from) the server, and the server's id.
pub fn check(client: &mut Client, user: &str) -> Result<ServerInfo, CentralError> {
    let Some((version, writable_by)) = versions(client, user)? else {
        return Err(CentralError::NoSchema);
    };
    if writable_by > KNOWN {
        return Err(CentralError::SchemaTooNew {
            found: version,
            needs: writable_by,
            known: KNOWN,
        });
    }
    if version < KNOWN {
        return Err(CentralError::SchemaTooOld {
            found: version,
            known: KNOWN,
        });
    }
    let id: String = client
        .query_one("SELECT id FROM vejviser.server", &[])
        .map_err(|e| CentralError::from_postgres(&e, user))?
        .get(0);
    Ok(ServerInfo { id, version })
}

/// What `init` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Migrated {
    pub from: i64,
    pub to: i64,
}

/// Create the schema and roles, or bring an older schema up to date, in one transaction.
/// Run as the database's owner. Two at once wait for each other (an advisory lock).
pub fn init(client: &mut Client, user: &str) -> Result<Migrated, CentralError> {
    let pg = |e: postgres::Error| CentralError::from_postgres(&e, user);
    let mut tx = client.transaction().map_err(pg)?;
    // Any fixed number: it only has to be the same for every vejviser.
    tx.execute("SELECT pg_advisory_xact_lock(7466911)", &[])
        .map_err(pg)?;
    let from = {
        let exists: bool = tx
            .query_one("SELECT to_regclass('vejviser.migrations') IS NOT NULL", &[])
            .map_err(pg)?
            .get(0);
        if exists {
            tx.query_one(
                "SELECT coalesce(max(version), 0)::int8 FROM vejviser.migrations",
                &[],
            )
            .map_err(pg)?
            .get::<_, i64>(0)
        } else {
            0
        }
    };
    if from > KNOWN {
        return Err(CentralError::SchemaTooNew {
            found: from,
            needs: from,
            known: KNOWN,
        });
    }
    for sql in MIGRATIONS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        tx.batch_execute(sql).map_err(pg)?;
    }
    tx.commit().map_err(pg)?;
    Ok(Migrated {
        from,
        to: KNOWN.max(from),
    })
}
