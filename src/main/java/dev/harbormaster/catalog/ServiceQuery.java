package dev.harbormaster.catalog;

/**
 * Filters for listing services; null means "any".
 *
 * @param page 1-based
 */
public record ServiceQuery(String team, Integer tier, String text, int page) {

    public ServiceQuery {
        page = Math.max(1, page);
    }

    public ServiceQuery withPage(int newPage) {
        return new ServiceQuery(team, tier, text, newPage);
    }
}
