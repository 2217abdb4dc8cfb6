/** Durable state behind the core SPIs: the embedded SQLite database and its Flyway-managed schema. */
package io.runbox.store;
