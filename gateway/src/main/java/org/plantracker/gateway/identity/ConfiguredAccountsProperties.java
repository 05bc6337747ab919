package org.plantracker.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Accounts from configuration, e.g.
 * {@code plan-tracker.accounts[0].username=zhang.wei}, {@code .password-hash=$2a$10$...} (bcrypt),
 * {@code .unit=jixi-committee}, {@code .unit-name=市关工委}, {@code .roles=SUPERVISOR}.
 */
@ConfigurationProperties("plan-tracker")
public record ConfiguredAccountsProperties(List<ConfiguredAccount> accounts) {

    public ConfiguredAccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public record ConfiguredAccount(String username, String passwordHash, String unit, String unitName,
                                    List<String> roles) {
    }
}
