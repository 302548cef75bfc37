package cn.chuangwen.publicity;

import java.math.BigDecimal;
import java.util.List;

/** A named site as anyone sees it: no person named, only the public photo copies (by their ids). */
public record PublicSite(long id, String cityCode, String name, SiteKind kind, String unitName, String address,
		BigDecimal latitude, BigDecimal longitude, String description, Integer yearNamed, List<Long> photos) {
}
