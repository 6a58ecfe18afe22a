package dev.harbormaster.catalog;

import java.util.List;

/** One page of matching services. {@code total} counts every match, not just this page. */
public record ServicePage(ServiceQuery query, List<Service> services, int total, int pageSize) {

    public int pages() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return query.page() < pages();
    }

    public boolean hasPrevious() {
        return query.page() > 1;
    }
}
