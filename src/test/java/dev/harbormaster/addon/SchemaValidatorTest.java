package dev.harbormaster.addon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON-Schema subset brokers publish, checked the way the spec says, with problems at their paths. */
class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> problems(String schema, String instance) throws Exception {
        JsonNode parsed = JSON.readTree(schema);
        return SchemaValidator.validate(parsed, JSON.readTree(instance)).stream()
                .map(p -> (p.path().isEmpty() ? "$" : p.path()) + ": " + p.message()).toList();
    }

    @Test
    void numbersFollowDraft4AndLaterExclusiveBounds() throws Exception {
        assertEquals(List.of("n: must be less than 10"),
                problems("{\"properties\": {\"n\": {\"type\": \"number\", \"maximum\": 10, \"exclusiveMaximum\": true}}}", "{\"n\": 10}"));
        assertEquals(List.of("n: must be more than 0"),
                problems("{\"properties\": {\"n\": {\"type\": \"number\", \"exclusiveMinimum\": 0}}}", "{\"n\": 0}"));
        assertEquals(List.of("n: must be a multiple of 5"),
                problems("{\"properties\": {\"n\": {\"type\": \"integer\", \"multipleOf\": 5}}}", "{\"n\": 12}"));
        assertEquals(List.of(), problems("{\"properties\": {\"n\": {\"type\": \"integer\"}}}", "{\"n\": 3.0}"),
                "3.0 is an integer in JSON Schema");
        assertEquals(List.of(), problems("{\"enum\": [5]}", "5.0"), "enum compares numbers by value");
    }

    @Test
    void localReferencesTuplesAndAdditionalItemsAreFollowed() throws Exception {
        String schema = """
                {"definitions": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}},
                 "type": "object", "additionalProperties": {"$ref": "#/definitions/port"},
                 "properties": {"pair": {"type": "array", "items": [{"type": "string"}, {"$ref": "#/definitions/port"}],
                                         "additionalItems": false}}}""";
        assertEquals(List.of("pair[1]: must be at most 65535", "pair: must have at most 2 entries", "http: must be at least 1"),
                problems(schema, "{\"pair\": [\"db\", 70000, 3], \"http\": 0}"));
    }

    @Test
    void anyOfOneOfAndNotSayWhatWouldFit() throws Exception {
        String schema = "{\"anyOf\": [{\"required\": [\"a\"]}, {\"required\": [\"b\", \"c\"]}]}";
        assertEquals(List.of("$: give at least one of `a` or `b` and `c`"), problems(schema, "{\"b\": 1}"));
        assertEquals(List.of(), problems(schema, "{\"a\": 1, \"b\": 1, \"c\": 1}"), "anyOf allows both");
        String shapes = "{\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"string\", \"pattern\": \"^[0-9]+(Mi|Gi)$\"}]}";
        assertEquals(List.of("$: fits none of the 2 alternatives the plan allows (closest: must match `^[0-9]+(Mi|Gi)$`)"),
                problems(shapes, "\"512MB\""));
        assertEquals(List.of("$: fits 2 of the 2 alternatives the plan allows; it must fit exactly one"),
                problems("{\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"number\"}]}", "3"));
        assertEquals(List.of("x: is a value this plan refuses"),
                problems("{\"properties\": {\"x\": {\"not\": {\"enum\": [\"root\"]}}}}", "{\"x\": \"root\"}"));
    }

    @Test
    void closedObjectsSuggestTheNameMeant() throws Exception {
        assertEquals(List.of("cfg.retension: is not a parameter of `cfg`. Did you mean `retention`?"),
                problems("{\"properties\": {\"cfg\": {\"type\": \"object\", \"additionalProperties\": false,"
                        + " \"properties\": {\"retention\": {\"type\": \"integer\"}}}}}", "{\"cfg\": {\"retension\": 3}}"));
    }
}
