package io.runbox.execution.catalogue;

/**
 * An operator's compiler alias that cannot stand for an installed compiler ({@link Catalogue#withCompilerAliases}).
 * The service refuses to start on one, naming the alias.
 */
public final class InvalidAliasException extends Exception {
    private final String alias;

    public InvalidAliasException(String alias, String message) {
        super(message);
        this.alias = alias;
    }

    /** The alias as configured. */
    public String alias() {
        return alias;
    }
}
