package dev.harbormaster.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Slack's Web API as the outbox sees it, over real HTTP: chat.postMessage and chat.update, answered by a
 * script each test sets (by default: success), with every call recorded with its arrival time.
 */
@ApplicationScoped
@Path("/fake-slack")
public class FakeSlackWebApi {

    /** A request as it arrived; {@code answeredOk} says whether Slack would have shown it. */
    public record Call(String method, String channel, String text, String ts, String threadTs, Instant arrivedAt,
                       boolean answeredOk) {
    }

    /** What the fake answers; {@link #ok()} means the normal success response. */
    public record Answer(int status, String retryAfter, String error) {
        public static Answer ok() {
            return new Answer(200, null, null);
        }

        public static Answer slackError(String error) {
            return new Answer(200, null, error);
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, Integer.toString(retryAfterSeconds), null);
        }

        public static Answer serverError() {
            return new Answer(500, null, null);
        }

        boolean succeeds() {
            return status == 200 && error == null;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong tsSequence = new AtomicLong();
    private volatile Function<Call, Answer> script = call -> Answer.ok();

    public void answerWith(Function<Call, Answer> script) {
        this.script = script;
    }

    public void reset() {
        script = call -> Answer.ok();
    }

    /** Every call made to a channel (by id or name), in order of arrival. */
    public List<Call> callsTo(String channel) {
        String id = channelId(channel);
        return calls.stream().filter(call -> call.channel().equals(channel) || call.channel().equals(id)).toList();
    }

    public List<Call> deliveredTo(String channel) {
        return callsTo(channel).stream().filter(Call::answeredOk).toList();
    }

    /** The id the fake workspace gives a channel name, as Slack answers with ids. */
    public static String channelId(String channel) {
        return channel.startsWith("C") ? channel : "C" + channel.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    @POST
    @Path("{method}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response call(@PathParam("method") String method, MultivaluedMap<String, String> form) {
        Instant arrivedAt = Instant.now();
        if (!method.equals("chat.postMessage") && !method.equals("chat.update")) {
            return json(200, "{\"ok\":false,\"error\":\"unknown_method\"}");
        }
        Call asked = new Call(method, form.getFirst("channel"), form.getFirst("text"), form.getFirst("ts"),
                form.getFirst("thread_ts"), arrivedAt, false);
        Answer answer = script.apply(asked);
        String ts = method.equals("chat.update") ? asked.ts() : nextTs();
        calls.add(new Call(asked.method(), asked.channel(), asked.text(), ts, asked.threadTs(), arrivedAt,
                answer.succeeds()));
        if (answer.status() != 200) {
            Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
                    .entity("{\"ok\":false}");
            if (answer.retryAfter() != null) {
                response.header("Retry-After", answer.retryAfter());
            }
            return response.build();
        }
        if (answer.error() != null) {
            return json(200, "{\"ok\":false,\"error\":\"" + answer.error() + "\"}");
        }
        return json(200, "{\"ok\":true,\"channel\":\"" + channelId(asked.channel()) + "\",\"ts\":\"" + ts + "\"}");
    }

    private String nextTs() {
        return String.format("%d.%06d", Instant.now().getEpochSecond(), tsSequence.incrementAndGet());
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
