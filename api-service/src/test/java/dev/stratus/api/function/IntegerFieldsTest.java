package dev.stratus.api.function;

import dev.stratus.api.support.ApiClient.Response;
import dev.stratus.api.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integer fields are read exactly: a value beyond the field's type (uint32 for scales and memory) is refused with
 * Scaleway's invalid_arguments, never wrapped into range (2^64 + 1 once became max_scale 1) and never a 500.
 */
class IntegerFieldsTest extends ApiTestSupport {
    private static final String UINT32 = "must be an unsigned 32-bit integer (0 to 4294967295)";

    /** JSON value as sent → reason and help message expected for every uint32 field. */
    private static final Map<String, List<String>> BEYOND_THE_TYPE = Map.of(
            "18446744073709551617", List.of("constraint", UINT32),
            "-1", List.of("constraint", UINT32),
            "4294967296", List.of("constraint", UINT32),
            "1e400", List.of("constraint", UINT32),
            "1.5", List.of("format", "must be an integer"),
            "\"12\"", List.of("format", "must be a JSON number, not a string"),
            "\"18446744073709551617\"", List.of("format", "must be a JSON number, not a string"),
            "true", List.of("format", "must be an integer"));

    @Test
    void createRefusesUint32FieldsBeyondTheirType() {
        String ns = createNamespace();
        for (String field : List.of("min_scale", "max_scale", "memory_limit")) {
            BEYOND_THE_TYPE.forEach((value, expected) -> {
                var refused = api.post(fn("/functions"), """
                        {"name":"f-%s","namespace_id":"%s","runtime":"node22","%s":%s}"""
                        .formatted(shortId(), ns, field, value));
                assertRefused(refused, field, expected.get(0), expected.get(1), field + "=" + value);
            });
        }
    }

    @Test
    void updateRefusesThemAndKeepsTheStoredValues() {
        String id = createFunction(createNamespace(), "kept");
        for (String field : List.of("min_scale", "max_scale", "memory_limit")) {
            BEYOND_THE_TYPE.forEach((value, expected) -> assertRefused(
                    api.patch(fn("/functions/" + id), "{\"%s\":%s}".formatted(field, value)),
                    field, expected.get(0), expected.get(1), field + "=" + value));
        }
        Map<String, Object> f = api.get(fn("/functions/" + id)).map();
        assertEquals(List.of(0, 5, 256), List.of(f.get("min_scale"), f.get("max_scale"), f.get("memory_limit")));
    }

    @Test
    void withinTheTypeEachFieldKeepsItsOwnRange() {
        String id = createFunction(createNamespace(), "ranges");
        assertRefused(api.patch(fn("/functions/" + id), "{\"max_scale\":4294967295}"), "max_scale", "constraint",
                "must be between 1 and 50", "max_scale");
        assertRefused(api.patch(fn("/functions/" + id), "{\"max_scale\":0}"), "max_scale", "constraint",
                "must be between 1 and 50", "max_scale");
        assertRefused(api.patch(fn("/functions/" + id), "{\"memory_limit\":4097}"), "memory_limit", "constraint",
                "must be between 1 and 4096", "memory_limit");

        var accepted = api.patch(fn("/functions/" + id), "{\"min_scale\":2,\"max_scale\":50.0,\"memory_limit\":512}");
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals(List.of(2, 50, 512), List.of(accepted.map().get("min_scale"), accepted.map().get("max_scale"),
                accepted.map().get("memory_limit")), "an integral 50.0 is 50");
    }

    @Test
    void pagingQueryParametersAreRangeChecked() {
        for (String value : List.of("18446744073709551617", "4294967296", "-1", "0", "101")) {
            assertRefused(api.get(fn("/namespaces?page_size=" + value)), "page_size", "constraint",
                    "must be between 1 and 100", "page_size=" + value);
        }
        assertRefused(api.get(fn("/namespaces?page_size=1.5")), "page_size", "format", "must be an integer",
                "page_size=1.5");
        assertRefused(api.get(fn("/namespaces?page=2147483648")), "page", "constraint",
                "must be between 1 and 2147483647", "page=2147483648");
    }

    @Test
    void uploadSizeIsRangeChecked() {
        String id = createFunction(createNamespace(), "sized");
        for (String value : List.of("18446744073709551617", "-1", "0")) {
            var refused = api.get(fn("/functions/" + id + "/upload-url?content_length=" + value));
            assertEquals(400, refused.status(), refused.toString());
            assertEquals("content_length", refused.list("details").get(0).get("argument_name"), value);
            assertEquals("constraint", refused.list("details").get(0).get("reason"), value);
        }
    }

    private static void assertRefused(Response response, String argument, String reason, String help,
                                      String what) {
        assertEquals(400, response.status(), what + ": " + response);
        assertEquals("invalid_arguments", response.string("type"), what);
        assertEquals(List.of(Map.of("argument_name", argument, "reason", reason, "help_message", help)),
                response.list("details"), what);
    }
}
