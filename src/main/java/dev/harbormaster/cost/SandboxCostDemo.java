package dev.harbormaster.cost;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Demo cost for the sandbox: 90 days of FOCUS 1.2 lines for the catalog's services, written as a CSV file under the
 * data directory and read by the same reader as real exports. The numbers come from a fixed seed, so every newcomer
 * sees the same picture; a few services grow day by day so "top movers" has something to show. Never in real mode.
 */
@ApplicationScoped
public class SandboxCostDemo {

    static final String FILE = "sandbox-demo-focus.csv";
    static final int DAYS = 90;
    /** Demo cost for this many services (the first by name): a sandbox on a 50,000-service catalog is still a demo. */
    private static final int DEMO_SERVICES = 200;
    private static final Logger LOG = Logger.getLogger(SandboxCostDemo.class);
    private static final String HEADER = "BilledCost,BillingAccountId,BillingCurrency,ChargeCategory,ChargeDescription,"
            + "ChargePeriodEnd,ChargePeriodStart,EffectiveCost,ListCost,ProviderName,ResourceId,ServiceCategory,ServiceName,Tags";

    @Inject
    SlackConnection connection;
    @Inject
    CostSettings settings;
    @Inject
    Catalog catalog;

    @Inject
    Clock clock;

    /** In the sandbox: the folder holding today's demo file (written when missing or from an earlier day). */
    public Optional<Path> ensure() {
        if (!connection.sandbox()) {
            return Optional.empty();
        }
        Path folder = Path.of(settings.demoDir());
        Path file = folder.resolve(FILE);
        LocalDate today = LocalDate.now(clock);
        try {
            if (!Files.exists(file) || Files.getLastModifiedTime(file).toInstant().isBefore(today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())) {
                List<Service> services = QuarkusTransaction.requiringNew()
                        .call(() -> catalog.firstServicesWithEnvironments(DEMO_SERVICES));
                write(file, services, today);
                LOG.infof("Cost: sandbox demo data for %d service(s) written to %s", services.size(), file);
            }
            return Optional.of(folder);
        } catch (IOException e) {
            LOG.warnf("Cost: cannot write the sandbox demo data to %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the demo file for the {@value #DAYS} days before {@code today}, atomically (a reader never sees half). */
    static void write(Path file, List<Service> services, LocalDate today) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        List<Service> sorted = services.stream().sorted(Comparator.comparing(s -> s.name)).toList();
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\n");
            for (int index = 0; index < sorted.size(); index++) {
                Service service = sorted.get(index);
                Random random = new Random(service.name.hashCode() * 31L + 7);
                double base = 40 + random.nextInt(400);
                boolean growing = index % 3 == 0 || service.name.equals("payments-api");
                for (int day = DAYS; day >= 1; day--) {
                    LocalDate date = today.minusDays(day);
                    int age = DAYS - day;
                    double trend = growing && age > DAYS / 2 ? 1 + (age - DAYS / 2) * 0.02 : 1;
                    double compute = base * trend * (0.9 + random.nextDouble() * 0.2);
                    double storage = base * 0.15 * (0.95 + random.nextDouble() * 0.1);
                    String tags = "\"{\"\"service\"\": \"\"" + service.name + "\"\"" + (service.ownerTeam == null ? ""
                            : ", \"\"team\"\": \"\"" + service.ownerTeam + "\"\"") + "}\"";
                    line(out, date, compute, "Compute", "Virtual Machines", service.name + "-nodes", tags);
                    line(out, date, storage, "Storage", "Block Storage", service.name + "-volumes", tags);
                }
            }
            Random shared = new Random(42);
            for (int day = DAYS; day >= 1; day--) {
                // Shared networking nobody tags: shown as unallocated, as a real bill has.
                line(out, today.minusDays(day), 25 + shared.nextDouble() * 5, "Networking", "NAT Gateway", "shared-nat", "NULL");
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void line(BufferedWriter out, LocalDate date, double amount, String category, String serviceName,
                             String resource, String tags) throws IOException {
        String cost = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        out.write(String.join(",", cost, "sandbox-account", "USD", "Usage", "\"Demo " + serviceName + "\"",
                date.plusDays(1) + "T00:00:00Z", date + "T00:00:00Z", cost, cost, "Sandbox Cloud", resource, category, serviceName, tags));
        out.write("\n");
    }
}
