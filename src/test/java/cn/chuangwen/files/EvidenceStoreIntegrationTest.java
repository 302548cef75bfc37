package cn.chuangwen.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.internal.BlobStore;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.ExifJpeg;

/** Evidence stored and read back through the real context and database (default root ./data/files). */
@IntegrationTest
class EvidenceStoreIntegrationTest {

	@Autowired
	EvidenceStore store;

	@Autowired
	BlobStore blobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	long cityId;

	@BeforeEach
	void city() {
		cityId = jdbc.sql("select min(id) from city").query(Long.class).single();
	}

	/** A PNG no other run has stored: a unique text chunk before IEND changes the hash, not the picture. */
	static byte[] uniquePng() {
		byte[] png = EvidenceFixtures.png(48, 32);
		byte[] tail = java.util.Arrays.copyOfRange(png, png.length - 12, png.length);
		byte[] text = ("tEXt" + "run\0" + UUID.randomUUID()).getBytes(StandardCharsets.ISO_8859_1);
		var chunk = new ByteArrayOutputStream();
		chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(text.length - 4).array());
		chunk.writeBytes(text);
		var crc = new java.util.zip.CRC32();
		crc.update(text);
		chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
		return EvidenceFixtures.concat(EvidenceFixtures.concat(java.util.Arrays.copyOf(png, png.length - 12),
				chunk.toByteArray()), tail);
	}

	@Test
	void storesAndReadsBack() throws Exception {
		byte[] png = uniquePng();

		StoredFile stored = transactions
			.execute(s -> store.store(cityId, "office.admin", "现场照片.png", new ByteArrayInputStream(png)));

		StoredFile found = store.find(stored.id()).orElseThrow();
		assertThat(found).isEqualTo(stored);
		assertThat(found.kind()).isEqualTo(FileKind.PNG);
		assertThat(found.thumbnail()).isTrue();
		assertThat(store.findAll(List.of(stored.id(), -1L, stored.id()))).containsExactly(stored);
		assertThat(store.findAll(List.of())).isEmpty();
		assertThat(store.find(-1L)).isEmpty();

		var out = new ByteArrayOutputStream();
		store.copyTo(found, out);
		assertThat(out.toByteArray()).isEqualTo(png);
		try (InputStream thumb = store.openThumbnail(found).orElseThrow()) {
			assertThat(thumb.readAllBytes()).startsWith((byte) 0xFF, (byte) 0xD8);
		}

		Integer width = jdbc.sql("select width from stored_file where id = :id").param("id", stored.id())
			.query(Integer.class).single();
		assertThat(width).isEqualTo(48);
		Long events = jdbc.sql("""
				select count(*) from audit_event
				where action = 'FILE_UPLOAD' and object_type = 'file' and object_id = :id and city_id = :city
				""").param("id", String.valueOf(stored.id())).param("city", cityId).query(Long.class).single();
		assertThat(events).isEqualTo(1);
	}

	@Test
	void thePlaceOfAPhotoRoundTrips() {
		GeoPoint place = GeoPoint.of(-33.856784, 151.215297);
		byte[] photo = ExifJpeg.photo().place(place).description(UUID.randomUUID().toString()).bytes();
		byte[] plain = ExifJpeg.photo().description(UUID.randomUUID().toString()).bytes();

		StoredFile located = transactions
			.execute(s -> store.store(cityId, "office.admin", "现场.jpg", new ByteArrayInputStream(photo)));
		StoredFile unlocated = transactions
			.execute(s -> store.store(cityId, "office.admin", "无位置.jpg", new ByteArrayInputStream(plain)));

		assertThat(located.place()).isEqualTo(place);
		assertThat(store.find(located.id()).orElseThrow()).isEqualTo(located);
		assertThat(store.find(unlocated.id()).orElseThrow().place()).isNull();
		assertThat(store.findAll(List.of(located.id(), unlocated.id()))).extracting(StoredFile::place)
			.containsExactly(place, null);
		var row = jdbc.sql("select latitude, longitude from stored_file where id = :id").param("id", located.id())
			.query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2))).single();
		assertThat(row).containsExactly(new java.math.BigDecimal("-33.856784"), new java.math.BigDecimal("151.215297"));
	}

	@Test
	void sameContentTwiceIsTwoRowsOverOneBlob() {
		byte[] png = uniquePng();
		StoredFile a = store.store(cityId, "u", "a.png", new ByteArrayInputStream(png));
		StoredFile b = store.store(cityId, "u", "b.png", new ByteArrayInputStream(png));

		assertThat(b.id()).isNotEqualTo(a.id());
		assertThat(b.sha256()).isEqualTo(a.sha256());
		assertThat(store.findAll(List.of(b.id(), a.id()))).extracting(StoredFile::name).containsExactly("a.png", "b.png");
	}

	@Test
	void contentTheCallerHoldsIsAnsweredWithItsFileAndNotStoredAgain() {
		byte[] png = uniquePng();
		StoredFile first = store.store(cityId, "u", "first.png", new ByteArrayInputStream(png));
		long rows = jdbc.sql("select count(*) from stored_file").query(Long.class).single();
		long uploads = jdbc.sql("select count(*) from audit_event where action = 'FILE_UPLOAD'").query(Long.class).single();
		List<String> asked = new java.util.ArrayList<>();

		StoredFile again = store.store(cityId, "u", "retry.png", new ByteArrayInputStream(png), sha -> {
			asked.add(sha);
			return java.util.Optional.of(first.id());
		});

		assertThat(asked).containsExactly(first.sha256());
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.name()).isEqualTo("first.png");
		assertThat(jdbc.sql("select count(*) from stored_file").query(Long.class).single()).isEqualTo(rows);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'FILE_UPLOAD'").query(Long.class).single())
			.isEqualTo(uploads);
		// a caller that answers a file of other content (or none) gets the upload stored as usual
		StoredFile other = store.store(cityId, "u", "other.png", new ByteArrayInputStream(uniquePng()),
				sha -> java.util.Optional.of(first.id()));
		assertThat(other.id()).isNotEqualTo(first.id());
		assertThat(other.sha256()).isNotEqualTo(first.sha256());
	}

	@Test
	void callersRollbackRemovesTheRowAndTheBlobsItWrote() throws Exception {
		byte[] png = uniquePng();
		StoredFile stored = transactions.execute(s -> {
			StoredFile f = store.store(cityId, "u", "gone.png", new ByteArrayInputStream(png));
			s.setRollbackOnly();
			return f;
		});

		assertThat(store.find(stored.id())).isEmpty();
		String sha = stored.sha256();
		assertThat(blobs.exists(EvidenceStore.blobKey(sha))).isFalse();
		assertThat(blobs.exists(EvidenceStore.thumbnailKey(sha))).isFalse();
	}

	@Test
	void aRollbackKeepsContentThatACommittedRowHolds() throws Exception {
		byte[] png = uniquePng();
		StoredFile kept = transactions
			.execute(s -> store.store(cityId, "u", "kept.png", new ByteArrayInputStream(png)));
		// The same content again, in a transaction that rolls back: the first row still needs the blob.
		transactions.executeWithoutResult(s -> {
			store.store(cityId, "u", "again.png", new ByteArrayInputStream(png));
			s.setRollbackOnly();
		});

		assertThat(blobs.exists(EvidenceStore.blobKey(kept.sha256()))).isTrue();
		var out = new ByteArrayOutputStream();
		store.copyTo(kept, out);
		assertThat(out.toByteArray()).isEqualTo(png);
	}

	@Test
	void badFileChangesNothing() {
		long before = jdbc.sql("select count(*) from stored_file").query(Long.class).single();

		assertThatThrownBy(() -> store.store(cityId, "u", "x.jpg",
				new ByteArrayInputStream("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(InvalidInputException.class);

		assertThat(jdbc.sql("select count(*) from stored_file").query(Long.class).single()).isEqualTo(before);
	}

}
