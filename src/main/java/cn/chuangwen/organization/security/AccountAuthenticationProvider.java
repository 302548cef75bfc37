package cn.chuangwen.organization.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Form login: the password check of {@link LoginService}, granting only the next step's authority. */
class AccountAuthenticationProvider implements AuthenticationProvider {

	private final LoginService logins;

	AccountAuthenticationProvider(LoginService logins) {
		this.logins = logins;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		var verified = logins.checkPassword(authentication.getName(),
				authentication.getCredentials() == null ? null : authentication.getCredentials().toString());
		return UsernamePasswordAuthenticationToken.authenticated(verified.user(), null, verified.authorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
