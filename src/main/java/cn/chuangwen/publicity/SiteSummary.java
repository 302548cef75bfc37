package cn.chuangwen.publicity;

import java.math.BigDecimal;

/** A named demonstration site in short, for other features to point at (a campaign entry): no photos, no people. */
public record SiteSummary(long id, String name, SiteKind kind, BigDecimal latitude, BigDecimal longitude) {
}
