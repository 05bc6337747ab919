package org.plantracker.platform.security;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.correlation.RequestContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Optional;

/** The actor of the work on this thread: the verified token's, or the one a consumer bound. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Optional<Actor> find() {
        Optional<Actor> bound = RequestContext.boundActor();
        if (bound.isPresent()) {
            return bound;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.of(AccessTokens.actorOf(jwt));
        }
        return Optional.empty();
    }

    /** The authenticated actor; only called behind the security filter, so absence is a bug. */
    public static Actor get() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated actor on this thread"));
    }
}
