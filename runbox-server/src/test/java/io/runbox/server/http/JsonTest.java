package io.runbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.runbox.server.api.piston.PistonExecuteRequest;
import io.runbox.server.api.v1.NativeExecuteRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Request bodies: no type coercion, unknown fields named with a suggestion, malformed JSON located, in JSON's words. */
class JsonTest {
    private static ApiException refusal(String body) {
        return refusal(body, NativeExecuteRequest.class);
    }

    private static ApiException refusal(String body, Class<?> type) {
        try {
            Json.parse(body.getBytes(StandardCharsets.UTF_8), type);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            // Nothing of the parser: no Java types, no character codes, no source excerpt.
            assertThat(e.getMessage()).doesNotContainPattern("java\\.|jackson|io\\.runbox|`|\\(code \\d+\\)|Source:"
                    + "|Cannot deserialize|NativeExecuteRequest|token");
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void scalarsAreNeverConvertedFromAnotherJsonType() {
        ApiException e = refusal("{\"language\": \"python\", \"code\": 123}");
        assertThat(e.field()).isEqualTo("code");
        assertThat(e.getMessage()).isEqualTo("field 'code' must be a string, not a whole number");
        assertThat(refusal("{\"code\": true}").getMessage()).isEqualTo("field 'code' must be a string, not true or false");
        assertThat(refusal("{\"code\": 1.5}").field()).isEqualTo("code");
        e = refusal("{\"run_timeout\": \"5000\"}");
        assertThat(e.field()).isEqualTo("run_timeout");
        assertThat(e.getMessage()).isEqualTo("field 'run_timeout' must be a whole number, not a string");
        assertThat(refusal("{\"run_timeout\": 2.5}").getMessage()).endsWith("not a fractional number");
        assertThat(refusal("{\"run_timeout\": false}").field()).isEqualTo("run_timeout");
        assertThat(refusal("{\"files\": [{\"name\": 7, \"content\": \"x\"}]}").field()).isEqualTo("files[0].name");
        assertThat(refusal("{\"files\": \"main.py\"}").getMessage()).isEqualTo("field 'files' must be an array, not a string");
        assertThat(refusal("{\"files\": [\"print(1)\"]}").getMessage())
                .isEqualTo("field 'files[0]' must be an object, not a string");
    }

    @Test
    void wellTypedBodiesStillParse() {
        NativeExecuteRequest r = Json.parse(("{\"language\": \"python\", \"code\": \"1\", \"run_timeout\": 5000,"
                + " \"args\": [\"a\"], \"compiler_options\": \"-O2\", \"stdin\": null, \"extra_params\": {\"n\": 1}}")
                .getBytes(StandardCharsets.UTF_8), NativeExecuteRequest.class);
        assertThat(r.runTimeout()).isEqualTo(5000L);
        assertThat(r.stdin()).isNull();
    }

    /** JSON has one number type: a whole number written with an exponent or a zero fraction is still whole. */
    @Test
    void aWholeNumberMayBeWrittenAsJsonAllows() {
        for (String n : new String[] {"1e18", "5000.0", "5E3", "9223372036854775807"}) {
            NativeExecuteRequest r = Json.parse(("{\"run_timeout\": " + n + "}").getBytes(StandardCharsets.UTF_8),
                    NativeExecuteRequest.class);
            assertThat(r.runTimeout()).as(n).isEqualTo(new java.math.BigDecimal(n).longValueExact());
        }
        assertThat(refusal("{\"run_timeout\": 1e30}").getMessage()).isEqualTo("field 'run_timeout' is out of range");
        assertThat(refusal("{\"run_timeout\": 1.5e0}").getMessage())
                .isEqualTo("field 'run_timeout' must be a whole number, not a fractional number");
    }

    @Test
    void unknownFieldsAreNamedWithTheClosestKnownOne() {
        ApiException e = refusal("{\"language\": \"python\", \"code\": \"1\", \"stdn\": \"x\"}");
        assertThat(e.code()).isEqualTo("unknown_field");
        assertThat(e.field()).isEqualTo("stdn");
        assertThat(e.getMessage()).isEqualTo("unknown field 'stdn'; did you mean 'stdin'?");
        e = refusal("{\"files\": [{\"nmae\": \"a.py\", \"content\": \"1\"}]}");
        assertThat(e.field()).isEqualTo("files[0].nmae");
        assertThat(e.getMessage()).endsWith("did you mean 'name'?");
        // Nothing close: the fields there are, so the client need not guess.
        e = refusal("{\"language\": \"python\", \"source\": \"1\"}");
        assertThat(e.getMessage()).startsWith("unknown field 'source'; the fields here are ").contains("code", "files");
    }

    @Test
    void aDialectWhoseClientsSendMoreKeepsIgnoringFieldsItDoesNotUseButNotWrongTypes() {
        PistonExecuteRequest p = Json.parse(("{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"1\","
                + " \"main\": true}], \"run_cpu_time\": 3000}").getBytes(StandardCharsets.UTF_8), PistonExecuteRequest.class);
        assertThat(p.files()).hasSize(1);
        assertThat(refusal("{\"language\": \"python\", \"run_timeout\": \"3000\"}", PistonExecuteRequest.class).field())
                .isEqualTo("run_timeout");
    }

    @Test
    void fieldsTheDoorConsumedItselfAreNotUnknown() {
        NativeExecuteRequest r = Json.parse("{\"type\": \"start\", \"language\": \"python\", \"code\": \"1\"}"
                .getBytes(StandardCharsets.UTF_8), NativeExecuteRequest.class, "type");
        assertThat(r.language()).isEqualTo("python");
        assertThat(refusal("{\"type\": \"start\"}").field()).isEqualTo("type");
    }

    @Test
    void malformedJsonSaysWhere() {
        ApiException e = refusal("{\"language\": \"python\",\n  \"code\": \"1\",\n}");
        assertThat(e.code()).isEqualTo("invalid_json");
        assertThat(e.getMessage()).startsWith("malformed JSON at line 3, column 1: ");
        e = refusal("{\"language\": \"python\", ");
        assertThat(e.getMessage()).startsWith("malformed JSON at line 1, column ").contains("end of the body");
        assertThat(refusal("{\"code\": \"a\nb\"}").getMessage()).contains("line 1").contains("a control character");
        assertThat(refusal("{\"code\": nope}").getMessage()).startsWith("malformed JSON at line 1, column ");
        assertThat(refusal("{\"code\": \"1\"} {\"code\": \"2\"}").code()).isEqualTo("invalid_json");
        assertThat(refusal("{\"code\": \"1\", \"code\": \"2\"}").getMessage()).contains("'code'");
    }

    @Test
    void onlyAnObjectIsARequest() {
        assertThat(refusal("[1, 2]").getMessage()).isEqualTo("the request body must be a JSON object, not an array");
        assertThat(refusal("\"print(1)\"").getMessage()).endsWith("not a string");
        assertThat(refusal("null").getMessage()).endsWith("not null");
        assertThat(refusal("").code()).isEqualTo("invalid_json");
        assertThat(refusal("  ").code()).isEqualTo("invalid_json");
    }

    @Test
    void numbersOutOfRangeNameTheField() {
        ApiException e = refusal("{\"run_timeout\": 100000000000000000000000}");
        assertThat(e.field()).isEqualTo("run_timeout");
        assertThat(e.getMessage()).isEqualTo("field 'run_timeout' is out of range");
        assertThat(refusal("{\"code\": 100000000000000000000000}").getMessage())
                .isEqualTo("field 'code' must be a string, not a whole number");
    }

    /**
     * A short number with a huge exponent is refused at once: written out as a whole number, {@code 1e600000000} is
     * 600 million digits, minutes of CPU and hundreds of MB for one request. (It is read as a double first, so it is
     * infinite and out of range; this guards that, should floats ever be read as {@code BigDecimal}.)
     */
    @Test
    void aHugeExponentIsOutOfRangeWithoutWritingTheNumberOut() {
        ApiException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> refusal("{\"run_timeout\": 1e600000000}"));
        assertThat(e.getMessage()).isEqualTo("field 'run_timeout' is out of range");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> refusal("{\"run_timeout\": -1E+100000000}")).getMessage())
                .isEqualTo("field 'run_timeout' is out of range");
    }
}
