package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marketplace: every registered broker's catalog, fetched with the OSB client and kept in PostgreSQL so every
 * replica offers the same thing. Where two brokers offer one name, the broker first by name wins.
 */
@ApplicationScoped
public class AddonCatalog {

    private static final Logger LOG = Logger.getLogger(AddonCatalog.class);
    private static final int MAX_ERROR = 500;

    @Inject
    BrokerRegistry registry;
    @Inject
    OsbClients clients;
    @Inject
    StoredCatalogRepository stored;
    @Inject
    ObjectMapper json;

    /** How one broker's fetch went. */
    public record Fetch(String broker, int offerings, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Fetches every broker's catalog now; a broker that fails keeps its previous catalog. */
    public List<Fetch> refresh() {
        List<Fetch> fetches = new ArrayList<>();
        for (Broker broker : registry.all()) {
            fetches.add(refresh(broker));
        }
        return fetches;
    }

    private Fetch refresh(Broker broker) {
        String error;
        try {
            BrokerReply reply = clients.client().catalog(broker);
            if (reply.status() == 200 && reply.body().path("services").isArray()) {
                int offerings = parse(broker.name(), reply.body()).size();
                save(broker.name(), reply.body().toString(), null);
                return new Fetch(broker.name(), offerings, null);
            }
            error = reply.status() == 200 ? "its catalog has no services list"
                    : "it answered HTTP " + reply.status() + reply.description().map(d -> ": " + d).orElse("");
        } catch (BrokerUnreachableException e) {
            error = e.getMessage();
        }
        String shortError = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        LOG.warnf("Catalog of broker %s not fetched: %s", broker, shortError);
        save(broker.name(), null, shortError);
        return new Fetch(broker.name(), 0, shortError);
    }

    /** In a transaction of its own: a failed fetch is recorded even when the caller's work rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void save(String broker, String catalog, String error) {
        StoredCatalog row = stored.findById(broker);
        boolean first = row == null;
        if (first) {
            row = new StoredCatalog();
            row.broker = broker;
        }
        row.attemptedAt = Instant.now();
        row.lastError = error;
        if (catalog != null) {
            row.catalog = catalog;
            row.fetchedAt = row.attemptedAt;
        }
        if (first) {
            stored.persist(row);
        }
    }

    /**
     * Every offering of every registered broker, by name; fetches the catalogs first when none was ever stored. The
     * stored catalogs are read in a transaction of their own, before and after a fetch, so that what the fetch stored
     * is seen rather than a copy the caller's persistence context read before it (which made this recurse until the
     * stack overflowed, leaving a broken transaction on the thread).
     */
    public List<Offering> offerings() {
        Optional<List<Offering>> stored = storedOfferings();
        if (stored.isEmpty() && !registry.all().isEmpty() && refresh().stream().anyMatch(Fetch::ok)) {
            stored = storedOfferings();
        }
        return stored.orElse(List.of());
    }

    /** The offerings of the stored catalogs; empty when no broker's catalog was ever stored. */
    private Optional<List<Offering>> storedOfferings() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Offering> byName = new LinkedHashMap<>();
            boolean anyStored = false;
            for (Broker broker : registry.all()) {
                StoredCatalog row = stored.findById(broker.name());
                if (row != null && row.catalog != null) {
                    anyStored = true;
                    parse(broker.name(), read(row.catalog)).forEach(o -> byName.putIfAbsent(o.name(), o));
                }
            }
            return anyStored ? Optional.of(List.copyOf(byName.values())) : Optional.<List<Offering>>empty();
        });
    }

    public Optional<Offering> offering(String name) {
        return offerings().stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** Brokers whose last fetch failed, with why (for the marketplace footer). */
    @Transactional
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Broker broker : registry.all()) {
            StoredCatalog row = stored.findById(broker.name());
            if (row != null && row.lastError != null) {
                problems.put(broker.name(), row.lastError);
            }
        }
        return problems;
    }

    private JsonNode read(String catalog) {
        try {
            return json.readTree(catalog);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored catalog is not JSON", e);
        }
    }

    private static List<Offering> parse(String broker, JsonNode catalog) {
        List<Offering> offerings = new ArrayList<>();
        for (JsonNode service : catalog.path("services")) {
            Offering offering = Offering.parse(broker, service);
            if (offering != null) {
                offerings.add(offering);
            }
        }
        return offerings;
    }
}
