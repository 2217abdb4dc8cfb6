package io.runbox.core.access;

/** What {@link KeyStore#spendCredits} did: took the credits, found too few, or found a key without a balance. */
public sealed interface CreditSpend {
    /** The credits were taken; {@code left} remain. */
    record Spent(long left) implements CreditSpend {
    }

    /** The key holds fewer credits than asked ({@code balance}); nothing was taken. */
    record TooFew(long balance) implements CreditSpend {
    }

    /** The key has no credit balance: its runs are not metered. */
    record Unmetered() implements CreditSpend {
    }
}
