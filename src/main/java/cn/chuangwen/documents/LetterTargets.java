package cn.chuangwen.documents;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.documents.internal.LetterStore;

/**
 * The targets the city's responsibility letters (责任状, T9) committed units to, for another
 * module's computation (the evaluation's LETTER_TARGETS source). Not a read for a person: the
 * caller scopes what it shows. A target is one item of a letter as issued: the assignment it names
 * and the deadline the letter gave it (the copy, so a later change of the assignment's deadline
 * does not move what the unit signed up to).
 */
@Service
public class LetterTargets {

	/** One item of a unit's letter: the assignment and the deadline in the letter. */
	public record Target(long unitId, long assignmentId, LocalDate deadline) {
	}

	private final LetterStore store;

	LetterTargets(LetterStore store) {
		this.store = store;
	}

	/** The items of the city's letters of the years {@code fromYear}–{@code toYear} due before {@code end}. */
	@Transactional(readOnly = true)
	public List<Target> dueBefore(long cityId, int fromYear, int toYear, LocalDate end) {
		return store.targets(cityId, fromYear, toYear, end);
	}

	/** Whether the city has issued any letter (a scheme may then use the source). */
	@Transactional(readOnly = true)
	public boolean any(long cityId) {
		return store.anyLetter(cityId);
	}

}
