package cn.chuangwen.participation;

import java.math.BigDecimal;

/**
 * A supervisor's opinion as filed: the category's name in the city's problem categories, the words,
 * and optionally where (WGS-84 coordinates within the city's area, and/or an address).
 */
public record OpinionDraft(String category, String text, String address, BigDecimal lat, BigDecimal lng) {
}
