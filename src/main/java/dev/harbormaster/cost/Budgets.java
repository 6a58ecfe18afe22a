package dev.harbormaster.cost;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Teams' budgets, one per team. */
@ApplicationScoped
public class Budgets {

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Budget> of(String team) {
        return query("where team = ?1", team).stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Budget> all() {
        return query("", null);
    }

    /** Sets (or replaces) a team's budget. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void set(Budget budget, String setBy) {
        entityManager.createNativeQuery("""
                        insert into cost_budget (team, amount, currency, period, set_by, set_at) values (?1, ?2, ?3, ?4, ?5, now())
                        on conflict (team) do update set amount = excluded.amount, currency = excluded.currency,
                          period = excluded.period, set_by = excluded.set_by, set_at = excluded.set_at""")
                .setParameter(1, budget.team()).setParameter(2, budget.amount()).setParameter(3, budget.currency())
                .setParameter(4, budget.period()).setParameter(5, setBy).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Budget> query(String where, String team) {
        var query = entityManager.createNativeQuery("select team, amount, currency, period from cost_budget " + where + " order by team");
        if (team != null) {
            query.setParameter(1, team);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Budget((String) row[0], (BigDecimal) row[1], ((String) row[2]).trim(), (String) row[3])).toList();
    }
}
