package dev.harbormaster.approval;

import java.time.Instant;

/** One person's vote on a request, as the evaluator sees it. */
public record Ballot(String voterId, boolean approve, Instant at) {
}
