package cn.chuangwen.publicity;

/** What the office enters for an outlet (JSON or form); checked by {@link MediaOutlets}. */
public record OutletDraft(String name, String kind, String measure, Long unitId) {
}
