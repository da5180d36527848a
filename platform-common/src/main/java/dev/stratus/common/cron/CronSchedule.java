package dev.stratus.common.cron;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard 5-field UNIX cron schedule in UTC: minute, hour, day of month, month (1–12 or JAN–DEC) and day of
 * week (0–7 or SUN–SAT, 0 and 7 both Sunday), each with {@code *}, lists, ranges and steps. As in cron, when both
 * day fields are restricted a day matches if either matches.
 */
public final class CronSchedule {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    /** Null for the standard 5 fields (ticks at second 0). */
    private final BitSet seconds;

    private CronSchedule(String expression, String[] f, BitSet seconds) {
        this.expression = expression;
        this.seconds = seconds;
        this.minutes = Field.parse(f[0], 0, 59, List.of(), 0, "minute");
        this.hours = Field.parse(f[1], 0, 23, List.of(), 0, "hour");
        this.daysOfMonth = Field.parse(f[2], 1, 31, List.of(), 0, "day of month");
        this.months = Field.parse(f[3], 1, 12, MONTHS, 1, "month");
        BitSet dow = Field.parse(f[4], 0, 7, DAYS, 0, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        this.daysOfWeek = dow;
        this.anyDayOfMonth = f[2].equals("*");
        this.anyDayOfWeek = f[4].equals("*");
    }

    /** Parses a schedule, or explains in one sentence what is wrong with it. */
    public static CronSchedule parse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a schedule has 5 fields (minute hour day-of-month month "
                    + "day-of-week), got " + fields.length);
        }
        return new CronSchedule(expression.trim(), fields, null);
    }

    /**
     * A 6-field schedule whose first field is the second. Not accepted from users (Scaleway's crons have 5
     * fields); it lets tests and benchmarks tick every second.
     */
    public static CronSchedule parseWithSeconds(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 6) {
            return parse(expression);
        }
        BitSet seconds = Field.parse(fields[0], 0, 59, List.of(), 0, "second");
        return new CronSchedule(expression.trim(), java.util.Arrays.copyOfRange(fields, 1, 6), seconds);
    }

    public static Optional<String> problemWith(String expression) {
        try {
            parse(expression);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** The first tick strictly after {@code after}. */
    public ZonedDateTime next(ZonedDateTime after) {
        if (seconds == null) {
            return nextMinute(after);
        }
        ZonedDateTime t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (minuteMatches(t) && seconds.nextSetBit(t.getSecond()) >= 0) {
            return t.withSecond(seconds.nextSetBit(t.getSecond()));
        }
        return nextMinute(t).withSecond(seconds.nextSetBit(0));
    }

    private boolean minuteMatches(ZonedDateTime t) {
        return months.get(t.getMonthValue()) && dayMatches(t) && hours.get(t.getHour()) && minutes.get(t.getMinute());
    }

    /** The first matching minute strictly after {@code after}'s minute. */
    private ZonedDateTime nextMinute(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new IllegalStateException("schedule " + expression + " never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** One field: a comma list of {@code *}, {@code a}, {@code a-b}, each with an optional {@code /step}. */
    private static final class Field {
        static BitSet parse(String text, int min, int max, List<String> names, int nameBase, String label) {
            BitSet bits = new BitSet(max + 1);
            for (String part : text.split(",", -1)) {
                String[] stepSplit = part.split("/", -1);
                if (stepSplit.length > 2 || part.isEmpty()) {
                    throw bad(label, text);
                }
                int step = stepSplit.length == 2 ? number(stepSplit[1], 1, max, List.of(), 0, label, text) : 1;
                int from;
                int to;
                if (stepSplit[0].equals("*")) {
                    from = min;
                    to = max;
                } else {
                    String[] range = stepSplit[0].split("-", -1);
                    if (range.length > 2) {
                        throw bad(label, text);
                    }
                    from = number(range[0], min, max, names, nameBase, label, text);
                    to = range.length == 2 ? number(range[1], min, max, names, nameBase, label, text)
                            : (stepSplit.length == 2 ? max : from);
                    if (to < from) {
                        throw new IllegalArgumentException(label + " range " + stepSplit[0] + " runs backwards");
                    }
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        private static int number(String text, int min, int max, List<String> names, int nameBase, String label,
                                  String field) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named + nameBase;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw new IllegalArgumentException(label + " " + value + " is outside " + min + "-" + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw bad(label, field);
            }
        }

        private static IllegalArgumentException bad(String label, String text) {
            return new IllegalArgumentException("the " + label + " field '" + text + "' is not valid cron syntax");
        }
    }
}
