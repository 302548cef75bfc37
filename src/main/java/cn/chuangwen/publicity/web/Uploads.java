package cn.chuangwen.publicity.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.publicity.Upload;

/** The files of a multipart request as the module's uploads, the empty file input of a form left out. */
final class Uploads {

	private Uploads() {
	}

	static List<Upload> of(List<MultipartFile> files) throws IOException {
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
