package io.runbox.core.jobs;

import java.time.Instant;

/**
 * A saved run: what was run and what came of it, readable by id.
 *
 * @param result the result as the front door that saved it renders it (JSON)
 */
public record Permlink(String id, String language, String compiler, String code, String stdin, String options,
                       String args, String result, Instant createdAt) {
}
