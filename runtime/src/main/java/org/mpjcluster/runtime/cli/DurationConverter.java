package org.mpjcluster.runtime.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations written as a number and a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
class DurationConverter implements ITypeConverter<Duration> {

    /** Reads a timeout: a duration that is more than zero. */
    static final class Timeout extends DurationConverter {

        @Override
        public Duration convert(String value) {
            Duration timeout = super.convert(value);
            if (timeout.isZero()) {
                throw new TypeConversionException("the timeout must be positive, not '" + value + "'");
            }
            return timeout;
        }
    }

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write a number and a unit, "
                + "such as 500ms, 30s, 5m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
