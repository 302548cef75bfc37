package cn.chuangwen.documents.web;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.chuangwen.documents.ResponsibilityLetters;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitFigures;
import cn.chuangwen.organization.UnitView;

/** A unit's responsibility letters (责任书) on the summary tab of its record: how many, and the way to them. */
@Component
class UnitLetterFigures implements UnitFigures {

	private final ResponsibilityLetters letters;

	UnitLetterFigures(ResponsibilityLetters letters) {
		this.letters = letters;
	}

	@Override
	public List<Figure> of(CurrentUser user, UnitView unit) {
		if (!user.can(Permissions.ASSIGNMENT_READ)) {
			return List.of();
		}
		int count = letters.listFor(user, unit.id()).size();
		return List.of(new Figure(70, "record.summary.letters", String.valueOf(count), "/units/" + unit.id() + "/letters",
				null));
	}

}
