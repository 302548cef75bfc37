package cn.chuangwen.participation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.OpinionState;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;

/** Request parameters of the opinion and round pages and API, read into values or field problems. */
final class OpinionParams {

	private OpinionParams() {
	}

	/** The photos sent, skipping the empty part a form sends when no file was chosen. */
	static List<CitizenReports.Photo> photos(List<MultipartFile> files) throws IOException {
		List<CitizenReports.Photo> photos = new ArrayList<>();
		if (files != null) {
			for (MultipartFile f : files) {
				if (f != null && !(f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()))) {
					photos.add(new CitizenReports.Photo(f.getOriginalFilename(), f.getInputStream()));
				}
			}
		}
		return photos;
	}

	static BigDecimal coordinate(String field, String text, List<FieldProblem> bad) {
		return GeoPoint.readCoordinate(field, text, bad);
	}

	/**
	 * A moment: ISO with an offset ({@code 2026-12-31T18:00:00+08:00}), a date-time field's value in
	 * Beijing time ({@code 2026-12-31T18:00}), or a date meaning its last second in Beijing.
	 */
	static Instant moment(String field, String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.trim();
		try {
			if (t.length() <= 10) {
				return LocalDate.parse(t).atTime(LocalTime.of(23, 59, 59)).atZone(Problems.ZONE).toInstant();
			}
			if (t.length() <= 19 && !t.endsWith("Z")) {
				return LocalDateTime.parse(t).atZone(Problems.ZONE).toInstant();
			}
			return OffsetDateTime.parse(t).toInstant();
		}
		catch (DateTimeException ex) {
			bad.add(FieldProblem.of(field, "opinion.error.moment"));
			return null;
		}
	}

	static LocalDate day(String field, String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeException ex) {
			bad.add(FieldProblem.of(field, "opinion.error.day"));
			return null;
		}
	}

	static OpinionState state(String text, List<FieldProblem> bad) {
		return choice("state", OpinionState.class, text, bad);
	}

	static ProblemSeverity severity(String text, List<FieldProblem> bad) {
		return choice("severity", ProblemSeverity.class, text, bad);
	}

	private static <E extends Enum<E>> E choice(String field, Class<E> type, String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		for (E e : type.getEnumConstants()) {
			if (e.name().equals(text.trim())) {
				return e;
			}
		}
		bad.add(FieldProblem.of(field, "opinion.error.choice"));
		return null;
	}

}
