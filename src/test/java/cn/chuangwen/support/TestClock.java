package cn.chuangwen.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; shared by the whole test context. */
public class TestClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	public void advance(Duration duration) {
		now.updateAndGet(t -> t.plus(duration));
	}

	public void set(Instant instant) {
		now.set(instant);
	}

}
