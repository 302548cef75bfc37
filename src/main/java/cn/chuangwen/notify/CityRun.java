package cn.chuangwen.notify;

import java.time.LocalDate;

/**
 * What one reminder run did in one city: assignments that called for a reminder, messages sent,
 * messages that failed, and messages skipped because they had already gone out that day.
 */
public record CityRun(long cityId, LocalDate day, int assignments, int sent, int failed, int alreadySent) {
}
