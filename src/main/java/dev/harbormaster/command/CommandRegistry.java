package dev.harbormaster.command;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * The commands this Harbormaster answers: specs from {@code commands/*.yaml} matched one-to-one with the
 * {@link PlatformCommand} beans. Built eagerly at start-up so that a mismatch stops the application with
 * every problem listed, instead of surfacing as a confused user in Slack.
 */
@Startup
@ApplicationScoped
public class CommandRegistry {

    private static final Logger LOG = Logger.getLogger(CommandRegistry.class);

    @Inject
    CommandSettings settings;
    @Inject
    SlackConnection connection;
    @Inject
    @Any
    Instance<PlatformCommand> commands;

    private CommandSet commandSet;
    private CommandLineParser parser;

    @PostConstruct
    void load() {
        CommandSpecLoader.Loaded loaded = settings.dir()
                .map(CommandSpecLoader::fromDirectory)
                .orElseGet(() -> CommandSpecLoader.fromClasspath(Thread.currentThread().getContextClassLoader()));
        List<PlatformCommand> handlers = commands.stream().toList();
        commandSet = CommandSet.assemble(loaded, handlers, CommandRegistry::implementation);
        parser = new CommandLineParser(commandSet.index(), connection.slashCommand());
        LOG.infof("%d commands ready from %s", commandSet.index().specs().size(),
                settings.dir().map(Object::toString).orElse("the packaged commands/ folder"));
    }

    /** Every spec, sorted by name. */
    public List<CommandSpec> specs() {
        return commandSet.index().specs();
    }

    /** The spec called {@code name}: a name or alias, several words allowed, any letter case. */
    public Optional<CommandSpec> spec(String name) {
        return commandSet.index().exact(name);
    }

    /** Name and alias lookups, longest prefix and suggestions, for help. */
    public CommandIndex index() {
        return commandSet.index();
    }

    public PlatformCommand handler(CommandSpec spec) {
        return commandSet.handler(spec);
    }

    public CommandLine parse(String text) {
        return parser.parse(text);
    }

    private static String implementation(PlatformCommand command) {
        return ClientProxy.unwrap(command).getClass().getName().replaceFirst("_Subclass$", "");
    }
}
