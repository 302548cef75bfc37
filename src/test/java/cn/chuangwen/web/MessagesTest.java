package cn.chuangwen.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every label comes from the message bundles: Chinese and English have the same keys, every key a
 * template names exists, and no template carries visible literal text of its own.
 */
class MessagesTest {

	static final Path BUNDLES = Path.of("src/main/resources/i18n");

	static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/** Text a template may show literally: punctuation, separators, numbers, brand-neutral symbols. */
	static final Pattern NEUTRAL = Pattern.compile("[\\s\\p{Punct}·›→—、：（）0-9]*");

	@Test
	void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
		try (Stream<Path> files = Files.list(BUNDLES)) {
			for (Path zh : files.filter(p -> !p.getFileName().toString().contains("_")).toList()) {
				Path en = zh.resolveSibling(zh.getFileName().toString().replace(".properties", "_en.properties"));
				assertThat(en).as("English bundle for " + zh).exists();
				Set<String> zhKeys = keys(zh);
				Set<String> enKeys = keys(en);
				assertThat(enKeys).as("keys missing in " + en).containsAll(zhKeys);
				assertThat(zhKeys).as("keys missing in " + zh).containsAll(enKeys);
			}
		}
	}

	@Test
	void everyStaticKeyUsedByATemplateExists() throws IOException {
		Set<String> all = new TreeSet<>();
		try (Stream<Path> files = Files.list(BUNDLES)) {
			for (Path p : files.filter(p -> !p.getFileName().toString().contains("_")).toList()) {
				all.addAll(keys(p));
			}
		}
		List<String> missing = new ArrayList<>();
		Pattern key = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
		for (Path template : templates()) {
			Matcher m = key.matcher(Files.readString(template));
			while (m.find()) {
				if (!all.contains(m.group(1))) {
					missing.add(template + ": " + m.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void templatesHaveNoLiteralText() throws IOException {
		List<String> literal = new ArrayList<>();
		// Text between tags, outside elements whose text Thymeleaf replaces.
		Pattern text = Pattern.compile(">([^<>]+)<");
		for (Path template : templates()) {
			String html = Files.readString(template)
				.replaceAll("(?s)<!--.*?-->", "")
				.replaceAll("(?s)<style.*?</style>", "")
				.replaceAll("(?s)<script.*?</script>", "");
			// Elements whose content is replaced at runtime keep only placeholder text.
			html = html.replaceAll("(?s)(<[^>]*th:(text|utext|replace|insert)=[^>]*>)[^<]*", "$1");
			Matcher m = text.matcher(html);
			while (m.find()) {
				String t = m.group(1).strip();
				if (!t.isEmpty() && !NEUTRAL.matcher(t).matches() && !t.equals("English") && !t.equals("中文")) {
					literal.add(template + ": " + t);
				}
			}
		}
		assertThat(literal).isEmpty();
	}

	static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(p -> p.toString().endsWith(".html")).toList();
		}
	}

	static Set<String> keys(Path bundle) throws IOException {
		Properties p = new Properties();
		try (var reader = new InputStreamReader(Files.newInputStream(bundle), StandardCharsets.UTF_8)) {
			p.load(reader);
		}
		return new TreeSet<>(p.stringPropertyNames());
	}

}
