package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The workspace file (sandbox/workspace.yaml or HARBORMASTER_SANDBOX_SEED): users, channels, usergroups, the bot. */
public record SandboxSeed(Workspace workspace, Bot bot, List<User> users, List<Channel> channels, List<Usergroup> usergroups) {

    public record Workspace(String teamId, String domain, String name) {
    }

    public record Bot(String userId, String name, String botId, String appId) {
    }

    public record User(String name, String id, String realName, String displayName, String title, String email, boolean admin) {
    }

    public record Channel(String name, String id, String topic, boolean isPrivate, List<String> members) {
    }

    public record Usergroup(String handle, String id, String name, String description, List<String> members) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads and checks a seed; {@code source} names the file in error messages. */
    public static SandboxSeed read(InputStream yaml, String source) {
        SandboxSeed seed;
        try {
            seed = YAML.readValue(yaml, SandboxSeed.class);
        } catch (IOException e) {
            throw new IllegalStateException("The sandbox seed " + source + " is not valid: " + e.getMessage(), e);
        }
        seed.check(source);
        return seed;
    }

    private void check(String source) {
        require(workspace != null && workspace.teamId() != null && workspace.domain() != null, source,
                "needs workspace.team_id and workspace.domain");
        require(bot != null && bot.userId() != null && bot.name() != null && bot.botId() != null && bot.appId() != null,
                source, "needs bot.user_id, bot.name, bot.bot_id and bot.app_id");
        Set<String> ids = new HashSet<>(List.of(bot.userId()));
        Set<String> names = new HashSet<>(List.of(bot.name()));
        for (User user : users()) {
            require(user.name() != null && user.id() != null, source, "has a user without name or id");
            require(names.add(user.name()) && ids.add(user.id()), source, "names user " + user.name() + " twice");
        }
        Set<String> channelNames = new HashSet<>();
        for (Channel channel : channels()) {
            require(channel.name() != null && channel.id() != null, source, "has a channel without name or id");
            require(channelNames.add(channel.name()) && ids.add(channel.id()), source, "names channel " + channel.name() + " twice");
            channel.members().forEach(member -> require(names.contains(member), source,
                    "lists " + member + " in #" + channel.name() + " but has no such user"));
        }
        for (Usergroup group : usergroups()) {
            require(group.handle() != null && group.id() != null, source, "has a usergroup without handle or id");
            require(ids.add(group.id()), source, "uses id " + group.id() + " twice");
            group.members().forEach(member -> require(names.contains(member), source,
                    "lists " + member + " in @" + group.handle() + " but has no such user"));
        }
    }

    private static void require(boolean condition, String source, String problem) {
        if (!condition) {
            throw new IllegalStateException("The sandbox seed " + source + " " + problem);
        }
    }

    @Override
    public List<User> users() {
        return users == null ? List.of() : users;
    }

    @Override
    public List<Channel> channels() {
        return channels == null ? List.of() : channels.stream()
                .map(c -> c.members() == null ? new Channel(c.name(), c.id(), c.topic(), c.isPrivate(), List.of()) : c)
                .toList();
    }

    @Override
    public List<Usergroup> usergroups() {
        return usergroups == null ? List.of() : usergroups.stream()
                .map(g -> g.members() == null ? new Usergroup(g.handle(), g.id(), g.name(), g.description(), List.of()) : g)
                .toList();
    }
}
