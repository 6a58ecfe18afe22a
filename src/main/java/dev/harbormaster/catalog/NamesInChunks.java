package dev.harbormaster.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** A query by names, however many: one statement per thousand names (a statement takes at most 32,767 parameters). */
final class NamesInChunks {

    private static final int NAMES_PER_QUERY = 1000;

    private NamesInChunks() {
    }

    static <T> List<T> query(Collection<String> names, Function<List<String>, List<T>> query) {
        List<String> all = List.copyOf(names);
        List<T> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
            found.addAll(query.apply(all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY))));
        }
        return found;
    }
}
