package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.chuangwen.files.FileKind;

/** Security checklist H2: the name must fit the content and carry no tricks. */
class FileNamesTest {

	@ParameterizedTest
	@ValueSource(strings = { "a.jpg.php", "a.php%00.jpg", "a.php\u0000.jpg", "a.JPG.", "a.jpg ", "a.jsp;.jpg",
			"a.svg", "a.html", "a.exe", "a.pdf", "a.PhP.jpg", "a.asp .jpg" })
	void refused(String name) {
		assertThatThrownBy(() -> FileNames.checked(name, FileKind.JPEG)).isInstanceOf(UploadRefused.class);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "a.JPG|a.JPG", "a.jpeg|a.jpeg", "IMG_2026.05.01.jpg|IMG_2026.05.01.jpg",
			"创文 材料 v1.2.jpg|创文 材料 v1.2.jpg", "photo|photo.jpg", "/tmp/x/../y.jpg|y.jpg",
			"C:\\fakepath\\现场.jpg|现场.jpg", "  lead.jpg|lead.jpg", ".jpg|.jpg" })
	void accepted(String name, String stored) {
		assertThat(FileNames.checked(name, FileKind.JPEG)).isEqualTo(stored);
	}

	@Test
	void extensionMustFitTheKind() {
		assertThat(FileNames.checked("x.docx", FileKind.DOCX)).isEqualTo("x.docx");
		assertThatThrownBy(() -> FileNames.checked("x.xlsx", FileKind.DOCX)).isInstanceOfSatisfying(UploadRefused.class,
				r -> assertThat(r.args()).containsExactly("DOCX"));
	}

	@Test
	void capNeverSplitsASurrogatePair() {
		String name = "a" + "😀".repeat(150) + ".png";
		String stored = FileNames.checked(name, FileKind.PNG);
		assertThat(stored.length()).isLessThanOrEqualTo(FileNames.MAX_LENGTH);
		assertThat(stored).endsWith(".png");
		assertThat(Character.isHighSurrogate(stored.charAt(stored.length() - 5))).isFalse();
	}

}
