package org.plantracker.gateway.identity;

import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Accounts listed in configuration with bcrypt password hashes; the only accounts outside the dev profile. */
@Component
@Order(1)
public class ConfiguredAccounts implements AccountSource {

    private final PasswordEncoder passwords = new BCryptPasswordEncoder();
    private final Map<String, ConfiguredAccountsProperties.ConfiguredAccount> byUsername;
    /** Checked against for unknown users, so a wrong username takes as long as a wrong password. */
    private final String decoyHash;

    public ConfiguredAccounts(ConfiguredAccountsProperties properties) {
        for (ConfiguredAccountsProperties.ConfiguredAccount account : properties.accounts()) {
            if (blank(account.username()) || blank(account.passwordHash()) || !account.passwordHash().startsWith("$2")) {
                throw new IllegalStateException("plan-tracker.accounts: every account needs a username and a bcrypt "
                        + "password-hash ($2a$...); check the account '" + account.username() + "'");
            }
        }
        this.byUsername = properties.accounts().stream()
                .collect(Collectors.toUnmodifiableMap(ConfiguredAccountsProperties.ConfiguredAccount::username,
                        Function.identity()));
        this.decoyHash = passwords.encode("not a password anyone has");
    }

    @Override
    public Mono<Account> authenticate(String username, String password) {
        // bcrypt is deliberately slow: keep it off the event loop
        return Mono.fromCallable(() -> check(username, password))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Account check(String username, String password) {
        ConfiguredAccountsProperties.ConfiguredAccount account = byUsername.get(username);
        boolean matches = passwords.matches(password, account != null ? account.passwordHash() : decoyHash);
        if (account == null || !matches) {
            return null;
        }
        return new Account(account.username(), account.unit(), account.unitName(),
                account.roles() == null ? null : new HashSet<>(account.roles()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
