package cn.chuangwen.publicity;

/**
 * The seven kinds of demonstration site (示范点, Tianmen's T5: "社区、学校等七种宣传模式"): each kind
 * has its own way of showing the creation's publicity, which the named sites set as the example.
 */
public enum SiteKind {

	COMMUNITY, SCHOOL, HOSPITAL, MARKET, ENTERPRISE, WINDOW_UNIT, PUBLIC_SPACE;

	public String messageKey() {
		return "site.kind." + name();
	}

}
