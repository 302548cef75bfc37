package cn.chuangwen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

import cn.chuangwen.support.BrowserTest;

/**
 * Every test runs in exactly one surefire execution (pom.xml): browser journeys by their path, tests
 * that start the application by the tag {@value IntegrationTest#TAG}, everything else in the fast
 * {@code ./mvnw test}. A full-context test without the tag would slow {@code ./mvnw test} down
 * again; a test surefire's names do not pick would never run at all.
 */
class TestPhasesTest {

	/**
	 * Our test classes only, read from their folder: scanning the class path for the package, or
	 * resolving every library class they touch, would cost more than the checks.
	 */
	static final JavaClasses TESTS = ArchConfiguration.withThreadLocalScope(config -> {
		config.setResolveMissingDependenciesFromClassPath(false);
		return new ClassFileImporter().importPath(testClassesFolder());
	});

	/** Starting the application in this JVM or another one: what only integration tests may do. */
	static final Set<String> STARTS_THE_APP = Set.of("org.springframework.boot.SpringApplication",
			"org.springframework.boot.builder.SpringApplicationBuilder", "java.lang.ProcessBuilder",
			"cn.chuangwen.shared.database.RunningApp");

	@Test
	void everyTestThatStartsTheApplicationIsTaggedIntegration() {
		List<String> untagged = testClasses().filter(c -> !browser(c))
			.filter(TestPhasesTest::startsTheApplication)
			.filter(c -> !tags(c).contains(IntegrationTest.TAG))
			.map(JavaClass::getName)
			.toList();
		assertThat(untagged).as("add @IntegrationTest, or @Tag(IntegrationTest.TAG) to a test of its own context")
			.isEmpty();
	}

	@Test
	void theRuleSeesTheTestsItGuards() {
		List<String> integration = testClasses().filter(c -> !browser(c))
			.filter(TestPhasesTest::startsTheApplication)
			.map(JavaClass::getSimpleName)
			.toList();
		assertThat(integration).contains("SmokeTest", "EndpointRoleMatrixTest", "ThrottleIntegrationTest",
				"RemindersIntegrationTest", "ImportMemoryTest", "CrashDurabilityIntegrationTest",
				"EmbeddedBackupIntegrationTest");
		assertThat(integration).doesNotContain("TestPhasesTest", "MessagesTest", "ModularityTest", "LetterPdfTest");
	}

	@Test
	void browserTestsLiveWhereTheBrowserExecutionLooks() {
		List<String> astray = testClasses().filter(c -> c.isAssignableTo(BrowserTest.class))
			.filter(c -> !browser(c))
			.map(JavaClass::getName)
			.toList();
		assertThat(astray).as("name it *BrowserTest or put it in a browser package").isEmpty();
	}

	@Test
	void surefirePicksEveryTestClassByItsName() {
		List<String> unnamed = testClasses().map(JavaClass::getSimpleName)
			.filter(n -> !(n.endsWith("Test") || n.endsWith("Tests") || n.endsWith("TestCase") || n.startsWith("Test")))
			.toList();
		assertThat(unnamed).as("surefire runs only *Test, *Tests, *TestCase and Test*").isEmpty();
	}

	static Path testClassesFolder() {
		try {
			return Path.of(TestPhasesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Concrete top-level classes with a test method, their own or inherited. */
	static Stream<JavaClass> testClasses() {
		return TESTS.stream()
			.filter(JavaClass::isTopLevelClass)
			.filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
			.filter(c -> Stream.of(c.reflect().getMethods(), c.reflect().getDeclaredMethods())
				.flatMap(Stream::of)
				.anyMatch(m -> AnnotationSupport.isAnnotated(m, Testable.class)));
	}

	static boolean browser(JavaClass test) {
		return test.getPackageName().contains(".browser") || test.getSimpleName().endsWith("BrowserTest");
	}

	/** Top-level test classes whose code, nested classes and lambdas included, starts the application. */
	static final Set<JavaClass> STARTING = TESTS.stream()
		.filter(c -> c.getDirectDependenciesFromSelf()
			.stream()
			.anyMatch(d -> STARTS_THE_APP.contains(d.getTargetClass().getName())))
		.map(TestPhasesTest::topLevel)
		.collect(Collectors.toSet());

	static boolean startsTheApplication(JavaClass test) {
		return STARTING.contains(test)
				|| MergedAnnotations.from(test.reflect(), SearchStrategy.TYPE_HIERARCHY).isPresent(SpringBootTest.class);
	}

	static JavaClass topLevel(JavaClass c) {
		JavaClass top = c;
		while (top.getEnclosingClass().isPresent()) {
			top = top.getEnclosingClass().get();
		}
		return top;
	}

	/** The tags as JUnit finds them: on the class, on its annotations, inherited ones. */
	static Set<String> tags(JavaClass test) {
		return AnnotationSupport.findRepeatableAnnotations(test.reflect(), Tag.class)
			.stream()
			.map(Tag::value)
			.collect(Collectors.toSet());
	}

}
