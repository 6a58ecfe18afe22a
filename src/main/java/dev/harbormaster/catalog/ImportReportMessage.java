package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandReply;

import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of {@code catalog import}: what was created and updated, or every problem. */
final class ImportReportMessage {

    private static final int MAX_PROBLEMS = 10;

    private ImportReportMessage() {
    }

    static CommandReply reply(ImportReport report) {
        return CommandReply.ephemeral(text(report));
    }

    static String text(ImportReport report) {
        if (!report.imported()) {
            return ":x: Nothing was imported: " + problems(report);
        }
        String skipped = report.skipped().isEmpty() ? ""
                : "\nSkipped (kinds the catalog does not keep): " + counts(report.skipped()) + ".";
        String warnings = report.warnings().isEmpty() ? "" : "\n:warning: " + (report.warnings().size() == 1 ? "1 warning"
                : report.warnings().size() + " warnings") + report.warnings().stream().limit(MAX_PROBLEMS).map(Mrkdwn::escape)
                .collect(Collectors.joining("\n• ", "\n• ", ""))
                + (report.warnings().size() > MAX_PROBLEMS ? "\n…and " + (report.warnings().size() - MAX_PROBLEMS) + " more." : "");
        String unchanged = report.unchanged().isEmpty() ? ""
                : " Unchanged since the last import: " + counts(report.unchanged()) + ".";
        String conflicts = report.conflicts().isEmpty() ? "" : "\n:warning: " + (report.conflicts().size() == 1
                ? "1 conflict with changes made in chat" : report.conflicts().size() + " conflicts with changes made in chat")
                + " (the owning teams were told)" + report.conflicts().stream().limit(MAX_PROBLEMS)
                .collect(Collectors.joining("\n• ", "\n• ", ""))
                + (report.conflicts().size() > MAX_PROBLEMS ? "\n…and " + (report.conflicts().size() - MAX_PROBLEMS) + " more." : "");
        return ":white_check_mark: Imported. Created: " + (report.created().isEmpty() ? "nothing" : counts(report.created()))
                + ". Updated: " + (report.updated().isEmpty() ? "nothing" : counts(report.updated())) + "." + unchanged
                + skipped + conflicts + warnings;
    }

    /** The problems as plain lines, for a modal's error text or a message. */
    static String problems(ImportReport report) {
        String listed = report.problems().stream().limit(MAX_PROBLEMS).map(Mrkdwn::escape)
                .collect(Collectors.joining("\n• ", "\n• ", ""));
        int more = report.problems().size() - MAX_PROBLEMS;
        return (report.problems().size() == 1 ? "1 problem" : report.problems().size() + " problems") + listed
                + (more > 0 ? "\n…and " + more + " more." : "");
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
