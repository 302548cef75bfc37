package cn.chuangwen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;

/** The shape every module keeps: a small API on top, SQL inside, servlet types only in web code. */
class ArchitectureTest {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("cn.chuangwen");

	/**
	 * Official documents build on tasks (the assignments a letter lists, the evidence the archive
	 * holds), never the other way round: tasks stays usable without the documents module.
	 */
	@Test
	void tasksNeverDependsOnDocuments() {
		noClasses().that()
			.resideInAPackage("cn.chuangwen.tasks..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("cn.chuangwen.documents..")
			.check(CLASSES);
	}

	/**
	 * Domain services never see the servlet request or response: controllers, view helpers and
	 * filters do. The security and throttle packages are the sign-in, token and rate-limit filters
	 * and handlers of the servlet filter chain, so they are web code under another name.
	 */
	@Test
	void onlyWebCodeUsesServletTypes() {
		noClasses().that()
			.resideOutsideOfPackages("..web..", "cn.chuangwen.organization.security..",
					"cn.chuangwen.organization.throttle..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("jakarta.servlet..")
			.check(CLASSES);
	}

	/**
	 * A module's top package is its API: facades and records. SQL lives in a store under
	 * {@code internal}. {@link ScopeSql} is the exception by design: the one place a data scope
	 * becomes a predicate, which every module's stores bind onto their own statements.
	 */
	@Test
	void moduleApisHoldNoSql() {
		noClasses().that()
			.resideInAPackage("cn.chuangwen.*")
			.and()
			.resideOutsideOfPackage("cn.chuangwen.shared")
			.and()
			.doNotBelongToAnyOf(ScopeSql.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.jdbc..")
			.check(CLASSES);
	}

	/**
	 * SQL stores take a record, not a row of positional arguments: {@code insert(a, b, c, d, e, f, g, h, i)}
	 * swaps two ids without a compiler noticing. Seven leaves room for a query's city, scope, filter,
	 * day, settings and order, which are each a type of their own.
	 */
	@Test
	void storeMethodsTakeFewParameters() {
		methods().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(Repository.class)
			.should(new ArchCondition<JavaMethod>("take at most 7 parameters") {
				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					if (method.getRawParameterTypes().size() > 7) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " takes " + method.getRawParameterTypes().size() + " parameters"));
					}
				}
			})
			.check(CLASSES);
	}

	/**
	 * Records in a module's API read by name, not by position: beyond twelve components a record
	 * holds several things and should group them (like {@code LetterView.Issued} and {@code Signed}).
	 * The views listed were wide before this rule; regroup one and take it off the list.
	 */
	@Test
	void apiRecordsStayNarrow() {
		Set<String> wideBeforeTheRule = Set.of("cn.chuangwen.tasks.ReportView", "cn.chuangwen.indicators.IndicatorView",
				"cn.chuangwen.audit.AuditEventView", "cn.chuangwen.organization.UnitView",
				"cn.chuangwen.organization.UserView");
		classes().that()
			.resideInAPackage("cn.chuangwen.*")
			.should(new ArchCondition<JavaClass>("have at most 12 record components") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					Class<?> c = type.reflect();
					if (c.isRecord() && c.getRecordComponents().length > 12
							&& !wideBeforeTheRule.contains(type.getName())) {
						events.add(SimpleConditionEvent.violated(type,
								type.getName() + " has " + c.getRecordComponents().length + " components"));
					}
				}
			})
			.check(CLASSES);
	}

}
