package cn.chuangwen.projects;

import java.time.Instant;

/** A leader's decision on a request (an increase, a plan version): who, when and why; all null while pending. */
public record Decision(String by, Instant at, String note) {
}
