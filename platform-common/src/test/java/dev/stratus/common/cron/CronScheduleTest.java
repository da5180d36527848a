package dev.stratus.common.cron;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronScheduleTest {
    private static final ZonedDateTime FRIDAY_NOON = ZonedDateTime.parse("2026-11-20T12:00:30Z");

    @Test
    void nextTicksFollowEachField() {
        assertEquals(at("2026-11-20T12:01:00Z"), CronSchedule.parse("* * * * *").next(FRIDAY_NOON));
        assertEquals(at("2026-11-20T12:05:00Z"), CronSchedule.parse("*/5 * * * *").next(FRIDAY_NOON));
        assertEquals(at("2026-11-23T09:00:00Z"), CronSchedule.parse("0 9 * * MON-FRI").next(FRIDAY_NOON),
                "the weekend is skipped");
        assertEquals(at("2027-01-01T00:00:00Z"), CronSchedule.parse("0 0 1 JAN *").next(FRIDAY_NOON));
        assertEquals(at("2026-11-22T00:00:00Z"), CronSchedule.parse("0 0 * * 7").next(FRIDAY_NOON), "7 is Sunday");
        assertEquals(at("2026-11-20T12:15:00Z"), CronSchedule.parse("15,30,45 12 * * *").next(FRIDAY_NOON));
        assertEquals(at("2027-02-28T00:00:00Z"), CronSchedule.parse("0 0 28 2 *").next(FRIDAY_NOON));
    }

    @Test
    void aSecondsFieldTicksWithinTheMinute() {
        assertEquals(at("2026-11-20T12:00:31Z"), CronSchedule.parseWithSeconds("* * * * * *").next(FRIDAY_NOON));
        assertEquals(at("2026-11-20T12:00:40Z"), CronSchedule.parseWithSeconds("*/10 * * * * *").next(FRIDAY_NOON));
        assertEquals(at("2026-11-20T12:05:15Z"),
                CronSchedule.parseWithSeconds("15 */5 * * * *").next(FRIDAY_NOON), "next matching minute, then second");
        assertEquals(at("2026-11-20T12:01:00Z"), CronSchedule.parseWithSeconds("* * * * *").next(FRIDAY_NOON),
                "five fields keep their meaning");
    }

    @Test
    void restrictedDayFieldsMatchEitherAsInCron() {
        // the 1st of the month or any Monday: Monday 23 November comes first
        assertEquals(at("2026-11-23T00:00:00Z"), CronSchedule.parse("0 0 1 * 1").next(FRIDAY_NOON));
    }

    @Test
    void invalidSchedulesExplainThemselves() {
        for (String bad : new String[]{"* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
                "* * * * 8", "a * * * *", "5-1 * * * *", "*/0 * * * *", "1,,2 * * * *", "* * * * * *"}) {
            var problem = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(bad), bad);
            assertTrue(CronSchedule.problemWith(bad).isPresent());
            assertTrue(!problem.getMessage().isBlank());
        }
    }

    private static ZonedDateTime at(String text) {
        return ZonedDateTime.parse(text);
    }
}
