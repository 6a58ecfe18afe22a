package dev.harbormaster.approval;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ApprovalVoteRepository implements PanacheRepository<ApprovalVote> {

    /**
     * Adds a vote unless this person already voted on the request: false then. ON CONFLICT keeps the
     * transaction usable, where a failed insert would doom it.
     */
    public boolean add(long requestId, String voterId, boolean approve, String reason) {
        return getEntityManager().createNativeQuery("""
                        insert into approval_vote (request_id, voter_id, decision, reason) values (?1, ?2, ?3, ?4)
                        on conflict (request_id, voter_id) do nothing""")
                .setParameter(1, requestId).setParameter(2, voterId).setParameter(3, approve ? "APPROVE" : "REJECT")
                .setParameter(4, reason)
                .executeUpdate() == 1;
    }

    public List<ApprovalVote> forRequest(long requestId) {
        return list("requestId", Sort.by("id"), requestId);
    }
}
