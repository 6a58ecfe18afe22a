package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's jsonb columns, converted with a mapper of our own: Quarkus refuses to share the REST
 * ObjectMapper with Hibernate's JSON columns, and a persistence-unit-wide FormatMapper would be a
 * decision for every feature, not the catalog's to make. Columns are written with {@code ?::jsonb}.
 */
final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isBlank()) {
            return empty;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A catalog jsonb column holds unreadable JSON", e);
        }
    }

    static final class Strings implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<ArrayList<String>>() { }, new ArrayList<>());
        }
    }

    static final class Links implements AttributeConverter<List<Link>, String> {
        @Override
        public String convertToDatabaseColumn(List<Link> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<Link> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<ArrayList<Link>>() { }, new ArrayList<>());
        }
    }

    static final class Slos implements AttributeConverter<List<Slo>, String> {
        @Override
        public String convertToDatabaseColumn(List<Slo> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<Slo> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<ArrayList<Slo>>() { }, new ArrayList<>());
        }
    }

    static final class StringMap implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> value) {
            return write(value == null ? Map.of() : value);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<HashMap<String, String>>() { }, new HashMap<>());
        }
    }
}
