package dev.harbormaster.approval;

import java.util.List;

/** Policy files that cannot be used; each problem names the file, the line and the field. */
public class InvalidPolicyException extends RuntimeException {

    private final List<String> problems;

    public InvalidPolicyException(List<String> problems) {
        super("Approval policies are invalid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
