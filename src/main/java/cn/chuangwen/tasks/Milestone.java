package cn.chuangwen.tasks;

import java.time.LocalDate;

/** A roadmap point: by this date, this percent done (倒排工期). */
public record Milestone(LocalDate date, int percent) {
}
