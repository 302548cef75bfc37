package cn.chuangwen.organization;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.organization.internal.CityStore;

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

	/** Unscoped, for administrators placing an account in a city. */
	@Transactional(readOnly = true)
	public Optional<CityView> byCode(String code) {
		return visible(DataScope.all()).stream().filter(c -> c.code().equals(code)).findFirst();
	}

}
