-- vejviser's central case log on PostgreSQL: schema version 2, the report roll-up.
--
-- Runs after assets/central.sql (version 1), in the same way: `vejviser central init` runs
-- both as needed, or `psql -v ON_ERROR_STOP=1 -1 -f assets/central.sql -f assets/central-2-tallies.sql`
-- on a new database (only this file on a version-1 one). Never change this file once released.
--
-- What it makes:
--   vejviser.tallies   the figures `vejviser report` computes per cell (count and key sum per
--                      grouping × duration × ending × must-not), per whole year and per month,
--                      so a report over millions of cases reads thousands of rows
--   triggers on vejviser.cases that keep it (statement-level, with transition tables: one
--                      update of the roll-up per shipped batch, not per case)
--   a CHECK that a case's start is a real calendar hour, so a whole month in the roll-up is
--                      exactly the cases a date filter selects from that month
--
-- Programs that know only version 1 still ship here (their INSERT is unchanged): `writable_by`
-- stays 1. The counter role gets nothing new: the triggers run as the schema's owner (SECURITY
-- DEFINER), so a counter still cannot read a single case, nor the roll-up.

-- A real date and hour (the format is already checked by version 1). Rows already stored are
-- checked too; if some are not real dates the CHECK stays NOT VALID, and reports then count
-- from the cases table instead of the roll-up (src/central/report.rs asks pg_constraint).
DO $$
BEGIN
    ALTER TABLE vejviser.cases ADD CONSTRAINT cases_started_is_real CHECK (
        CASE WHEN started ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:00$' THEN
            substr(started, 6, 2) BETWEEN '01' AND '12'
            AND substr(started, 12, 2) BETWEEN '00' AND '23'
            AND substr(started, 9, 2) BETWEEN '01' AND CASE
                WHEN substr(started, 6, 2) IN ('04', '06', '09', '11') THEN '30'
                WHEN substr(started, 6, 2) <> '02' THEN '31'
                WHEN substr(started, 1, 4)::int % 4 = 0
                     AND (substr(started, 1, 4)::int % 100 <> 0
                          OR substr(started, 1, 4)::int % 400 = 0) THEN '29'
                ELSE '28' END
        ELSE false END);
EXCEPTION WHEN check_violation THEN
    ALTER TABLE vejviser.cases ADD CONSTRAINT cases_started_is_real CHECK (
        CASE WHEN started ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:00$' THEN
            substr(started, 6, 2) BETWEEN '01' AND '12'
            AND substr(started, 12, 2) BETWEEN '00' AND '23'
            AND substr(started, 9, 2) BETWEEN '01' AND CASE
                WHEN substr(started, 6, 2) IN ('04', '06', '09', '11') THEN '30'
                WHEN substr(started, 6, 2) <> '02' THEN '31'
                WHEN substr(started, 1, 4)::int % 4 = 0
                     AND (substr(started, 1, 4)::int % 100 <> 0
                          OR substr(started, 1, 4)::int % 400 = 0) THEN '29'
                ELSE '28' END
        ELSE false END) NOT VALID;
END
$$;

-- One row per grouping (`dimension`), period and cell. `level` 'y': `period` is a year
-- (YYYY); 'm': a month (YYYY-MM); every case is in one row of each level. `key1`/`key2` are
-- the grouping's columns, '' standing for NULL (no identifier is empty):
--   guide: guide | outcome: guide, outcome | kind: outcome_kind | site: site
--   week: the day (YYYY-MM-DD; the report makes the ISO week) | hour: HH
-- `key_sum` is the sum of the cases' record keys modulo 2^32, all the report uses of it.
CREATE TABLE vejviser.tallies (
    dimension text COLLATE "C" NOT NULL
              CHECK (dimension IN ('guide', 'outcome', 'kind', 'site', 'week', 'hour')),
    level     "char" NOT NULL CHECK (level IN ('y', 'm')),
    period    text COLLATE "C" NOT NULL CHECK (period ~ '^[0-9]{4}(-[0-9]{2})?$'),
    key1      text COLLATE "C" NOT NULL,
    key2      text COLLATE "C" NOT NULL,
    minutes   smallint NOT NULL,
    abandoned boolean  NOT NULL,
    must_not  boolean  NOT NULL,
    -- No CHECK (cases >= 0): a deletion is upserted as a negative count, which a CHECK on the
    -- row to insert would refuse before it meets the row it takes from.
    cases     bigint   NOT NULL,
    key_sum   bigint   NOT NULL CHECK (key_sum BETWEEN 0 AND 4294967295),
    PRIMARY KEY (dimension, level, period, key1, key2, minutes, abandoned, must_not)
);

-- Add (`direction` 1) or take away (-1) these cases' figures. Rows are upserted in key order, so
-- two counters' batches that meet the same cells lock them in the same order (no deadlock).
CREATE FUNCTION vejviser.tally(changed vejviser.cases[], direction integer) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO vejviser.tallies AS t
        (dimension, level, period, key1, key2, minutes, abandoned, must_not, cases, key_sum)
    SELECT k.dimension, p.level, p.period, k.key1, k.key2, c.duration_min,
           c.ending = 'abandoned', c.must_not_shown, direction * count(*),
           ((direction * sum(c.record_key)) % 4294967296 + 4294967296) % 4294967296
    FROM unnest(changed) AS c
    CROSS JOIN LATERAL (VALUES ('y'::"char", substr(c.started, 1, 4)),
                               ('m'::"char", substr(c.started, 1, 7))) AS p (level, period)
    CROSS JOIN LATERAL (VALUES
        ('guide', c.guide, ''),
        ('outcome', c.guide, coalesce(c.outcome, '')),
        ('kind', coalesce(c.outcome_kind, ''), ''),
        ('site', c.site, ''),
        ('week', substr(c.started, 1, 10), ''),
        ('hour', substr(c.started, 12, 2), '')) AS k (dimension, key1, key2)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (dimension, level, period, key1, key2, minutes, abandoned, must_not)
    DO UPDATE SET cases = t.cases + excluded.cases,
                  key_sum = (t.key_sum + excluded.key_sum) % 4294967296;
    -- A cell whose cases were all taken away is no cell: the report would show it as 0.
    DELETE FROM vejviser.tallies WHERE direction < 0 AND cases = 0;
$$;

CREATE FUNCTION vejviser.tally_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM vejviser.tally(ARRAY(SELECT n::vejviser.cases FROM new_cases AS n), 1);
    RETURN NULL;
END
$$;

CREATE FUNCTION vejviser.tally_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM vejviser.tally(ARRAY(SELECT o::vejviser.cases FROM old_cases AS o), -1);
    RETURN NULL;
END
$$;

CREATE FUNCTION vejviser.tally_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM vejviser.tally(ARRAY(SELECT o::vejviser.cases FROM old_cases AS o), -1);
    PERFORM vejviser.tally(ARRAY(SELECT n::vejviser.cases FROM new_cases AS n), 1);
    RETURN NULL;
END
$$;

CREATE FUNCTION vejviser.tally_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    TRUNCATE vejviser.tallies;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_tally_inserted AFTER INSERT ON vejviser.cases
    REFERENCING NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION vejviser.tally_inserted();
CREATE TRIGGER cases_tally_deleted AFTER DELETE ON vejviser.cases
    REFERENCING OLD TABLE AS old_cases
    FOR EACH STATEMENT EXECUTE FUNCTION vejviser.tally_deleted();
CREATE TRIGGER cases_tally_updated AFTER UPDATE ON vejviser.cases
    REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION vejviser.tally_updated();
CREATE TRIGGER cases_tally_truncated AFTER TRUNCATE ON vejviser.cases
    FOR EACH STATEMENT EXECUTE FUNCTION vejviser.tally_truncated();

-- Nobody calls these but the triggers: a counter that could run `tally` could bend the figures.
REVOKE ALL ON FUNCTION vejviser.tally(vejviser.cases[], integer),
    vejviser.tally_inserted(), vejviser.tally_deleted(), vejviser.tally_updated(),
    vejviser.tally_truncated() FROM PUBLIC;
REVOKE ALL ON vejviser.tallies FROM PUBLIC;
GRANT SELECT ON vejviser.tallies TO vejviser_reader;

-- The cases already here (a version-1 server), in one pass over the table.
INSERT INTO vejviser.tallies
    (dimension, level, period, key1, key2, minutes, abandoned, must_not, cases, key_sum)
SELECT k.dimension, p.level, p.period, k.key1, k.key2, c.duration_min,
       c.ending = 'abandoned', c.must_not_shown, count(*), sum(c.record_key) % 4294967296
FROM vejviser.cases AS c
CROSS JOIN LATERAL (VALUES ('y'::"char", substr(c.started, 1, 4)),
                           ('m'::"char", substr(c.started, 1, 7))) AS p (level, period)
CROSS JOIN LATERAL (VALUES
    ('guide', c.guide, ''),
    ('outcome', c.guide, coalesce(c.outcome, '')),
    ('kind', coalesce(c.outcome_kind, ''), ''),
    ('site', c.site, ''),
    ('week', substr(c.started, 1, 10), ''),
    ('hour', substr(c.started, 12, 2), '')) AS k (dimension, key1, key2)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO vejviser.migrations (version, writable_by) VALUES (2, 1);
