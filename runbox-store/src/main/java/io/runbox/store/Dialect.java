package io.runbox.store;

/**
 * Where the SQL of the shared stores differs between the backends: how a table's rows are numbered in insertion
 * order, and how a transaction locks the rows it reads before it changes them.
 */
public enum Dialect {
    /** One connection holds the whole database for a transaction, so nothing needs a row lock; rows have a rowid. */
    SQLITE("rowid", false),
    /** Many connections at once: rows are locked ({@code FOR UPDATE}), and jobs carry a {@code seq}. */
    POSTGRESQL("seq", true);

    private final String insertionOrder;
    private final boolean rowLocks;

    Dialect(String insertionOrder, boolean rowLocks) {
        this.insertionOrder = insertionOrder;
        this.rowLocks = rowLocks;
    }

    /** The column of {@code jobs} that orders the jobs accepted in the same millisecond. */
    public String insertionOrder() {
        return insertionOrder;
    }

    /**
     * What ends a SELECT whose rows of {@code table} (a name or alias) the transaction changes next: concurrent
     * transactions that want them wait until it ends.
     */
    public String forUpdate(String table) {
        return rowLocks ? " FOR UPDATE OF " + table : "";
    }

    /**
     * What ends a SELECT that claims rows of {@code table} (a name or alias): rows that another transaction holds are
     * passed over, so concurrent claims take different rows without waiting for each other.
     */
    public String claim(String table) {
        return rowLocks ? forUpdate(table) + " SKIP LOCKED" : "";
    }
}
