package dev.harbormaster.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a FinOps FOCUS 1.2 CSV export as a stream, summing {@code EffectiveCost} and {@code BilledCost} per
 * {@code ChargePeriodStart} day (UTC), service and {@code BillingCurrency}. Columns are found by header name, in any
 * order; {@code NULL} and empty fields are both "no value". A line that cannot be used (bad cost, date or currency,
 * broken quoting) is skipped and counted; a file that cannot be read on (no such columns, a quote never closed) is
 * refused whole.
 */
final class FocusReader {

    static final List<String> REQUIRED = List.of("ChargePeriodStart", "EffectiveCost", "BilledCost", "BillingCurrency");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_SAMPLES = 5;
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSS]");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a read gave: the sums, how many lines were used and skipped, and a few reasons for the skipped ones. */
    record Result(DailyCosts costs, long rowsRead, long rowsSkipped, List<String> skipSamples) {
    }

    /** The file as a whole cannot be used; nothing of it is kept. */
    static final class RefusedFileException extends Exception {
        RefusedFileException(String message) {
            super(message);
        }
    }

    private FocusReader() {
    }

    static Result read(Reader in, CostMapping mapping) throws IOException, RefusedFileException {
        CsvRecords records = new CsvRecords(in);
        try {
            CsvRecords.Row header = records.next();
            if (header == null) {
                throw new RefusedFileException("the file is empty");
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.fields().size(); i++) {
                // A UTF-8 byte-order mark sticks to the first header name in some exports.
                columns.putIfAbsent(header.fields().get(i).replace("\uFEFF", "").trim(), i);
            }
            List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
            if (!missing.isEmpty()) {
                throw new RefusedFileException("no column " + String.join(", ", missing) + " in the header: not a FOCUS export");
            }
            int start = columns.get("ChargePeriodStart");
            int effective = columns.get("EffectiveCost");
            int billed = columns.get("BilledCost");
            int currency = columns.get("BillingCurrency");
            int tags = columns.getOrDefault("Tags", -1);

            DailyCosts costs = new DailyCosts();
            long used = 0;
            long skipped = 0;
            List<String> samples = new ArrayList<>();
            CsvRecords.Row row;
            while ((row = records.next()) != null) {
                List<String> fields = row.fields();
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                String problem = row.malformed() ? row.problem() : null;
                if (problem == null && fields.size() != header.fields().size()) {
                    problem = fields.size() + " fields where the header has " + header.fields().size();
                }
                LocalDate day = null;
                BigDecimal effectiveCost = null;
                BigDecimal billedCost = null;
                String code = null;
                if (problem == null) {
                    day = day(value(fields, start));
                    effectiveCost = amount(value(fields, effective));
                    billedCost = amount(value(fields, billed));
                    code = value(fields, currency);
                    if (day == null) {
                        problem = "ChargePeriodStart is not a date";
                    } else if (effectiveCost == null) {
                        problem = "EffectiveCost is not a number";
                    } else if (billedCost == null) {
                        problem = "BilledCost is not a number";
                    } else if (code == null || !CURRENCY.matcher(code.trim()).matches()) {
                        problem = "BillingCurrency is not a 3-letter code";
                    }
                }
                if (problem != null) {
                    skipped++;
                    if (samples.size() < MAX_SAMPLES) {
                        samples.add("line " + row.line() + ": " + problem);
                    }
                    continue;
                }
                costs.add(day, mapping.byTags(tags(value(fields, tags))), code.trim(), effectiveCost, billedCost);
                used++;
            }
            return new Result(costs, used, skipped, List.copyOf(samples));
        } catch (CsvRecords.BrokenFileException e) {
            throw new RefusedFileException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new RefusedFileException(e.getMessage());
        }
    }

    private static String value(List<String> fields, int index) {
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index);
        return value.isEmpty() || value.equals("NULL") ? null : value;
    }

    static LocalDate day(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(trimmed.replace(' ', 'T')).toLocalDate();
            } catch (DateTimeParseException notLocal) {
                try {
                    return trimmed.length() == 10 ? LocalDate.parse(trimmed) : LocalDateTime.parse(trimmed, SPACED).toLocalDate();
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    private static BigDecimal amount(String text) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            // A cost beyond a trillion per line is a broken export, not spend: keep it out of every total.
            return value.abs().compareTo(new BigDecimal("1e12")) > 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@code Tags} column: a JSON object of strings; anything else is "no tags". */
    static Map<String, String> tags(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return Map.of();
            }
            Map<String, String> tags = new HashMap<>();
            node.fields().forEachRemaining(entry -> {
                if (entry.getValue().isValueNode()) {
                    tags.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText());
                }
            });
            return tags;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
