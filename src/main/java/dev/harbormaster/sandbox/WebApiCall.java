package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one Web API call, as Bolt's MethodsClient sends them: form fields (JSON-valued ones such
 * as {@code blocks} and {@code view} as strings), or a JSON body; the token as a field or a Bearer header.
 */
final class WebApiCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> params;
    private final String token;

    private WebApiCall(Map<String, JsonNode> params, String token) {
        this.params = params;
        this.token = token;
    }

    static WebApiCall parse(String contentType, String body, Map<String, List<String>> query, String authorization) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        query.forEach((name, values) -> params.put(name, TextNode.valueOf(values.get(0))));
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            try {
                JSON.readTree(body).properties().forEach(field -> params.put(field.getKey(), field.getValue()));
            } catch (IOException e) {
                throw new SlackApiError("invalid_json");
            }
        } else if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, TextNode.valueOf(value));
            }
        }
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        JsonNode tokenField = params.remove("token");
        if (token == null && tokenField != null) {
            token = tokenField.asText();
        }
        return new WebApiCall(params, token);
    }

    String token() {
        return token;
    }

    /** A field as text (JSON-valued fields as their JSON), or null when absent or empty. */
    String text(String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? null : text;
    }

    boolean flag(String name) {
        String text = text(name);
        return text != null && (text.equals("true") || text.equals("1"));
    }

    /** A JSON-valued field: given as JSON in a JSON body, or as a JSON string in a form; null when absent. */
    JsonNode json(String name, String errorWhenInvalid) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (!value.isTextual()) {
            return value;
        }
        try {
            return JSON.readTree(value.asText());
        } catch (IOException e) {
            throw new SlackApiError(errorWhenInvalid);
        }
    }

    /** The argument worth showing in the call log: which conversation, user or view the call was about. */
    String subject() {
        for (String name : List.of("channel", "user", "users", "email", "view_id", "external_id", "usergroup")) {
            String value = text(name);
            if (value != null) {
                return name + "=" + value;
            }
        }
        return null;
    }
}
