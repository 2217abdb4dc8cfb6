package io.runbox.server.http;

import io.runbox.execution.catalogue.Catalogue;

/**
 * The 400 for a language or compiler this host does not have, on every door: the name given, the installed one it
 * was probably meant to be (one rule, {@link io.runbox.execution.DidYouMean}), and where the full list is served,
 * never the full list itself.
 */
public final class UnknownNames {
    /** Where every installed language and its compilers are listed. */
    public static final String LANGUAGE_LIST = "GET /v1/languages";

    private UnknownNames() {
    }

    /** A refusal message of the catalogue's ({@link Catalogue#unknownLanguage}) with the pointer to the list. */
    public static String withListHint(String message, String listedAt) {
        return message + " (see " + listedAt + ")";
    }

    /** {@code unknown_language} naming the field {@code language}. */
    public static ApiException language(Catalogue catalogue, String name) {
        return new ApiException(400, "unknown_language", withListHint(catalogue.unknownLanguage(name), LANGUAGE_LIST),
                "language", null);
    }

    /** {@code unknown_compiler} naming the field {@code compiler}; {@code listedAt} is where the door lists them. */
    public static ApiException compiler(Catalogue catalogue, String id, String listedAt) {
        return new ApiException(400, "unknown_compiler", withListHint(catalogue.unknownCompiler(id), listedAt),
                "compiler", null);
    }
}
