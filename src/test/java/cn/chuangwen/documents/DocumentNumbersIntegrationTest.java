package cn.chuangwen.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;

/** One number sequence per city, kind and year: gapless, never shared, also under concurrent issuers. */
@IntegrationTest
class DocumentNumbersIntegrationTest {

	@Autowired
	DocumentNumbers numbers;

	@Autowired
	Cities cities;

	@Autowired
	PlatformTransactionManager transactions;

	CityView city(String code) {
		return cities.byCode(code).orElseThrow();
	}

	/** A year no other test uses, so each run starts a fresh sequence. */
	static int freshYear() {
		return 2200 + ThreadLocalRandom.current().nextInt(700_000);
	}

	DocumentNumbers.DocumentNumber take(CityView city, DocumentKind kind, int year) {
		return new TransactionTemplate(transactions).execute(s -> numbers.next(city, kind, year));
	}

	@Test
	void eachCityKindAndYearCountsFromOneOnItsOwn() {
		int year = freshYear();
		CityView xiantao = city("xiantao");
		CityView tianmen = city("tianmen");
		assertThat(take(xiantao, DocumentKind.LETTER, year).text()).isEqualTo("仙创责〔" + year + "〕1号");
		assertThat(take(xiantao, DocumentKind.LETTER, year).text()).isEqualTo("仙创责〔" + year + "〕2号");
		assertThat(take(xiantao, DocumentKind.SUPERVISION_LETTER, year).text()).isEqualTo("仙创督〔" + year + "〕1号");
		assertThat(take(tianmen, DocumentKind.LETTER, year).text()).isEqualTo("天创责〔" + year + "〕1号");
		assertThat(take(xiantao, DocumentKind.LETTER, year + 1).seq()).isEqualTo(1);
		assertThat(take(xiantao, DocumentKind.LETTER, year).seq()).isEqualTo(3);
	}

	@Test
	void aRolledBackDocumentGivesItsNumberBack() {
		int year = freshYear();
		CityView xiantao = city("xiantao");
		take(xiantao, DocumentKind.BULLETIN, year);
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(s -> {
			assertThat(numbers.next(xiantao, DocumentKind.BULLETIN, year).seq()).isEqualTo(2);
			s.setRollbackOnly();
		});
		assertThat(take(xiantao, DocumentKind.BULLETIN, year).seq()).isEqualTo(2);
	}

	@Test
	void aNumberIsTakenOnlyInTheCallersTransaction() {
		assertThatThrownBy(() -> numbers.next(city("xiantao"), DocumentKind.LETTER, freshYear()))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void parallelIssuersNeverShareANumberAndLeaveNoGap() throws Exception {
		int year = freshYear();
		CityView qianjiang = city("qianjiang");
		int threads = 8;
		int each = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<List<Integer>>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Callable<List<Integer>> worker = () -> {
					start.await();
					List<Integer> taken = new ArrayList<>();
					for (int i = 0; i < each; i++) {
						taken.add(take(qianjiang, DocumentKind.RECTIFICATION_NOTICE, year).seq());
					}
					return taken;
				};
				futures.add(pool.submit(worker));
			}
			start.countDown();
			List<Integer> all = new ArrayList<>();
			for (Future<List<Integer>> f : futures) {
				all.addAll(f.get(120, TimeUnit.SECONDS));
			}
			assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
			assertThat(all).containsExactlyInAnyOrderElementsOf(
					java.util.stream.IntStream.rangeClosed(1, threads * each).boxed().toList());
		}
		finally {
			pool.shutdownNow();
		}
	}

}
