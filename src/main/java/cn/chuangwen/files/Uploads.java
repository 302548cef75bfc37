package cn.chuangwen.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

/**
 * The files of a multipart request as uploads. A form's file input left empty sends a part without
 * a name, which is left out; an empty file that has a name stays, so the service refuses it as empty.
 */
public final class Uploads {

	private Uploads() {
	}

	public static List<Upload> of(List<MultipartFile> files) throws IOException {
		List<Upload> uploads = new ArrayList<>();
		if (files != null) {
			for (MultipartFile f : files) {
				if (f != null && !(f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()))) {
					uploads.add(new Upload(f.getOriginalFilename(), f.getInputStream()));
				}
			}
		}
		return uploads;
	}

}
