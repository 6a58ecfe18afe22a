package dev.harbormaster.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.harbormaster.slack.SlackConnection;
import dev.harbormaster.slack.SlackErrors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Slack's three seconds: fast answers ride on the ack, slow ones follow on the response_url. */
class CommandDispatcherTest {

    private static final CommandSpec SPEC = new CommandSpec("status", List.of(), "Show status", "status", List.of(),
            List.of(), List.of("status"), false);

    private final CommandDispatcher dispatcher = new CommandDispatcher();
    private SlashCommandContext context;

    @BeforeEach
    void wire() throws Exception {
        dispatcher.registry = mock(CommandRegistry.class);
        dispatcher.runner = new CommandRunner();
        // no transaction is ever left on the worker here
        dispatcher.runner.transactions = mock(TransactionManager.class);
        dispatcher.connection = mock(SlackConnection.class);
        when(dispatcher.connection.slashCommand()).thenReturn("/platform");
        dispatcher.errors = mock(SlackErrors.class);
        when(dispatcher.errors.record(anyString(), any())).thenReturn("E-0001");
        when(dispatcher.errors.record(anyString(), any(), any())).thenReturn("E-0001");
        when(dispatcher.errors.userMessage("E-0001")).thenReturn("Something went wrong (error id E-0001)");
        dispatcher.metrics = new SimpleMeterRegistry();
        when(dispatcher.registry.parse("status")).thenReturn(new CommandLine.Ready(SPEC, Map.of(), Map.of()));
        context = spy(new SlashCommandContext());
        doReturn(null).when(context).respond(any(SlashCommandResponse.class));
    }

    @AfterEach
    void stop() {
        dispatcher.stop(null);
    }

    @Test
    void aQuickAnswerIsTheAcknowledgement() throws Exception {
        handler(invocation -> CommandReply.ephemeral("all good"));
        Response ack = dispatcher.dispatch(payload("status"), context);
        assertTrue(ack.getBody().contains("all good"), ack.getBody());
        verify(context, never()).respond(any(SlashCommandResponse.class));
    }

    @Test
    void aSlowAnswerIsAcknowledgedAtOnceAndSentToTheResponseUrl() throws Exception {
        handler(invocation -> {
            Thread.sleep(CommandDispatcher.ACK_BUDGET.toMillis() + 500);
            return CommandReply.ephemeral("finally done");
        });
        Response ack = dispatcher.dispatch(payload("status"), context);
        assertTrue(ack.getBody().contains("Working on"), ack.getBody());
        ArgumentCaptor<SlashCommandResponse> later = ArgumentCaptor.forClass(SlashCommandResponse.class);
        verify(context, timeout(5_000)).respond(later.capture());
        assertTrue(later.getValue().getText().contains("finally done"));
    }

    @Test
    void aFailingHandlerGivesAnErrorIdAndNoInternals() throws Exception {
        handler(invocation -> {
            throw new IllegalStateException("password=hunter2 at db.internal:5432");
        });
        Response ack = dispatcher.dispatch(payload("status"), context);
        assertTrue(ack.getBody().contains("E-0001"), ack.getBody());
        assertFalse(ack.getBody().contains("hunter2") || ack.getBody().contains("IllegalStateException"), ack.getBody());
    }

    @Test
    void anInvalidLineGetsTheParsersAdvice() {
        when(dispatcher.registry.parse("nope")).thenReturn(new CommandLine.Invalid(null, "`nope` is not a command."));
        Response ack = dispatcher.dispatch(payload("nope"), context);
        assertTrue(ack.getBody().contains("is not a command"), ack.getBody());
    }

    private void handler(Execution execution) {
        when(dispatcher.registry.handler(SPEC)).thenReturn(new PlatformCommand() {
            @Override
            public String name() {
                return SPEC.name();
            }

            @Override
            public CommandReply execute(CommandInvocation invocation) throws Exception {
                return execution.run(invocation);
            }
        });
    }

    @FunctionalInterface
    private interface Execution {
        CommandReply run(CommandInvocation invocation) throws Exception;
    }

    private static SlashCommandPayload payload(String text) {
        SlashCommandPayload payload = new SlashCommandPayload();
        payload.setText(text);
        payload.setUserId("UALICE");
        payload.setChannelId("CPAYMENTS");
        payload.setResponseUrl("http://127.0.0.1:9/response");
        return payload;
    }
}
