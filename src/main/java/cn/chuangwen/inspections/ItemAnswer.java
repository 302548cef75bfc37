package cn.chuangwen.inspections;

/**
 * One checklist item's answer in a submission: {@code count} is the number of occurrences found
 * (required, at least 1, for {@link ItemOutcome#DEDUCT}; ignored otherwise), {@code note} optional.
 */
public record ItemAnswer(long itemId, ItemOutcome outcome, Integer count, String note) {
}
