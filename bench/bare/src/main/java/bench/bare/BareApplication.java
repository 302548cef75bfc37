package bench.bare;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** GET /bare answers a small JSON; POST /bare inserts one row. What Boot costs with nothing of ours. */
@SpringBootApplication
@RestController
public class BareApplication {

	private final JdbcClient jdbc;

	BareApplication(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static void main(String[] args) {
		SpringApplication.run(BareApplication.class, args);
	}

	record Item(String code, String name) {
	}

	@GetMapping("/bare")
	Map<String, Object> get() {
		return Map.of("name", "bare", "ok", true);
	}

	@PostMapping("/bare")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> post(@RequestBody Item item) {
		jdbc.sql("insert into bare_item (code, name, created_at) values (:code, :name, :now)")
			.param("code", item.code())
			.param("name", item.name())
			.param("now", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
			.update();
		return Map.of("code", item.code());
	}

}
