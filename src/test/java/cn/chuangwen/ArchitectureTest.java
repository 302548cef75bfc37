package cn.chuangwen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import cn.chuangwen.organization.ScopeSql;

/** The shape every module keeps: a small API on top, SQL inside, servlet types only in web code. */
class ArchitectureTest {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("cn.chuangwen");

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

}
