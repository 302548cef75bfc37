package cn.chuangwen.organization.security;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/** A QR code as inline SVG, for TOTP enrolment (no image endpoint, nothing cached by the browser). */
public final class QrCode {

	private QrCode() {
	}

	public static String svg(String text) {
		try {
			BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
			StringBuilder path = new StringBuilder();
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					if (m.get(x, y)) {
						path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
					}
				}
			}
			return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 " + m.getWidth() + " "
					+ m.getHeight() + "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"100%\" height=\"100%\" "
					+ "fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
