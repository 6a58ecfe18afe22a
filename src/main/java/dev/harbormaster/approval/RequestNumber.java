package dev.harbormaster.approval;

import java.util.Optional;

/** A request number as a button value or typed by a person ({@code 42} or {@code #42}); anything else is none. */
final class RequestNumber {

    private RequestNumber() {
    }

    static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replaceFirst("^#", "");
        if (!digits.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
