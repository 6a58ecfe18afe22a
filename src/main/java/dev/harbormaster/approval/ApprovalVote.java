package dev.harbormaster.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One person's vote on a request; (request, voter) is unique in the table. */
@Entity
@Table(name = "approval_vote")
public class ApprovalVote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id")
    public Long requestId;
    @Column(name = "voter_id")
    public String voterId;
    /** APPROVE or REJECT. */
    public String decision;
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean approve() {
        return "APPROVE".equals(decision);
    }

    public Ballot ballot() {
        return new Ballot(voterId, approve(), createdAt);
    }
}
