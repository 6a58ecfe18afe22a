package dev.harbormaster.benchmark;

import dev.harbormaster.testing.SignedSlackRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop, constant-rate load of signed slash commands: request {@code i} is due at {@code start + i / rate} and
 * is sent then, whether or not earlier ones were answered (asynchronous {@link HttpClient}, which opens more
 * connections when answers are slow), so a stalled server meets the queue real users would build instead of a
 * politely waiting client (coordinated omission). Latency runs from the <em>due</em> time to the whole response; the
 * send lag (actual send − due) is kept per request and reported, so a slow generator cannot hide a slow server.
 *
 * <p>Bodies are built before the run (each with its own trigger_id, and a response_url of the caller's choosing); each
 * is signed at its send time with the current timestamp, as Slack does.
 */
final class OpenLoopLoad {

    /** What became of one request. */
    enum Outcome {
        /** 200 with the expected answer. */
        ANSWERED,
        /** 200 with the "Working on…" acknowledgement: the answer goes to response_url later. */
        DEFERRED,
        /** 200, but neither the expected answer nor a deferral. */
        WRONG,
        NON_200,
        TIMEOUT,
        FAILED
    }

    /** Whether {@code body} is the right answer to request {@code i}. */
    interface Expectation {
        boolean matches(int i, String body);
    }

    private OpenLoopLoad() {
    }

    /** {@code n} form bodies of {@code /platform <text(i)>}, each with a distinct trigger_id. */
    static List<String> bodies(int n, IntFunction<String> text, IntFunction<String> responseUrl) {
        List<String> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bodies.add(SignedSlackRequest.slashCommandBody("UALICE", "CPAYMENTS", text.apply(i), responseUrl.apply(i)));
        }
        return bodies;
    }

    /**
     * Sends {@code bodies} to {@code endpoint} at {@code rate} per second (as many as {@code rate × seconds}; the list
     * must hold that many), waits for the last answer or its timeout, and returns every request's figures.
     */
    static LoadRun run(String label, HttpClient client, URI endpoint, String secret, double rate, List<String> bodies,
                       Expectation expectation, Duration timeout) throws InterruptedException {
        int n = bodies.size();
        long period = Math.round(1e9 / rate);
        long[] due = new long[n];
        long[] lag = new long[n];
        long[] latency = new long[n];
        Outcome[] outcomes = new Outcome[n];
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < n; i++) {
            due[i] = start + i * period;
            long wait;
            // parking, not spinning: a spinning generator would take one of the machine's two cores from the server
            while ((wait = due[i] - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = bodies.get(i);
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .header("X-Slack-Signature", SignedSlackRequest.sign(secret, timestamp, body))
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int index = i;
            lag[i] = System.nanoTime() - due[i];
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                latency[index] = System.nanoTime() - due[index];
                outcomes[index] = outcome(index, response, failure, expectation);
                done.countDown();
            });
        }
        boolean all = done.await(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        long end = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (outcomes[i] == null) {
                // never completed, not even by the client's timeout: counted as a timeout at the time we gave up
                outcomes[i] = Outcome.TIMEOUT;
                latency[i] = end - due[i];
            }
        }
        if (!all) {
            System.err.println(label + ": some requests never completed");
        }
        return new LoadRun(label, rate, due, lag, latency, outcomes);
    }

    private static Outcome outcome(int i, HttpResponse<String> response, Throwable failure, Expectation expectation) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof HttpTimeoutException ? Outcome.TIMEOUT : Outcome.FAILED;
        }
        if (response.statusCode() != 200) {
            return Outcome.NON_200;
        }
        String body = response.body();
        if (expectation.matches(i, body)) {
            return Outcome.ANSWERED;
        }
        return body.contains("Working on") ? Outcome.DEFERRED : Outcome.WRONG;
    }
}
