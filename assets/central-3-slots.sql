-- vejviser's central case log on PostgreSQL: schema version 3, the roll-up spread over slots.
--
-- Runs after assets/central-2-tallies.sql, in the same way (`vejviser central init`, or psql
-- with -f for each file in order). Never change this file once released.
--
-- Why: in version 2 every shipped batch upserts the same roll-up rows (this year's row for a
-- guide, today's row for a site, ...), so fifty counters shipping at once wait for each other's
-- row locks one by one: 50 × 1,000 cases took about 44 s instead of 3 s. Now each cell is kept
-- in up to eight rows (`slot`), and a batch writes the slot of the server process that runs it
-- (`pg_backend_pid() % 8`), so batches from different connections mostly touch different rows.
-- A report sums a cell's rows, as it already summed a cell's minutes, endings and must-not.
--
-- What a program ships is unchanged (the triggers do this work): `writable_by` stays 1.

ALTER TABLE vejviser.tallies
    ADD COLUMN slot smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 7);
ALTER TABLE vejviser.tallies DROP CONSTRAINT tallies_pkey;
ALTER TABLE vejviser.tallies ADD PRIMARY KEY
    (dimension, level, period, key1, key2, minutes, abandoned, must_not, slot);

-- As version 2's, but into this connection's slot. A deletion takes from this slot too, so a
-- slot's count may be negative; the sum over a cell's slots is the cell's count.
CREATE OR REPLACE FUNCTION vejviser.tally(changed vejviser.cases[], direction integer)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO vejviser.tallies AS t
        (dimension, level, period, key1, key2, minutes, abandoned, must_not, slot, cases,
         key_sum)
    SELECT k.dimension, p.level, p.period, k.key1, k.key2, c.duration_min,
           c.ending = 'abandoned', c.must_not_shown, (pg_backend_pid() % 8)::smallint,
           direction * count(*),
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
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    -- Key order: two batches in one slot lock their shared rows in the same order.
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (dimension, level, period, key1, key2, minutes, abandoned, must_not, slot)
    DO UPDATE SET cases = t.cases + excluded.cases,
                  key_sum = (t.key_sum + excluded.key_sum) % 4294967296;
    -- A slot row at 0 holds nothing; the report would not show it anyway (HAVING sum > 0).
    DELETE FROM vejviser.tallies WHERE direction < 0 AND cases = 0 AND key_sum = 0;
$$;
REVOKE ALL ON FUNCTION vejviser.tally(vejviser.cases[], integer) FROM PUBLIC;

-- An UPDATE takes its old cases from this connection's slot and adds the new ones to it: a cell
-- the update leaves as it was is then a row at 0 in this slot, which the taking-away did not see.
-- Updates are the owner's rare work, so a pass over the whole roll-up is affordable here.
CREATE OR REPLACE FUNCTION vejviser.tally_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM vejviser.tally(ARRAY(SELECT o::vejviser.cases FROM old_cases AS o), -1);
    PERFORM vejviser.tally(ARRAY(SELECT n::vejviser.cases FROM new_cases AS n), 1);
    DELETE FROM vejviser.tallies WHERE cases = 0 AND key_sum = 0;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION vejviser.tally_updated() FROM PUBLIC;

INSERT INTO vejviser.migrations (version, writable_by) VALUES (3, 1);
