package dev.harbormaster.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.harbormaster.slack.BoltListeners;
import dev.harbormaster.slack.BlockKit;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.slack.SlackErrors;
import dev.harbormaster.slack.WorkerPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns {@code /platform ...} into a handler call. Slack gives three seconds: a handler that answers
 * within {@link #ACK_BUDGET} is answered in the acknowledgement itself; a slower one is acknowledged
 * with "working on it" and its answer goes to the response_url when it is ready.
 */
@ApplicationScoped
public class CommandDispatcher implements BoltListeners {

    static final Duration ACK_BUDGET = Duration.ofMillis(2000);
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);

    @Inject
    CommandRegistry registry;
    @Inject
    CommandRunner runner;
    @Inject
    SlackConnection connection;
    @Inject
    SlackErrors errors;
    @Inject
    MeterRegistry metrics;

    /**
     * Up to 8 commands at once: most of a command is waiting on the database or Slack, and 8 of them, with the 8
     * workers after acks ({@code slack.AfterAck}), stay within the 20 database connections.
     */
    private final ExecutorService workers = WorkerPool.fixed("command-worker-", 8, 1000);

    @Override
    public void register(App app) {
        app.command(connection.slashCommand(), (request, context) -> dispatch(request.getPayload(), context));
    }

    Response dispatch(SlashCommandPayload payload, SlashCommandContext context) {
        Caller caller = new Caller(payload.getUserId(), payload.getUserName(), payload.getTeamId(),
                payload.getChannelId(), payload.getChannelName(), payload.getTriggerId(), payload.getResponseUrl());
        String text = payload.getText() == null ? "" : payload.getText();
        CommandLine line = registry.parse(text);
        if (line instanceof CommandLine.Invalid invalid) {
            count(invalid.spec() == null ? "unknown" : invalid.spec().name(), "usage_error");
            return ack(context, CommandReply.ephemeral(invalid.message()));
        }
        CommandLine.Ready ready = (CommandLine.Ready) line;
        String name = ready.spec().name();
        PlatformCommand handler = registry.handler(ready.spec());
        CommandInvocation invocation = new CommandInvocation(ready.spec(), ready.arguments(), ready.options(), caller);
        LOG.infof("%s ran %s %s", caller.userId(), connection.slashCommand(), name);
        CompletableFuture<CommandReply> work = CompletableFuture.supplyAsync(() -> run(handler, invocation), workers);
        try {
            CommandReply reply = work.get(ACK_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            count(name, "ok");
            return ack(context, reply);
        } catch (TimeoutException slow) {
            count(name, "deferred");
            work.whenComplete((reply, failure) -> respondLater(context, name, reply, failure));
            return ack(context, CommandReply.ephemeral(":hourglass_flowing_sand: Working on `" + name + "`…"));
        } catch (ExecutionException failed) {
            count(name, "error");
            String errorId = errors.record("running a command", name, unwrap(failed.getCause()));
            return ack(context, CommandReply.ephemeral(errors.userMessage(errorId)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ack(context, CommandReply.ephemeral(errors.userMessage(errors.record("running a command", name, interrupted))));
        }
    }

    private CommandReply run(PlatformCommand handler, CommandInvocation invocation) {
        try {
            return runner.run(handler, invocation);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void respondLater(SlashCommandContext context, String name, CommandReply reply, Throwable failure) {
        CommandReply answer = reply;
        if (failure != null) {
            answer = CommandReply.ephemeral(errors.userMessage(errors.record("running a command", name, unwrap(failure))));
        }
        if (answer.visibility() == CommandReply.Visibility.NONE) {
            return;
        }
        try {
            context.respond(response(answer));
        } catch (Exception e) {
            errors.record("sending a command's answer to its response_url", name, e);
        }
    }

    private static Response ack(SlashCommandContext context, CommandReply reply) {
        return reply.visibility() == CommandReply.Visibility.NONE ? context.ack() : context.ack(response(reply));
    }

    /** The answer as Slack takes it: within Block Kit's limits whatever the handler built (see {@link BlockKit}). */
    static SlashCommandResponse response(CommandReply reply) {
        boolean hasBlocks = !reply.blocks().isEmpty();
        return SlashCommandResponse.builder()
                .responseType(reply.visibility() == CommandReply.Visibility.IN_CHANNEL ? "in_channel" : "ephemeral")
                .text(BlockKit.fitText(reply.text(), hasBlocks))
                .blocks(hasBlocks ? BlockKit.fit(reply.blocks(), BlockKit.MESSAGE_BLOCKS) : null)
                .build();
    }

    private void count(String command, String outcome) {
        metrics.counter("harbormaster.commands", "command", command, "outcome", outcome).increment();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        workers.shutdown();
    }
}
