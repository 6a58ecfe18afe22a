package dev.harbormaster.cost;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
/** PLACEHOLDER until the cost branch merges. */
@ApplicationScoped
public class CostReports {
    public TeamCost forTeam(String team, LocalDate from, LocalDate to) { throw new UnsupportedOperationException(); }
    public List<CostSource> sources() { return List.of(); }
}
