package cn.chuangwen.audit.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The choices of the trace filters, so people pick "新建单位" instead of typing UNIT_CREATE: every
 * action and object type that has a label in the bundles (MessagesTest keeps every recorded action
 * labelled), in code order so related actions stay together.
 */
@Component
class AuditLabels {

	/** A filter choice: the stored code and the label shown. */
	record Choice(String code, String label) {
	}

	static final String ACTION = "audit.action.";

	static final String OBJECT_TYPE = "audit.objectType.";

	private final List<String> actions;

	private final List<String> objectTypes;

	private final AuditWords words;

	AuditLabels(AuditWords words) {
		this.words = words;
		TreeSet<String> a = new TreeSet<>(), o = new TreeSet<>();
		try {
			for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
				if (r.getFilename() == null || r.getFilename().contains("_")) {
					continue; // the Chinese bundles hold every key; the others mirror them
				}
				Properties p = new Properties();
				try (Reader in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
					p.load(in);
				}
				for (String key : p.stringPropertyNames()) {
					if (key.startsWith(ACTION)) {
						a.add(key.substring(ACTION.length()));
					}
					else if (key.startsWith(OBJECT_TYPE)) {
						o.add(key.substring(OBJECT_TYPE.length()));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.actions = List.copyOf(a);
		this.objectTypes = List.copyOf(o);
	}

	/** The actions, labelled in the reader's language. */
	List<Choice> actions() {
		List<Choice> out = new ArrayList<>();
		actions.forEach(code -> out.add(new Choice(code, words.action(code))));
		return out;
	}

	/** The object types, labelled in the reader's language. */
	List<Choice> objectTypes() {
		List<Choice> out = new ArrayList<>();
		objectTypes.forEach(code -> out.add(new Choice(code, words.objectType(code))));
		return out;
	}

}
