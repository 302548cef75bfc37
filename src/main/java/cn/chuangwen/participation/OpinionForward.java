package cn.chuangwen.participation;

import java.time.Instant;

import cn.chuangwen.problems.ProblemSeverity;

/**
 * How the office makes an instructed opinion a problem: the responsible unit, the severity, and
 * optionally a title (default: the category and the opinion's first words) and a deadline (default:
 * the city's rule for the severity).
 */
public record OpinionForward(Long unitId, ProblemSeverity severity, String title, Instant deadline) {
}
