package cn.chuangwen.documents;

import org.junit.jupiter.api.Test;

import cn.chuangwen.documents.internal.ArchiveNames;

import static org.assertj.core.api.Assertions.assertThat;

/** Names inside the archive unpack safely on every system and never collide in a folder. */
class ArchiveNamesTest {

	@Test
	void separatorsReservedCharactersAndControlsBecomeUnderscores() {
		assertThat(ArchiveNames.safe("I-5-1 市容/环境\\卫生")).isEqualTo("I-5-1 市容_环境_卫生");
		assertThat(ArchiveNames.safe("a:b*c?d\"e<f>g|h")).isEqualTo("a_b_c_d_e_f_g_h");
		assertThat(ArchiveNames.safe("bell\u0007.png")).isEqualTo("bell_.png");
		assertThat(ArchiveNames.safe("gpj\u202E.exe")).isEqualTo("gpj_.exe");
	}

	@Test
	void nothingThatClimbsOrVanishes() {
		assertThat(ArchiveNames.safe("..")).isEqualTo("_");
		assertThat(ArchiveNames.safe("../../etc/passwd")).doesNotContain("/").isEqualTo(".._.._etc_passwd");
		assertThat(ArchiveNames.safe("")).isEqualTo("_");
		assertThat(ArchiveNames.safe(null)).isEqualTo("_");
		assertThat(ArchiveNames.safe("名称. . ")).isEqualTo("名称");
		assertThat(ArchiveNames.safe("CON.png")).isEqualTo("_CON.png");
		assertThat(ArchiveNames.safe("lpt1")).isEqualTo("_lpt1");
	}

	@Test
	void longNamesAreCutKeepingTheExtension() {
		String name = "很".repeat(300) + ".jpeg";
		String safe = ArchiveNames.safe(name);
		assertThat(safe).hasSize(ArchiveNames.MAX_LENGTH).endsWith("很.jpeg");
		String emoji = "a" + "😀".repeat(100) + ".png";
		String cut = ArchiveNames.safe(emoji);
		assertThat(cut.length()).isLessThanOrEqualTo(ArchiveNames.MAX_LENGTH);
		assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 5))).isFalse();
	}

	@Test
	void namesAreUniqueWithinAFolderIgnoringCase() {
		ArchiveNames names = new ArchiveNames();
		assertThat(names.unique("沙嘴街道-12-照片.jpg")).isEqualTo("沙嘴街道-12-照片.jpg");
		assertThat(names.unique("沙嘴街道-12-照片.jpg")).isEqualTo("沙嘴街道-12-照片 (2).jpg");
		assertThat(names.unique("沙嘴街道-12-照片.JPG")).isEqualTo("沙嘴街道-12-照片 (3).JPG");
		assertThat(names.unique("a/b")).isEqualTo("a_b");
		assertThat(names.unique("a_b")).isEqualTo("a_b (2)");
	}

}
