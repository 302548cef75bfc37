package cn.chuangwen.evaluation;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.documents.BulletinDocuments;
import cn.chuangwen.documents.TableBulletin;
import cn.chuangwen.organization.Cities;

/**
 * The bulletin (通报) of a published evaluation period (issue 10 §4), on the city's official layout
 * with the number taken at publication (e.g. 潜创考〔2026〕1号): one section per ranking group with
 * the ranked units (rank, unit, total, band), the red list (红榜, the top {@value #LIST_SIZE}), the
 * black list (黑榜, the bottom {@value #LIST_SIZE}) and the units not ranked. Public like the results
 * page: empty (404) for an unknown city or period and before publication. Always in Chinese.
 */
@Service
public class EvaluationBulletins {

	/** How many units a group's red list (红榜) and black list (黑榜) name. */
	public static final int LIST_SIZE = 3;

	private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

	private static final String DASH = "—";

	private final Scores scores;

	private final Cities cities;

	private final BulletinDocuments documents;

	private final MessageSource messages;

	EvaluationBulletins(Scores scores, Cities cities, BulletinDocuments documents, MessageSource messages) {
		this.scores = scores;
		this.cities = cities;
		this.documents = documents;
		this.messages = messages;
	}

	/** The bulletin of a published period, ready to print; empty for an unknown city or period or before publication. */
	@Transactional(readOnly = true)
	public Optional<TableBulletin> published(String cityCode, String period) {
		return scores.published(cityCode, period)
			.filter(r -> r.period().bulletinNumber() != null)
			.map(r -> bulletin(cities.byCode(cityCode.trim()).orElseThrow().name(), r));
	}

	/** Writes the bulletin as PDF to {@code out}, which stays open. */
	public void write(TableBulletin bulletin, OutputStream out) {
		documents.write(bulletin, out);
	}

	/** The download's file name: number and title. */
	public String fileName(TableBulletin bulletin) {
		return documents.fileName(bulletin);
	}

	/** A group's red list: its top ranked lines (at most {@value #LIST_SIZE}), best first. */
	public static List<ScoreLine> red(List<ScoreLine> lines) {
		List<ScoreLine> ranked = lines.stream().filter(l -> l.rank() != null).toList();
		return ranked.subList(0, Math.min(LIST_SIZE, ranked.size()));
	}

	/** A group's black list: its bottom ranked lines (at most {@value #LIST_SIZE}, none already on the red list). */
	public static List<ScoreLine> black(List<ScoreLine> lines) {
		List<ScoreLine> ranked = lines.stream().filter(l -> l.rank() != null).toList();
		return ranked.subList(Math.max(Math.min(LIST_SIZE, ranked.size()), ranked.size() - LIST_SIZE), ranked.size());
	}

	TableBulletin bulletin(String cityName, Scores.Result r) {
		PeriodView p = r.period();
		List<String> columns = List.of(text("evaluation.col.rank"), text("evaluation.col.unit"), text("evaluation.col.total"),
				text("evaluation.col.band"));
		List<TableBulletin.Section> sections = new ArrayList<>();
		for (Map.Entry<String, List<ScoreLine>> g : Scores.byGroup(r.lines()).entrySet()) {
			List<List<String>> rows = new ArrayList<>();
			List<String> notRanked = new ArrayList<>();
			for (ScoreLine l : g.getValue()) {
				if (l.rank() == null) {
					notRanked.add(l.unitName());
					continue;
				}
				rows.add(List.of(l.rank().toString(), l.unitName(), l.total() == null ? DASH : l.total().toPlainString(),
						l.band() == null ? DASH : l.band().name()));
			}
			List<String> notes = new ArrayList<>();
			List<ScoreLine> red = red(g.getValue());
			if (!red.isEmpty()) {
				notes.add(text("evaluation.bulletin.red", names(red)));
				List<ScoreLine> black = black(g.getValue());
				if (!black.isEmpty()) {
					notes.add(text("evaluation.bulletin.black", names(black)));
				}
			}
			if (!notRanked.isEmpty()) {
				notes.add(text("evaluation.bulletin.notRanked", String.join("、", notRanked)));
			}
			sections.add(new TableBulletin.Section(text("evaluation.bulletin.group", g.getKey()), columns,
					List.of(10, 50, 20, 20), rows, text("evaluation.bulletin.noneRanked"), notes));
		}
		return new TableBulletin(p.bulletinNumber(), documents.issuingBody(cityName), text("evaluation.bulletin.title", p.code()),
				text("evaluation.bulletin.intro", p.code(), p.start().toString(), p.end().minusDays(1).toString()),
				p.publishedAt(), sections, text("evaluation.bulletin.closing"));
	}

	private static String names(List<ScoreLine> lines) {
		return String.join("、", lines.stream().map(ScoreLine::unitName).toList());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, ZH);
	}

}
