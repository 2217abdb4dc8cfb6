package io.runbox.execution.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A table a session call left as its last expression (a pandas DataFrame or Series in Python), as its driver
 * rendered it: its first rows as JSON records and as HTML.
 *
 * @param columns   the column names, in order (the index first when it is not the default one)
 * @param records   one object per row shown, column name to value (numbers, strings, booleans, nulls)
 * @param html      the same rows rendered as an HTML {@code <table>}; the caller escapes or sandboxes it before
 *                  showing it in a page, as any program output
 * @param rows      how many rows the value had
 * @param truncated only its first rows are here
 */
public record SessionTable(List<String> columns, List<Map<String, Object>> records, String html, long rows,
                           boolean truncated) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SessionTable {
        columns = columns == null ? List.of() : columns;
        records = records == null ? List.of() : records;
        html = html == null ? "" : html;
    }

    /** The table a driver's reply carries as JSON text, or {@code null} when the text is not one. */
    static SessionTable parse(String json) {
        try {
            return JSON.readValue(json, SessionTable.class);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
