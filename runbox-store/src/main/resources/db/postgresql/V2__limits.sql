-- Limits that hold for a key across every node of the cluster. Times are epoch milliseconds, as elsewhere.

-- Concurrent-run slots: one row per run a key has going, on the node that leases it. A node renews the leases of
-- its rows while it runs; a row whose lease ran out (its node died) no longer counts.
CREATE TABLE run_slots (
    id          text PRIMARY KEY,
    key_id      text   NOT NULL,
    node_id     text   NOT NULL,
    lease_until bigint NOT NULL
);
CREATE INDEX run_slots_key ON run_slots (key_id);
CREATE INDEX run_slots_node ON run_slots (node_id);
CREATE INDEX run_slots_lease ON run_slots (lease_until);

-- Takes a slot for p_key when it holds fewer than p_cap unexpired ones; true when taken. Takers of one key are
-- serialised by a transaction-level advisory lock; each statement after it sees every slot committed before the
-- lock was granted (READ COMMITTED takes a new snapshot per statement), so the count is never stale.
CREATE FUNCTION runbox_take_run_slot(p_id text, p_key text, p_node text, p_cap integer, p_now bigint,
                                     p_lease_until bigint) RETURNS boolean
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('runbox.run_slots'), hashtext(p_key));
    DELETE FROM run_slots WHERE key_id = p_key AND lease_until <= p_now;
    IF (SELECT count(*) FROM run_slots WHERE key_id = p_key) >= p_cap THEN
        RETURN false;
    END IF;
    INSERT INTO run_slots (id, key_id, node_id, lease_until) VALUES (p_id, p_key, p_node, p_lease_until);
    RETURN true;
END
$$;

-- Token buckets of keys: the tokens left after the last take, and when that was. One upsert per take refills by
-- the time since, takes a token when there is a whole one and records whether it did, on the row it locks.
CREATE TABLE rate_buckets (
    id         text PRIMARY KEY,
    capacity   bigint           NOT NULL,
    period_ms  bigint           NOT NULL,
    tokens     double precision NOT NULL,
    updated_at bigint           NOT NULL,
    taken      boolean          NOT NULL
);
