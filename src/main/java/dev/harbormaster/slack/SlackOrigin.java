package dev.harbormaster.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workspaces (team ids) and Enterprise Grid organisations a request names, read from the body exactly as
 * Slack sent it. Bolt's context is no source for this: its authorization step overwrites the team and
 * enterprise with the bot's own (from auth.test) before any middleware of ours runs.
 *
 * <p>Every id the body names counts, not only the first: a Slack Connect click carries the channel's workspace
 * in {@code team.id} and the clicking person's home workspace in {@code user.team_id}, and an event names the
 * workspace it happened in and the installations it is delivered for.
 *
 * @param kind              what the request is, for the log: {@code slash command}, {@code block_actions}, …
 * @param teamIds           every workspace id named, never null or blank
 * @param enterpriseIds     every organisation id named
 * @param enterpriseInstall whether Slack says this comes through an org-wide install
 */
public record SlackOrigin(String kind, Set<String> teamIds, Set<String> enterpriseIds, boolean enterpriseInstall) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FORM_FIELDS_READ = Set.of("payload", "team_id", "enterprise_id", "is_enterprise_install");

    /**
     * Reads a request body: a slash command's form, an interactive {@code payload=} form, or JSON (Events API
     * over HTTP, and every kind over Socket Mode). A body it cannot read names nothing.
     */
    public static SlackOrigin of(String body) {
        String text = body == null ? "" : body.trim();
        if (text.startsWith("{")) {
            return fromJson(text);
        }
        Map<String, String> form = form(text);
        if (form.containsKey("payload")) {
            return fromJson(form.get("payload"));
        }
        Set<String> teams = new TreeSet<>();
        Set<String> enterprises = new TreeSet<>();
        add(teams, form.get("team_id"));
        add(enterprises, form.get("enterprise_id"));
        return new SlackOrigin("slash command", teams, enterprises, "true".equals(form.get("is_enterprise_install")));
    }

    private static SlackOrigin fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return new SlackOrigin("unreadable request", Set.of(), Set.of(), false);
        }
        Set<String> teams = new TreeSet<>();
        Set<String> enterprises = new TreeSet<>();
        // slash commands over Socket Mode and Events API envelopes
        add(teams, root.path("team_id"));
        add(enterprises, root.path("enterprise_id"));
        // interactive payloads: the workspace the surface lives in, and the person's home workspace
        add(teams, root.path("team").path("id"));
        add(enterprises, root.path("team").path("enterprise_id"));
        add(teams, root.path("user").path("team_id"));
        add(enterprises, root.path("enterprise").path("id"));
        // events in shared channels, and the installations an event is delivered for
        add(teams, root.path("context_team_id"));
        add(enterprises, root.path("context_enterprise_id"));
        boolean enterpriseInstall = yes(root.path("is_enterprise_install"));
        for (JsonNode authorization : root.path("authorizations")) {
            add(teams, authorization.path("team_id"));
            add(enterprises, authorization.path("enterprise_id"));
            enterpriseInstall |= yes(authorization.path("is_enterprise_install"));
        }
        String kind = root.has("command") ? "slash command" : root.path("type").asText("unknown request");
        return new SlackOrigin(kind, teams, enterprises, enterpriseInstall);
    }

    /** For the log: "workspace T0OTHER, enterprise E0OTHER (org-wide install)". */
    public String describe() {
        StringBuilder text = new StringBuilder(teamIds.isEmpty() ? "no workspace" : "workspace " + String.join(", ", teamIds));
        if (!enterpriseIds.isEmpty()) {
            text.append(", enterprise ").append(String.join(", ", enterpriseIds));
        }
        if (enterpriseInstall) {
            text.append(" (org-wide install)");
        }
        return text.toString();
    }

    /**
     * The form's fields this record reads. Only their values are decoded: the {@code text} of a slash command can
     * be 40 kB, and Bolt decodes it once already.
     */
    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                    if (FORM_FIELDS_READ.contains(name)) {
                        fields.putIfAbsent(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                } catch (IllegalArgumentException badEscape) {
                    // not a form Slack wrote; whatever it claims is not read
                }
            }
        }
        return fields;
    }

    private static void add(Set<String> ids, JsonNode node) {
        if (node.isTextual()) {
            add(ids, node.textValue());
        }
    }

    private static void add(Set<String> ids, String id) {
        if (id != null && !id.isBlank()) {
            ids.add(id.trim());
        }
    }

    /** Slack sends this flag as a boolean, and as the text "true" / "false" in slash commands over Socket Mode. */
    private static boolean yes(JsonNode node) {
        return node.asBoolean(false);
    }
}
