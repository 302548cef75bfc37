package cn.chuangwen.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;

/**
 * Benchmark (issue 3 §8): importing a 300-row indicator workbook must take under 2 s. Starts the
 * application on a fresh in-memory H2 (PostgreSQL mode) with the demo data, builds a 300-row xlsx
 * in the import's columns, imports it five times as xiantao.office through
 * {@link IndicatorSystems#importSystem} (read, validate, write, audit) and prints each time.
 * Not a test: it prints figures and never fails on time. Another database: pass
 * {@code -Dspring.datasource.url=... -Dspring.datasource.username=... -Dspring.datasource.password=...}.
 * See bench/README.md for the command.
 */
public final class IndicatorImportBenchmark {

	static final int ROWS = 300;

	static final int RUNS = 5;

	private IndicatorImportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String db = "jdbc:h2:mem:bench-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		// System properties outrank application.yml; one given on the command line wins.
		defaultProperty("spring.datasource.url", db);
		defaultProperty("spring.datasource.username", "sa");
		defaultProperty("spring.datasource.password", "");
		defaultProperty("server.port", "0");
		defaultProperty("chuangwen.demo.enabled", "true");
		defaultProperty("spring.main.banner-mode", "off");
		defaultProperty("logging.level.root", "WARN");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChuangwenApplication.class)
			.initializers(c -> c.getBeanFactory().registerSingleton("benchExcludesTestClasses", new MainClassesOnly()))
			.run(args)) {
			IndicatorSystems systems = context.getBean(IndicatorSystems.class);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long userId = jdbc.sql("select id from app_user where username = 'xiantao.office'").query(Long.class).single();
			CurrentUser office = context.getBean(Accounts.class).principal(userId);
			byte[] workbook = workbook(ROWS);
			System.out.printf("Indicator import benchmark: %d rows, %,d bytes xlsx, %d runs, database %s%n", ROWS,
					workbook.length, RUNS, jdbc.sql("select 1").query(Integer.class).single() == 1
							? context.getEnvironment().getProperty("spring.datasource.url").replaceAll(";.*", "") : "?");
			List<Double> times = new ArrayList<>();
			for (int run = 1; run <= RUNS; run++) {
				String name = "基准 " + ROWS + " 行 " + UUID.randomUUID().toString().substring(0, 8);
				long start = System.nanoTime();
				IndicatorSystemView imported = systems.importSystem(office, name, "bench.xlsx",
						new ByteArrayInputStream(workbook));
				double ms = (System.nanoTime() - start) / 1_000_000.0;
				times.add(ms);
				System.out.printf("  run %d: %8.1f ms  (%d leaves)%n", run, ms, imported.leafCount());
			}
			List<Double> sorted = new ArrayList<>(times);
			Collections.sort(sorted);
			System.out.printf("  first (cold) %.1f ms, median %.1f ms, best %.1f ms, worst %.1f ms; target < 2000 ms%n",
					times.get(0), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
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

	/** A workbook of {@code rows} indicators: one root, 20 projects, the rest leaves, some with targets. */
	static byte[] workbook(int rows) throws IOException {
		String[] header = { "code", "parent_code", "level", "name", "criteria", "methods", "score", "point_types",
				"target_quantity", "target_unit" };
		int projects = 20;
		int leaves = rows - 1 - projects;
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("indicators");
			Row h = sheet.createRow(0);
			for (int c = 0; c < header.length; c++) {
				h.createCell(c).setCellValue(header[c]);
			}
			int r = 1;
			Row root = sheet.createRow(r++);
			fill(root, "B", "", "项目", "基本指标", "六大环境与创建活动", "", leaves, "", null, null);
			for (int p = 0; p < projects; p++) {
				int perProject = leaves / projects + (p < leaves % projects ? 1 : 0);
				fill(sheet.createRow(r++), "B-" + p, "B", "项目", "测评项目 " + p, "", "", perProject, "", null, null);
				for (int l = 0; l < perProject; l++) {
					boolean target = l == 0;
					fill(sheet.createRow(r++), "B-" + p + "-" + l, "B-" + p, "内容", "测评内容 " + p + "-" + l,
							"主次干道每200米至少1处公益广告；500米内核心价值观公益广告不少于3处；无暴露垃圾、无乱张贴乱涂画、无违章搭建",
							l % 2 == 0 ? "实地考察|材料审核" : "问卷调查", 1, "主次干道|背街小巷|居民小区",
							target ? 1_200_000.0 : null, target ? "平方米" : null);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private static void fill(Row row, String code, String parent, String level, String name, String criteria,
			String methods, double score, String pointTypes, Double quantity, String unit) {
		row.createCell(0).setCellValue(code);
		row.createCell(1).setCellValue(parent);
		row.createCell(2).setCellValue(level);
		row.createCell(3).setCellValue(name);
		row.createCell(4).setCellValue(criteria);
		row.createCell(5).setCellValue(methods);
		row.createCell(6).setCellValue(score);
		row.createCell(7).setCellValue(pointTypes);
		if (quantity != null) {
			row.createCell(8).setCellValue(quantity);
			row.createCell(9).setCellValue(unit);
		}
	}

}
