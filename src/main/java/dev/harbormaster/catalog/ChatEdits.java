package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.harbormaster.catalog.BackstageEntity.ComponentEntity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The rule for where a service's truth lives. A service imported from a file follows that file; a field changed in
 * chat since (a transfer, an approved edit, a new description) is Harbormaster's until the file says the same. An
 * import of a file that says otherwise keeps the chat value and reports the conflict; one that agrees hands the field
 * back to the file. A service registered in chat has every field set in chat, so a file describing it later takes
 * over field by field as it comes to agree.
 */
public final class ChatEdits {

    private static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The fields chat can change, with how to read them from a descriptor and from the stored service. */
    public enum Field {
        OWNER("owner", c -> ownerName(c.owner()), s -> s.ownerTeam != null ? s.ownerTeam : s.owner, (s, value) -> {
            s.owner = (String) value;
            s.ownerTeam = value == null || !EntityRef.parse((String) value).namesGroup() ? null : EntityRef.parse((String) value).name();
        }),
        TIER("tier", ComponentEntity::tier, s -> s.tier, (s, value) -> s.tier = (Integer) value),
        LIFECYCLE("lifecycle", ComponentEntity::lifecycle, s -> s.lifecycle, (s, value) -> s.lifecycle = (String) value),
        ENVIRONMENTS("environments", ComponentEntity::environments, s -> s.environments.stream().map(Environment::spec).toList(),
                (s, value) -> s.replaceEnvironments(environmentList(value))),
        DESCRIPTION("description", ComponentEntity::description, s -> s.description, (s, value) -> s.description = (String) value),
        REPO_URL("repository URL", ComponentEntity::repoUrl, s -> s.repoUrl, (s, value) -> s.repoUrl = (String) value),
        RUNBOOK_URL("runbook URL", ComponentEntity::runbookUrl, s -> s.runbookUrl, (s, value) -> s.runbookUrl = (String) value);

        private final String label;
        private final Function<ComponentEntity, Object> inFile;
        private final Function<Service, Object> stored;
        private final BiConsumer<Service, Object> restore;

        Field(String label, Function<ComponentEntity, Object> inFile, Function<Service, Object> stored,
              BiConsumer<Service, Object> restore) {
            this.label = label;
            this.inFile = inFile;
            this.stored = stored;
            this.restore = restore;
        }

        public String label() {
            return label;
        }

        boolean agrees(ComponentEntity entity, Service service) {
            return Objects.equals(inFile.apply(entity), stored.apply(service));
        }

        /** A short rendering of a value for a conflict line; environments are too long to quote. */
        String show(Object value) {
            if (this == ENVIRONMENTS) {
                List<String> names = environmentList(value).stream().map(EnvironmentSpec::name).toList();
                return names.isEmpty() ? "none" : String.join(", ", names);
            }
            return value == null ? "none" : value.toString();
        }
    }

    private ChatEdits() {
    }

    /** Every field: what a service registered in chat has set there. */
    public static Set<Field> all() {
        return EnumSet.allOf(Field.class);
    }

    /** The protected settings that differ between two states: what an approved {@code service edit} changed. */
    public static Set<Field> changed(ProtectedSettings before, ProtectedSettings after) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        if (!Objects.equals(before.tier(), after.tier())) {
            fields.add(Field.TIER);
        }
        if (!Objects.equals(before.lifecycle(), after.lifecycle())) {
            fields.add(Field.LIFECYCLE);
        }
        if (!before.environments().equals(after.environments())) {
            fields.add(Field.ENVIRONMENTS);
        }
        return fields;
    }

    /** The details an edit form saved, by {@link ServiceEdit#changedDetails()}'s names. */
    public static Set<Field> details(List<String> changedDetails) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (String detail : changedDetails) {
            switch (detail) {
                case "description" -> fields.add(Field.DESCRIPTION);
                case "repository URL" -> fields.add(Field.REPO_URL);
                case "runbook URL" -> fields.add(Field.RUNBOOK_URL);
                case "environment sizing" -> fields.add(Field.ENVIRONMENTS);
                default -> throw new IllegalArgumentException("no catalog field called " + detail);
            }
        }
        return fields;
    }

    /**
     * What importing {@code entity} over {@code service} keeps from chat: every chat-edited field the file disagrees
     * with, with the file's value. Fields the file now agrees with are handed back to it.
     */
    static Map<Field, Object> disagreements(ComponentEntity entity, Service service) {
        Map<Field, Object> kept = new EnumMap<>(Field.class);
        for (String name : service.chatEditedFields) {
            Field field = Field.valueOf(name);
            if (!field.agrees(entity, service)) {
                kept.put(field, field.inFile.apply(entity));
            }
        }
        return kept;
    }

    /** The stored values of {@code fields}, to put back after the descriptor was applied. */
    static Map<Field, Object> values(Service service, Set<Field> fields) {
        Map<Field, Object> values = new EnumMap<>(Field.class);
        fields.forEach(field -> values.put(field, field.stored.apply(service)));
        return values;
    }

    static void restore(Service service, Map<Field, Object> values) {
        values.forEach((field, value) -> field.restore.accept(service, value));
    }

    /** A digest of everything a descriptor says about a service: the same digest means the same service. */
    static String digest(ComponentEntity entity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(CANONICAL_JSON.writeValueAsBytes(entity));
            return HexFormat.of().formatHex(hash);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed descriptor always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static Object ownerName(String owner) {
        if (owner == null) {
            return null;
        }
        EntityRef ref = EntityRef.parse(owner);
        return ref.namesGroup() ? ref.name() : owner;
    }

    @SuppressWarnings("unchecked")
    private static List<EnvironmentSpec> environmentList(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<EnvironmentSpec>) value);
    }
}
