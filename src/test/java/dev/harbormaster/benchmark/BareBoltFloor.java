package dev.harbormaster.benchmark;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * The floor Harbormaster is measured against: the least a Bolt-for-Java app does to answer {@code /platform owner
 * svc-N}. JDK {@code HttpServer} on loopback → Bolt's {@link SlackRequestParser} → {@link App#run} with Bolt's own
 * signature check → a slash command handler reading an in-memory map → the same kind of answer (an ephemeral section
 * and context block) written back. No database, no dedup, no worker hand-off: whatever Harbormaster spends beyond this
 * is its own.
 *
 * <p>It runs in a JVM of its own ({@link #main}, started by {@link FloorProcess}) with the bot's heap and GC
 * flags, so that neither the load generator's allocation nor its threads land in the floor's figures. TCP_NODELAY is
 * as far as the JDK server allows it: the {@code sun.net.httpserver.nodelay} property, set by the launcher.
 */
public final class BareBoltFloor {

    /** Printed on stdout once the server listens, so the launcher knows when to start measuring. */
    static final String READY = "BARE-BOLT-FLOOR READY";

    private final HttpServer server;

    private BareBoltFloor(HttpServer server) {
        this.server = server;
    }

    /** {@code java … BareBoltFloor <port> <signing secret> <services>} */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String secret = args[1];
        int services = Integer.parseInt(args[2]);
        start(port, secret, services);
        System.out.println(READY + " on 127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    static BareBoltFloor start(int port, String secret, int services) throws IOException {
        Map<String, String> owners = new HashMap<>(services * 2);
        for (int n = 0; n < services; n++) {
            owners.put(BackstageCatalogGenerator.serviceName(n), BackstageCatalogGenerator.teamOf(n));
        }
        App app = new App(AppConfig.builder().signingSecret(secret).build());
        app.command("/platform", (request, context) -> {
            String text = request.getPayload().getText() == null ? "" : request.getPayload().getText().trim();
            String name = text.startsWith("owner ") ? text.substring("owner ".length()).trim() : text;
            String team = owners.get(name);
            return context.ack(team == null ? notFound(name) : owner(name, team));
        });
        app.start();
        SlackRequestParser parser = new SlackRequestParser(app.config());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/slack/events", exchange -> handle(exchange, parser, app));
        server.start();
        return new BareBoltFloor(server);
    }

    void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, SlackRequestParser parser, App app) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events")
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(body)
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            Response response = request == null ? Response.builder().statusCode(400).body("not a Slack request").build()
                    : app.run(request);
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getContentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.getContentType());
            }
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (Exception e) {
            byte[] out = ("floor failed: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    /** What Harbormaster's {@code owner} answers, minus the catalog: heading, channel, on-call, escalation. */
    private static SlashCommandResponse owner(String service, String team) {
        String number = team.substring("team-".length());
        String lines = "*" + service + "* is owned by *" + team + "* (Team " + number + ")"
                + "\n*Channel:* #" + team
                + "\n*On-call:* <@U0ONCALL" + number + ">"
                + "\n*Who to ask:* <@U0LEAD" + number + ">, <@U0DEV" + number + ">";
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(lines))),
                context(c -> c.elements(List.of(markdownText(
                        "Not urgent? Ask in #" + team + " first; page the on-call only for an outage.")))));
        return SlashCommandResponse.builder().responseType("ephemeral").text("Owner of " + service + ": " + team)
                .blocks(blocks).build();
    }

    private static SlashCommandResponse notFound(String name) {
        return SlashCommandResponse.builder().responseType("ephemeral")
                .text("There is no service named `" + name + "` in the catalog.").build();
    }
}
