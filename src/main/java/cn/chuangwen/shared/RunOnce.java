package cn.chuangwen.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import org.springframework.stereotype.Component;

/**
 * Runs a piece of work once per cluster, not once per node: every node hears a Moments event
 * ({@code DayHasPassed}, {@code HourHasPassed}) and would otherwise send the same reminders or
 * digest twice. The first node to take the ShedLock row named {@code name} runs the work; the
 * others skip it while the lock is held.
 * <p>
 * Usage, in a listener: {@code runOnce.run("notify.daily-reminders:" + date, Duration.ofHours(2),
 * Duration.ofMinutes(10), () -> reminders.runFor(date))}. Put the period (date, hour) into the
 * name so that catching up several periods in a row runs each one; {@code atLeast} covers the
 * skew between the nodes' clocks (the lock stays held that long even when the work is quick);
 * {@code atMost} frees the lock of a node that died while running.
 */
@Component
public class RunOnce {

	/** Lock names are at most 64 characters (the {@code shedlock.name} column). */
	public static final int MAX_NAME = 64;

	private final LockingTaskExecutor executor;

	public RunOnce(LockProvider locks) {
		this.executor = new DefaultLockingTaskExecutor(locks);
	}

	/**
	 * Runs {@code work} here when this node takes the lock.
	 * @return true when it ran here, false when another node holds the lock
	 */
	public boolean run(String name, Duration atMost, Duration atLeast, Runnable work) {
		if (name.length() > MAX_NAME) {
			throw new IllegalArgumentException("lock name longer than " + MAX_NAME + ": " + name);
		}
		var ran = new AtomicBoolean();
		executor.executeWithLock((Runnable) () -> {
			ran.set(true);
			work.run();
		}, new LockConfiguration(ClockProvider.now(), name, atMost, atLeast));
		return ran.get();
	}

}
