package io.runbox.core.jobs;

import java.util.Optional;

/** Saved runs. Saving is durable when it returns; permlinks are never changed afterwards. */
public interface PermlinkStore {

    void save(Permlink permlink);

    Optional<Permlink> find(String id);
}
