package cn.chuangwen.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import cn.chuangwen.ChuangwenApplication;

/**
 * The application in a JVM of its own, for {@code ImportMemoryTest}: runs until a line arrives on
 * standard input, then prints its heap figures and exits.
 */
public final class ImportMemoryChild {

	private ImportMemoryChild() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(ChuangwenApplication.class, args);
		System.out.println("CHILD_READY");
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.println("HEAP_MAX=" + Runtime.getRuntime().maxMemory() + " HEAP_POOL_PEAKS=" + peak);
		System.out.flush();
		context.close();
		System.exit(0);
	}

}
