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
    private final int longestKeyLength;

    private CommandIndex(List<SpecFile> files) {
        Map<String, Claim> claims = new LinkedHashMap<>();
        int longest = 1;
        int longestKey = 0;
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
                longestKey = Math.max(longestKey, key.length());
            }
        }
        this.longestName = longest;
        this.longestKeyLength = longestKey;
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

    /**
     * The spec whose name or alias is the longest run of leading {@code words}, each one word as split on
     * whitespace.
     */
    public Optional<Match> longestPrefix(List<String> words) {
        int n = Math.min(longestName, words.size());
        int length = joinedLength(words, n);
        for (; n >= 1; n--) {
            // Lower-casing never shortens a word, so a run longer than every key is none of them; normalising
            // a pasted 40 kB word only to find that out cost more than the rest of its parse.
            if (length <= longestKeyLength) {
                CommandSpec spec = byWords.get(normalize(String.join(" ", words.subList(0, n))));
                if (spec != null) {
                    return Optional.of(new Match(spec, n));
                }
            }
            length -= words.get(n - 1).length() + 1;
        }
        return Optional.empty();
    }

    /**
     * Specs whose name or an alias starts with these words, each one word as split on whitespace:
     * {@code approvals} → {@code approvals cancel}, …
     */
    public List<String> namesStartingWith(List<String> words) {
        if (joinedLength(words, words.size()) >= longestKeyLength) {
            return List.of();
        }
        String prefix = normalize(String.join(" ", words)) + " ";
        return byWords.keySet().stream().filter(key -> key.startsWith(prefix)).sorted().toList();
    }

    private static int joinedLength(List<String> words, int count) {
        int length = count - 1;
        for (int i = 0; i < count; i++) {
            length += words.get(i).length();
        }
        return length;
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
