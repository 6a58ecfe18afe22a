package dev.harbormaster.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The specs and their handlers, matched one-to-one. Building it is the start-up check: a spec without a
 * handler, a handler without a spec, two handlers for one name, a colliding name or alias, or a bad spec
 * file all end up in one {@link CommandSetupException}.
 */
public final class CommandSet {

    private final CommandIndex index;
    private final Map<String, PlatformCommand> handlers;

    private CommandSet(CommandIndex index, Map<String, PlatformCommand> handlers) {
        this.index = index;
        this.handlers = handlers;
    }

    /**
     * @param describe names a handler in problems (its class), because a CDI proxy's own class name is
     *                 not what the developer wrote
     */
    public static CommandSet assemble(CommandSpecLoader.Loaded loaded, List<PlatformCommand> commands,
                                      Function<PlatformCommand, String> describe) {
        List<String> problems = new ArrayList<>(loaded.problems());
        CommandIndex index = CommandIndex.of(loaded.specs());
        problems.addAll(index.collisions());

        Map<String, List<PlatformCommand>> byName = new TreeMap<>();
        for (PlatformCommand command : commands) {
            String name = command.name();
            if (name == null || name.isBlank()) {
                problems.add("PlatformCommand bean " + describe.apply(command) + " returns no name()");
            } else {
                byName.computeIfAbsent(name, key -> new ArrayList<>()).add(command);
            }
        }
        Set<String> declared = loaded.specs().stream().map(file -> file.spec().name()).collect(Collectors.toSet());
        for (SpecFile file : loaded.specs()) {
            if (!byName.containsKey(file.spec().name())) {
                problems.add(file.source() + " declares `" + file.spec().name()
                        + "` but no PlatformCommand bean implements it");
            }
        }
        Map<String, PlatformCommand> handlers = new LinkedHashMap<>();
        byName.forEach((name, implementations) -> {
            if (implementations.size() > 1) {
                problems.add("two PlatformCommand beans implement `" + name + "`: "
                        + implementations.stream().map(describe).sorted().collect(Collectors.joining(", ")));
            } else if (!declared.contains(name)) {
                problems.add("PlatformCommand bean " + describe.apply(implementations.get(0)) + " implements `"
                        + name + "` but no " + CommandSpecLoader.FOLDER + "/*.yaml declares it");
            } else {
                handlers.put(name, implementations.get(0));
            }
        });
        if (!problems.isEmpty()) {
            throw new CommandSetupException(problems);
        }
        return new CommandSet(index, handlers);
    }

    public CommandIndex index() {
        return index;
    }

    public PlatformCommand handler(CommandSpec spec) {
        PlatformCommand handler = handlers.get(spec.name());
        if (handler == null) {
            throw new IllegalArgumentException("no handler for `" + spec.name() + "`");
        }
        return handler;
    }
}
