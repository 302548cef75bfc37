package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every permission the security administrator can grant has a label in both languages: the role
 * page builds its keys from the codes ({@code permission.<code>}), so a missing one shows as "??".
 */
class PermissionLabelsTest {

	@Test
	void everyPermissionIsLabelledInChineseAndEnglish() throws IOException {
		Properties chinese = bundles(name -> !name.contains("_"));
		Properties english = bundles(name -> name.endsWith("_en.properties"));
		List<String> keys = Permissions.ALL.stream().map(p -> "permission." + p).toList();
		assertThat(keys.stream().filter(k -> !chinese.containsKey(k)).toList()).as("without a Chinese label").isEmpty();
		assertThat(keys.stream().filter(k -> !english.containsKey(k)).toList()).as("without an English label").isEmpty();
	}

	private static Properties bundles(Predicate<String> named) throws IOException {
		Properties labels = new Properties();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
			for (Path b : files.filter(p -> named.test(p.getFileName().toString())).toList()) {
				try (Reader in = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
					labels.load(in);
				}
			}
		}
		return labels;
	}

}
