package dev.harbormaster.slack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BoundedTagValuesTest {

    @Test
    void valuesPassUntilTheLimitThenBecomeOther() {
        BoundedTagValues values = new BoundedTagValues("test{reason}", 3);
        assertEquals("channel_not_found", values.of("channel_not_found"));
        assertEquals("unknown", values.of(null));
        assertEquals("http_500", values.of("http_500"));
        assertEquals(BoundedTagValues.OTHER, values.of("invalid_blocks"));
        assertEquals(BoundedTagValues.OTHER, values.of("request #58"));
        assertEquals("channel_not_found", values.of("channel_not_found"), "a value seen before still passes");
    }
}
