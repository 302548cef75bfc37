package cn.chuangwen.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.files.Upload;
import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.internal.ElectronicArchive;
import cn.chuangwen.tasks.ProgressReports;

/**
 * Benchmark (issue 3 §8): the electronic archive streams at disk speed with the heap below
 * 256 MB. Starts the application on an H2 file database and a blob store under
 * {@code bench.dir} (default /tmp/chuangwen-archive-bench), imports the sample indicator system,
 * assigns its leaves to xiantao's first town, and has the town report {@code bench.files}
 * (default 1,000) distinct PNGs of random pixels of about {@code bench.fileSize} bytes (default
 * 1 MiB), four per report, every report approved by the office: about 1 GB of evidence through
 * the real upload path. Then it reads every evidence blob once to /dev/null (what the disk, or
 * the page cache, gives) and streams the archive through {@link ElectronicArchive#export} to
 * /dev/null, {@code bench.runs} times, printing MB/s and the heap: the peak of the heap pools
 * (reset before each run) and the most used heap seen by a sampler every 5 ms.
 * <p>
 * Run with {@code -Xmx256m}: the export must finish within that heap. A second start with the
 * same {@code bench.dir} reuses the data ({@code -Dbench.fresh=true} starts again). Not a test:
 * it prints figures and never fails on time.
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java -Xmx256m -cp target/classes:target/test-classes:$(cat target/bench.cp) cn.chuangwen.bench.ArchiveBenchmark
 * </pre>
 */
public final class ArchiveBenchmark {

	static final String SYSTEM = "电子档案基准测评体系";

	static final int FILES_PER_REPORT = 4;

	private ArchiveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(System.getProperty("bench.dir", "/tmp/chuangwen-archive-bench"));
		int files = Integer.getInteger("bench.files", 1000);
		int fileSize = Integer.getInteger("bench.fileSize", 1 << 20);
		int runs = Integer.getInteger("bench.runs", 3);
		if (Boolean.getBoolean("bench.fresh")) {
			deleteTree(dir);
		}
		Files.createDirectories(dir);
		defaultProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		defaultProperty("spring.datasource.username", "sa");
		defaultProperty("spring.datasource.password", "");
		defaultProperty("chuangwen.files.root", dir.resolve("files").toAbsolutePath().toString());
		defaultProperty("server.port", "0");
		defaultProperty("chuangwen.demo.enabled", "true");
		defaultProperty("spring.main.banner-mode", "off");
		defaultProperty("logging.level.root", "WARN");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChuangwenApplication.class)
			.initializers(c -> c.getBeanFactory().registerSingleton("benchExcludesTestClasses", new MainClassesOnly()))
			.run(args)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			Accounts accounts = context.getBean(Accounts.class);
			CurrentUser office = accounts.principal(userId(jdbc, "xiantao.office"));
			CurrentUser liaison = accounts.principal(userId(jdbc, "xiantao.liaison"));
			IndicatorSystems indicators = context.getBean(IndicatorSystems.class);
			IndicatorSystemView system = indicators.list(office.scope())
				.stream()
				.filter(s -> s.name().equals(SYSTEM))
				.findFirst()
				.orElse(null);
			if (system == null) {
				system = generate(context, office, liaison, files, fileSize);
			}
			else {
				System.out.printf("Reusing the data under %s (-Dbench.fresh=true to generate it again)%n", dir);
			}
			ElectronicArchive archive = context.getBean(ElectronicArchive.class);
			ElectronicArchive.Summary summary = archive.summary(office, system.id());
			System.out.printf("Archive of \"%s\": %d indicators, %,d files, %,d bytes (%.1f MiB); heap limit %d MiB%n",
					system.name(), summary.indicators(), summary.files(), summary.totalBytes(),
					summary.totalBytes() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
			for (int run = 1; run <= runs; run++) {
				double raw = rawRead(dir.resolve("files"));
				measure(archive, office, system.id(), run, raw);
			}
		}
	}

	private static long userId(JdbcClient jdbc, String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	/** Imports the system, assigns its leaves to the liaison's town, reports and approves the files. */
	private static IndicatorSystemView generate(ConfigurableApplicationContext context, CurrentUser office,
			CurrentUser liaison, int files, int fileSize) throws IOException {
		IndicatorSystems indicators = context.getBean(IndicatorSystems.class);
		Assignments assignments = context.getBean(Assignments.class);
		ProgressReports reports = context.getBean(ProgressReports.class);
		IndicatorSystemView system;
		try (InputStream in = ArchiveBenchmark.class.getResourceAsStream("/demo/indicators-sample.csv")) {
			system = indicators.importSystem(office, SYSTEM, "sample.csv", in);
		}
		List<IndicatorView> leaves = indicators.leaves(office.scope(), system.id());
		List<Long> assignmentIds = new ArrayList<>();
		for (IndicatorView leaf : leaves) {
			AssignmentView a = assignments.create(office, new AssignmentDraft(leaf.id(), liaison.unitId(), List.of(),
					new AssignmentView.Responsible("基准测试", null, null), null, null,
					assignments.today().plusDays(300), List.of()));
			assignmentIds.add(a.id());
		}
		int side = (int) Math.sqrt(fileSize / 3.0);
		Random random = new Random(20261126);
		long start = System.nanoTime();
		long bytes = 0;
		int made = 0;
		for (int r = 0; made < files; r++) {
			List<Upload> uploads = new ArrayList<>();
			for (int f = 0; f < FILES_PER_REPORT && made < files; f++, made++) {
				byte[] png = randomPng(random, side);
				bytes += png.length;
				uploads.add(new Upload("现场照片-" + made + ".png", new ByteArrayInputStream(png)));
			}
			long assignment = assignmentIds.get(r % assignmentIds.size());
			var submitted = reports.submit(liaison, assignment, "基准测试创建动态 " + r, 10, null, uploads, null);
			reports.review(office, submitted.id(), ProgressReports.Decision.APPROVE, null);
			if ((r + 1) % 50 == 0) {
				System.out.printf("  generated %,d files, %,d MiB, %.0f s%n", made, bytes >> 20,
						(System.nanoTime() - start) / 1e9);
			}
		}
		System.out.printf("Generated %,d evidence files (%,d bytes) in %d approved reports in %.0f s%n", made, bytes,
				(made + FILES_PER_REPORT - 1) / FILES_PER_REPORT, (System.nanoTime() - start) / 1e9);
		return system;
	}

	/** A PNG of random pixels: incompressible, so it is about side × side × 3 bytes. */
	static byte[] randomPng(Random random, int side) throws IOException {
		BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		int[] row = new int[side];
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				row[x] = random.nextInt(0x1000000);
			}
			image.setRGB(0, y, side, 1, row, 0, side);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(side * side * 3 + 4096);
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** Reads every evidence blob (not the thumbnails) once: what the storage gives, for comparison. */
	static double rawRead(Path root) throws IOException {
		List<Path> blobs;
		try (Stream<Path> walk = Files.walk(root)) {
			blobs = walk.filter(Files::isRegularFile)
				.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
				.toList();
		}
		byte[] buffer = new byte[64 * 1024];
		long bytes = 0;
		long start = System.nanoTime();
		for (Path p : blobs) {
			try (InputStream in = Files.newInputStream(p)) {
				int n;
				while ((n = in.read(buffer)) > 0) {
					bytes += n;
				}
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return bytes / 1048576.0 / seconds;
	}

	private static void measure(ElectronicArchive archive, CurrentUser office, long systemId, int run, double raw)
			throws Exception {
		System.gc();
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.toList();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		var memory = ManagementFactory.getMemoryMXBean();
		long before = memory.getHeapMemoryUsage().getUsed();
		AtomicLong sampled = new AtomicLong(before);
		// a heap sample every 5 ms on a timer of its own, while the export runs
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "heap-sampler");
			thread.setDaemon(true);
			return thread;
		});
		sampler.scheduleAtFixedRate(
				() -> sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 5,
				TimeUnit.MILLISECONDS);
		Counting out = new Counting(new FileOutputStream("/dev/null"));
		long start = System.nanoTime();
		ElectronicArchive.Result result;
		try (out) {
			result = archive.export(office, systemId, out);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		sampler.shutdown();
		sampler.awaitTermination(1, TimeUnit.SECONDS);
		long poolPeaks = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		System.out.printf(
				"  run %d: %,d files, %,d bytes of ZIP in %.2f s = %.0f MiB/s (reading the blobs alone: %.0f MiB/s); "
						+ "heap used before %d MiB, most seen %d MiB, sum of pool peaks %d MiB (limit %d MiB)%n",
				run, result.files(), out.count, seconds, out.count / 1048576.0 / seconds, raw, before >> 20,
				sampled.get() >> 20, poolPeaks >> 20, Runtime.getRuntime().maxMemory() >> 20);
	}

	/** Counts what passes to /dev/null. */
	static final class Counting extends java.io.FilterOutputStream {

		long count;

		Counting(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}

	}

	/** The test classes are on the class path too: their components (test fixtures) stay out. */
	static final class MainClassesOnly extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getDescription().contains("test-classes");
		}

	}

	private static void defaultProperty(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
