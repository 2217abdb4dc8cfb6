package io.runbox.store;

/** A database that runs {@link Work} in transactions: all the stores that both backends share ask of it. */
public interface Transactions {

    /**
     * Runs {@code work} in a transaction and commits it; rolls back and rethrows (unchecked) on failure.
     *
     * @throws StoreException when the database fails; nothing of {@code work} was committed
     */
    <T> T transaction(Work<T> work);
}
