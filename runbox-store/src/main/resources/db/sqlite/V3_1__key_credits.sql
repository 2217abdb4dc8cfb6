-- Credit balances of metered keys (self-service keys); a key without a row here is not metered. Each run takes
-- credits with one conditional UPDATE, so a balance never goes below zero whatever runs at once.
CREATE TABLE key_credits (
    key_id  TEXT    PRIMARY KEY REFERENCES api_keys (id),
    balance INTEGER NOT NULL CHECK (balance >= 0)
);
