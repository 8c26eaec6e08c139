-- vejviser's central case log on PostgreSQL: schema version 1.
--
-- `vejviser central init postgres://ADMIN@HOST/DB` runs this file (it is built into the
-- program) in one transaction, as does `psql -v ON_ERROR_STOP=1 -1 -f assets/central.sql`.
-- Run it as the database's owner. Never change this file once released: a later schema is a new
-- migration after it (see src/central/schema.rs).
--
-- What it makes:
--   schema vejviser      everything of vejviser's, apart from the roles
--   vejviser.migrations  which schema versions have run, and the oldest program that can ship
--   vejviser.server      one random id for this server, so a counter knows what it has sent here
--   vejviser.cases       one row per case: identifiers, codes, the hour it started, no free text
--   role vejviser_counter  may INSERT cases and nothing else: it cannot read a single case back
--   role vejviser_reader   may read cases, for `vejviser report postgres://…`
-- The two roles cannot log in; give each PC and each coordinator a login role of their own:
--   CREATE ROLE kasse_12 LOGIN PASSWORD '…' IN ROLE vejviser_counter;
--   CREATE ROLE koordinator LOGIN PASSWORD '…' IN ROLE vejviser_reader;
--
-- Anonymity is enforced by the database, as in the local SQLite log: every text column takes
-- only an identifier (lowercase letters, digits, single hyphens, no run of five digits), a fixed
-- code, a hash or a random id. A sentence, a name, a CPR number, a phone number or an e-mail
-- address cannot be stored. There is deliberately no "received at" column: the moment a case
-- arrives would date it to the second, where the log keeps only the hour it started.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vejviser_counter') THEN
        CREATE ROLE vejviser_counter NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vejviser_reader') THEN
        CREATE ROLE vejviser_reader NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA vejviser;
REVOKE ALL ON SCHEMA vejviser FROM PUBLIC;
GRANT USAGE ON SCHEMA vejviser TO vejviser_counter, vejviser_reader;

-- `writable_by`: the oldest schema version a program may know and still ship here. A later
-- migration that only adds a column with a default keeps it; one that a program's INSERT can no
-- longer satisfy raises it, and older programs then refuse with a clear message.
CREATE TABLE vejviser.migrations (
    version     integer PRIMARY KEY CHECK (version >= 1),
    writable_by integer NOT NULL CHECK (writable_by BETWEEN 1 AND version)
);

CREATE TABLE vejviser.server (
    id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$')
);
INSERT INTO vejviser.server (id) VALUES (replace(gen_random_uuid()::text, '-', ''));

-- The same columns and rules as the local log's `cases` (src/log/schema.rs), in PostgreSQL's
-- words. Text is in the "C" collation so groups sort as they do over files.
CREATE TABLE vejviser.cases (
    case_id        text COLLATE "C" PRIMARY KEY CHECK (case_id ~ '^[0-9a-f]{32}$'),
    record_key     bigint   NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295),
    started        text COLLATE "C" NOT NULL
                   CHECK (started ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9] [0-2][0-9]:00$'),
    duration_min   smallint NOT NULL CHECK (duration_min BETWEEN 0 AND 1440),
    site           text COLLATE "C" NOT NULL CHECK (length(site) <= 64
                   AND site ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND site !~ '[0-9]{5}'),
    guide          text COLLATE "C" NOT NULL CHECK (length(guide) <= 64
                   AND guide ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND guide !~ '[0-9]{5}'),
    guide_hash     text COLLATE "C" NOT NULL CHECK (guide_hash ~ '^[0-9a-f]{16}$'),
    outcome        text COLLATE "C" CHECK (length(outcome) <= 64
                   AND outcome ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND outcome !~ '[0-9]{5}'),
    outcome_kind   text COLLATE "C" CHECK (outcome_kind IN ('guide', 'do', 'refer', 'refuse')),
    -- Step ids joined by '/'; a path cut for length holds a lone '-' where it was cut.
    path           text COLLATE "C" NOT NULL CHECK (length(path) BETWEEN 1 AND 2000
                   AND path ~ '^[a-z0-9-]+(/[a-z0-9-]+)*$' AND path !~ '[0-9]{5}'),
    must_not_shown boolean  NOT NULL,
    ending         text COLLATE "C" NOT NULL CHECK (ending IN ('finished', 'abandoned')),
    app_version    text COLLATE "C" NOT NULL CHECK (length(app_version) BETWEEN 1 AND 32
                   AND app_version ~ '^[0-9][0-9a-z.+-]*$' AND app_version !~ '[0-9]{5}'),
    CHECK ((outcome IS NULL) = (outcome_kind IS NULL)),
    CHECK (ending = 'abandoned' OR outcome IS NOT NULL)
);

-- One covering index per grouping of `vejviser report`, in its GROUP BY order with the date
-- last, so a report reads one index and no table pages (after VACUUM has set the visibility map).
CREATE INDEX cases_report_by_guide ON vejviser.cases
    (guide, duration_min, ending, must_not_shown) INCLUDE (started, record_key);
CREATE INDEX cases_report_by_outcome ON vejviser.cases
    (guide, outcome, duration_min, ending, must_not_shown) INCLUDE (started, record_key);
CREATE INDEX cases_report_by_kind ON vejviser.cases
    (outcome_kind, duration_min, ending, must_not_shown) INCLUDE (started, record_key);
CREATE INDEX cases_report_by_site ON vejviser.cases
    (site, duration_min, ending, must_not_shown) INCLUDE (started, record_key);
CREATE INDEX cases_by_started ON vejviser.cases (started);

-- Counters write and never read: no SELECT on cases, so neither RETURNING nor ON CONFLICT DO
-- UPDATE (which needs SELECT and UPDATE) can be used to see another counter's rows.
REVOKE ALL ON ALL TABLES IN SCHEMA vejviser FROM PUBLIC;
GRANT INSERT ON vejviser.cases TO vejviser_counter;
GRANT SELECT ON vejviser.migrations, vejviser.server TO vejviser_counter, vejviser_reader;
GRANT SELECT ON vejviser.cases TO vejviser_reader;

INSERT INTO vejviser.migrations (version, writable_by) VALUES (1, 1);
