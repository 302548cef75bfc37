package cn.chuangwen.participation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import cn.chuangwen.files.Upload;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;

/**
 * Problems of xiantao for the exposure tests, made through the problems module as people would:
 * the office enters one with a photo before, the demo liaison's community signs and rectifies it with
 * a photo after, the office passes it. Both photos are noisy pictures with EXIF GPS, so a pixelated
 * region and a stripped position can both be measured.
 */
final class ExposureFixtures {

	static final double LAT = 30.3627;

	static final double LNG = 113.454;

	static final Random RANDOM = new Random();

	record Made(long id, String code, long beforePhotoId, Long afterPhotoId, long beforeFileId, Long afterFileId) {
	}

	private final Problems problems;

	private final Units units;

	private final Logins logins;

	ExposureFixtures(Problems problems, Units units, Logins logins) {
		this.problems = problems;
		this.units = units;
		this.logins = logins;
	}

	/** A closed problem with one photo before and one after. */
	Made closed(String title) {
		return make(title, true);
	}

	/** A problem with a photo before only, still with its unit. */
	Made withoutAfter(String title) {
		return make(title, false);
	}

	private Made make(String title, boolean close) {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		long unit = units.create(office, new UnitDraft("EX" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"曝光社区" + RANDOM.nextInt(1_000_000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null))
			.id();
		long id = problems.create(office, new ProblemDraft(ProblemSource.OFFICE, "环境卫生", title, "背街小巷垃圾堆积，影响市容。",
				ProblemSeverity.GENERAL, unit, List.of(), new ProblemDraft.Place("钱沟路 3 号", null, null), null, null, null),
				true).id();
		problems.addPhotos(office, id, List.of(new Upload("现场.jpg", new ByteArrayInputStream(photo()))));
		if (close) {
			problems.sign(liaison, id);
			problems.rectify(liaison, id, "已清理干净。",
					List.of(new Upload("整改后.jpg", new ByteArrayInputStream(photo()))));
			problems.verify(office, id, Problems.Decision.PASS, null);
		}
		ProblemDetail d = problems.get(office, id);
		ProblemDetail.Photo before = d.beforePhotos().get(0);
		ProblemDetail.Photo after = d.rectifications().isEmpty() ? null : d.rectifications().get(0).photos().get(0);
		return new Made(id, d.problem().code(), before.id(), after == null ? null : after.id(), before.fileId(),
				after == null ? null : after.fileId());
	}

	/** A 400×300 picture of random pixels (every region full of detail) with the GPS position in its EXIF. */
	static byte[] photo() {
		BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, RANDOM.nextInt(0x1000000));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ExifJpeg.photo().place(LAT, LNG).into(out.toByteArray());
	}

	/** The variance of the grey level inside a rectangle given in fractions of the picture. */
	static double variance(byte[] jpeg, double fx, double fy, double fw, double fh) {
		BufferedImage image;
		try {
			image = ImageIO.read(new ByteArrayInputStream(jpeg));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int x0 = (int) Math.ceil(fx * image.getWidth());
		int y0 = (int) Math.ceil(fy * image.getHeight());
		int x1 = (int) Math.floor((fx + fw) * image.getWidth());
		int y1 = (int) Math.floor((fy + fh) * image.getHeight());
		double sum = 0;
		double squares = 0;
		long n = 0;
		for (int y = y0; y < y1; y++) {
			for (int x = x0; x < x1; x++) {
				int rgb = image.getRGB(x, y);
				double grey = ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3.0;
				sum += grey;
				squares += grey * grey;
				n++;
			}
		}
		double mean = sum / n;
		return squares / n - mean * mean;
	}

}
