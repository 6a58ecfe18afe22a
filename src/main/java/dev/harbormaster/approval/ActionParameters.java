package dev.harbormaster.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.harbormaster.command.CommandInvocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters of a gated command as the engine stores them: every argument and option by name, except
 * the ones about the request itself ({@code reason}, {@code emergency}). The same rule serves the gated
 * handlers and {@code policy check}, so a check sees exactly what a request would.
 */
public final class ActionParameters {

    /** Options every gated command may take, which say how to ask rather than what to do. */
    public static final Set<String> REQUEST_OPTIONS = Set.of("reason", "emergency");
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ActionParameters() {
    }

    public static Map<String, String> from(CommandInvocation invocation) {
        Map<String, String> parameters = new TreeMap<>(invocation.arguments());
        invocation.spec().options().forEach(option -> {
            if (!REQUEST_OPTIONS.contains(option.name())) {
                invocation.option(option.name()).ifPresent(value -> parameters.put(option.name(), value));
            }
        });
        return Map.copyOf(parameters);
    }

    /** Canonical JSON: keys sorted, so the same parameters always give the same text and hash. */
    static String toJson(Map<String, String> parameters) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static Map<String, String> fromJson(String json) {
        try {
            return Map.copyOf(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON", e);
        }
    }

    static String hash(String action, String parametersJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((action + "\n" + parametersJson).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
