package dev.harbormaster.command;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" for subcommands, options, service and team names (Commons Text similarity). */
public final class Suggestions {

    /**
     * The longest input that can be a typo of a name: names are DNS labels (at most 63 characters) and option values
     * shorter still, and allowing as many edits again covers any slip. Longer input gets no suggestion, so a 40 kB line
     * costs no more than a short one.
     */
    public static final int LONGEST_TYPO = 128;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private Suggestions() {
    }

    /** Up to {@code limit} candidates close enough to {@code input} to be a likely typo, best first. */
    public static List<String> closest(String input, Collection<String> candidates, int limit) {
        if (input == null || input.isBlank() || input.length() > LONGEST_TYPO) {
            return List.of();
        }
        String typed = input.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .distinct()
                .filter(candidate -> plausible(typed, candidate.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingDouble((String c) -> -JARO_WINKLER.apply(typed, c.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /** Formats the suggestions as "Did you mean `a` or `b`?", or an empty string when there are none. */
    public static String didYouMean(String input, Collection<String> candidates) {
        List<String> best = closest(input, candidates, 3);
        if (best.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("Did you mean ");
        for (int i = 0; i < best.size(); i++) {
            if (i > 0) {
                text.append(i == best.size() - 1 ? " or " : ", ");
            }
            text.append('`').append(best.get(i)).append('`');
        }
        return text.append('?').toString();
    }

    private static boolean plausible(String typed, String candidate) {
        if (candidate.startsWith(typed) || candidate.contains(typed) && typed.length() >= 3) {
            return true;
        }
        int allowedEdits = Math.max(1, Math.min(typed.length(), candidate.length()) / 3);
        Integer distance = new LevenshteinDistance(allowedEdits).apply(typed, candidate);
        return distance >= 0 || JARO_WINKLER.apply(typed, candidate) >= 0.88;
    }
}
