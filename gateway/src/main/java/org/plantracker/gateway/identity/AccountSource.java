package org.plantracker.gateway.identity;

import reactor.core.publisher.Mono;

/**
 * One place accounts come from. Answers the account when the credentials are right, nothing when
 * this source does not know the user or the password is wrong (the two look the same to a client).
 */
public interface AccountSource {

    Mono<Account> authenticate(String username, String password);
}
