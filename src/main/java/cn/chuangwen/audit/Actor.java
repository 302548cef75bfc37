package cn.chuangwen.audit;

/**
 * Who acts, as the trace needs it. The signed-in principal implements this, so the trace can
 * attribute an event without knowing how accounts are modelled.
 */
public interface Actor {

	String username();

	/** The actor's unit, or null for province and installation-level accounts. */
	Long unitId();

	/** The actor's city, or null for province and installation-level accounts. */
	Long cityId();

}
