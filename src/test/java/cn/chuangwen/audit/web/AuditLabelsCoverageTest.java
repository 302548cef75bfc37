package cn.chuangwen.audit.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every action and object type the code records has a label in the Chinese bundles: the trace
 * reads in words, and the trace page's filters offer only labelled codes (AuditLabels).
 */
class AuditLabelsCoverageTest {

	static final Pattern ACTION = Pattern.compile("AuditEntry\\.of\\(\"([A-Z0-9_]+)\"\\)");

	static final Pattern OBJECT = Pattern.compile("\\.object\\(\"([A-Za-z_]+)\"");

	@Test
	void everyRecordedActionAndObjectTypeIsLabelled() throws IOException {
		Properties labels = new Properties();
		try (Stream<Path> bundles = Files.list(Path.of("src/main/resources/i18n"))) {
			for (Path b : bundles.filter(p -> !p.getFileName().toString().contains("_")).toList()) {
				try (Reader in = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
					labels.load(in);
				}
			}
		}
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
				String code = Files.readString(f);
				Matcher a = ACTION.matcher(code);
				while (a.find()) {
					missing.add("audit.action." + a.group(1));
				}
				Matcher o = OBJECT.matcher(code);
				while (o.find()) {
					missing.add("audit.objectType." + o.group(1));
				}
			}
		}
		assertThat(missing).as("recorded codes").isNotEmpty();
		missing.removeIf(labels::containsKey);
		assertThat(missing).as("recorded without a label in i18n/*.properties").isEmpty();
	}

}
