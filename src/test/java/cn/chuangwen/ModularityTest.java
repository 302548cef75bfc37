package cn.chuangwen;

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

	@Test
	void writesModuleDiagram() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
