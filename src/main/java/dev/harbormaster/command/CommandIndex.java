package dev.harbormaster.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a spec by what the user typed: its name or an alias, in any letter case, the longest run of
 * leading words winning ({@code service edit payments-api} is {@code service edit}, {@code service
 * payments-api} is {@code service}). Like Botkube's verb table, a name or alias claimed twice is a
 * collision, reported rather than silently shadowed.
 */
public final class CommandIndex {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A spec matched by the first {@code words} words of a line. */
    public record Match(CommandSpec spec, int words) {
    }

    private record Claim(SpecFile file, String role) {
        String describe() {
            return file.source() + " (" + role + " of `" + file.spec().name() + "`)";
        }
    }

    private final List<CommandSpec> specs;
    private final Map<String, CommandSpec> byWords = new LinkedHashMap<>();
    private final List<String> collisions = new ArrayList<>();
    private final int longestName;

    private CommandIndex(List<SpecFile> files) {
        Map<String, Claim> claims = new LinkedHashMap<>();
        int longest = 1;
        for (SpecFile file : files) {
            List<String> words = new ArrayList<>();
            words.add(file.spec().name());
            words.addAll(file.spec().aliases());
            for (int i = 0; i < words.size(); i++) {
                String key = normalize(words.get(i));
                Claim claim = new Claim(file, i == 0 ? "name" : "alias");
                Claim earlier = claims.putIfAbsent(key, claim);
                if (earlier != null) {
                    collisions.add("command collision: `" + key + "` is declared by " + earlier.describe()
                            + " and by " + claim.describe());
                    continue;
                }
                byWords.put(key, file.spec());
                longest = Math.max(longest, key.split(" ").length);
            }
        }
        this.longestName = longest;
        this.specs = files.stream().map(SpecFile::spec)
                .filter(spec -> byWords.get(normalize(spec.name())) == spec)
                .sorted(Comparator.comparing(CommandSpec::name))
                .toList();
    }

    public static CommandIndex of(List<SpecFile> files) {
        return new CommandIndex(files);
    }

    /** Every spec, sorted by name. */
    public List<CommandSpec> specs() {
        return specs;
    }

    /** Problems found while building: names or aliases claimed by two specs. */
    public List<String> collisions() {
        return List.copyOf(collisions);
    }

    /** The spec called exactly {@code words} (name or alias, any case, any spacing). */
    public Optional<CommandSpec> exact(String words) {
        return words == null ? Optional.empty() : Optional.ofNullable(byWords.get(normalize(words)));
    }

    /** The spec whose name or alias is the longest run of leading {@code words}. */
    public Optional<Match> longestPrefix(List<String> words) {
        for (int n = Math.min(longestName, words.size()); n >= 1; n--) {
            CommandSpec spec = byWords.get(normalize(String.join(" ", words.subList(0, n))));
            if (spec != null) {
                return Optional.of(new Match(spec, n));
            }
        }
        return Optional.empty();
    }

    /** Specs whose name or an alias starts with these words: {@code approvals} → {@code approvals cancel}, … */
    public List<String> namesStartingWith(List<String> words) {
        String prefix = normalize(String.join(" ", words)) + " ";
        return byWords.keySet().stream().filter(key -> key.startsWith(prefix)).sorted().toList();
    }

    /** Every name and alias, for suggestions. */
    public List<String> invocations() {
        return byWords.keySet().stream().sorted().toList();
    }

    /** The most words any name or alias has. */
    public int longestName() {
        return longestName;
    }

    static String normalize(String words) {
        return WHITESPACE.matcher(words.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
