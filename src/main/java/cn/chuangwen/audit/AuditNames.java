package cn.chuangwen.audit;

import java.util.Optional;

/**
 * Names for the ids and usernames the trace keeps, so trace pages say who and which unit in words.
 * The organisation module implements it (the trace itself depends on no other module); a trace
 * page without an implementation shows the stored ids.
 */
public interface AuditNames {

	/** A name with the code behind it (shown on hover). */
	record Named(String name, String code) {
	}

	/** The display name of an account, by username. */
	Optional<Named> person(String username);

	/** A unit's name and code, by id. */
	Optional<Named> unit(long unitId);

	/** A city's name and code, by id. */
	Optional<Named> city(long cityId);

}
