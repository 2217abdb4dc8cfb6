package io.runbox.server.access;

import io.runbox.core.access.KeyStore;
import io.runbox.core.access.KeyType;
import io.runbox.core.Ids;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on an empty store: makes the admin token (unless configured) and a first API key, and prints
 * both once with the call that uses the key, so that a newcomer's {@code ./runbox serve} is usable at once.
 * Only their hashes are kept.
 */
public final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
    static final String ADMIN_HASH = "admin_token_hash";

    private Bootstrap() {
    }

    /** The admin token's hash in force: the configured token's, else the stored one, else a new one's. */
    public static String adminTokenHash(KeyStore store, String configured) {
        if (configured != null && !configured.isBlank()) {
            return KeyService.hash(configured);
        }
        String fresh = "rbx_admin_" + Ids.random(16);
        String stored = store.settingIfAbsent(ADMIN_HASH, KeyService.hash(fresh));
        if (stored.equals(KeyService.hash(fresh))) {
            LOG.info("generated the admin token (shown once; only its hash is kept): {}", fresh);
        }
        return stored;
    }

    /**
     * When no key exists yet, creates and prints a first api key on the unlimited plan, whatever
     * {@code access.default_plan} says: it is the operator's own key.
     */
    public static void firstKey(KeyService keys, int port) {
        if (!keys.list().isEmpty()) {
            return;
        }
        KeyService.Created c = keys.create(KeyType.API, Plans.UNLIMITED, "first key", null, List.of());
        LOG.info("""
                created a first API key {} (shown once; only its hash is kept):

                    {}

                  try it:
                    curl -s -X POST http://localhost:{}/v1/execute -H 'Authorization: Bearer {}' \\
                      -H 'Content-Type: application/json' -d '{"language": "python", "code": "print(sum(range(1, 101)))"}'

                  more keys: ./runbox keys create --type api [--plan free|starter|pro|mega]""", c.key().id(), c.secret(), port, c.secret());
    }
}
