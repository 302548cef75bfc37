package cn.chuangwen.organization;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.organization.internal.CityStore;

import cn.chuangwen.shared.NotFoundException;

/** The cities (jurisdictions) of the installation, as far as the caller's scope reaches. */
@Service
public class Cities {

	private final CityStore store;

	public Cities(CityStore store) {
		this.store = store;
	}

	@Transactional(readOnly = true)
	public List<CityView> visible(DataScope scope) {
		return store.visible(scope);
	}

	@Transactional(readOnly = true)
	public Optional<CityView> byCode(DataScope scope, String code) {
		return visible(scope).stream().filter(c -> c.code().equals(code)).findFirst();
	}

	/** A city by its exact code, unscoped (an administrator placing an account, the public pages). */
	@Transactional(readOnly = true)
	public Optional<CityView> byCode(String code) {
		return code == null ? Optional.empty() : store.byCode(code);
	}

	/**
	 * The city a public address names ({@code /public/news/xiantao}, any case); 404 when there is
	 * none. The one lookup behind every anonymous page of a city.
	 */
	@Transactional(readOnly = true)
	public CityView publicCity(String code) {
		return (code == null ? Optional.<CityView>empty() : byCode(code.strip().toLowerCase(Locale.ROOT)))
			.orElseThrow(() -> new NotFoundException("city", code));
	}

}
