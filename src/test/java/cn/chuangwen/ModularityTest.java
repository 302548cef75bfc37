package cn.chuangwen;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module borders hold: no cycles, no module reaching into another's internals. */
class ModularityTest {

	static final ApplicationModules MODULES = ApplicationModules.of(ChuangwenApplication.class);

	@Test
	void modulesAreHonest() {
		MODULES.verify();
	}

	/**
	 * Official documents build on tasks (the assignments a letter lists, the evidence the archive
	 * holds), never the other way round: tasks stays usable without the documents module.
	 */
	@Test
	void tasksNeverDependsOnDocuments() {
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("cn.chuangwen.tasks..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("cn.chuangwen.documents..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("cn.chuangwen.tasks", "cn.chuangwen.documents"));
	}

	@Test
	void writesModuleDiagram() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
