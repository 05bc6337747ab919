package org.plantracker.notification.command;

import org.junit.jupiter.api.Test;
import org.plantracker.notification.messaging.EventFacts;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may subscribe to what, and which events a subscription receives whatever its filter says. */
class SubscriptionPoliciesTest {

    static final String MISHAN = "jixi-mishan";
    static final String HULIN = "jixi-hulin";
    static final String EDUCATION = "jixi-education";

    /** An event about 虎林's share of task 7 of section 4; the lead unit (市教育局) is party to it. */
    static final EventFacts HULIN_ONLY = new EventFacts("p-07", "p", 7, "深化青少年法治教育", 4,
            Map.of(HULIN, true, EDUCATION, false));
    /** The assignment of task 7: every county is on it. */
    static final EventFacts ASSIGNMENT = new EventFacts("p-07", "p", 7, "深化青少年法治教育", 4,
            Map.of(HULIN, true, MISHAN, true, EDUCATION, false));

    static Subscription subscription(String owner, Subscription.Scope scope, Set<String> types, Set<String> counties,
                                     Set<Integer> sections, Set<String> tasks) {
        return new Subscription("sub_1", owner, scope, "https://example.org/hook", null, types, tasks, sections, counties,
                null, Subscription.Status.ACTIVE, Instant.EPOCH, owner, null, null, null);
    }

    @Test
    void theScopeFollowsTheRoleAndATokenWithoutAUnitCannotSubscribe() {
        assertThat(SubscriptionPolicies.onlyUnitsSubscribe(new Actor("c", "jixi-committee", Set.of(Roles.SUPERVISOR))))
                .isEqualTo(Subscription.Scope.CITY_COMMITTEE);
        assertThat(SubscriptionPolicies.onlyUnitsSubscribe(new Actor("m", MISHAN, Set.of(Roles.COUNTY_COMMITTEE))))
                .isEqualTo(Subscription.Scope.COUNTY);
        assertThat(SubscriptionPolicies.onlyUnitsSubscribe(new Actor("e", EDUCATION, Set.of(Roles.UNIT))))
                .isEqualTo(Subscription.Scope.UNIT);
        assertThatThrownBy(() -> SubscriptionPolicies.onlyUnitsSubscribe(new Actor("a", null, Set.of(Roles.AUDITOR))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void aCountyCommitteeMayNameOnlyItsOwnCounty() {
        SubscriptionPolicies.countyCommitteeFiltersOnlyItsOwnCounty(Subscription.Scope.COUNTY, MISHAN, Set.of(MISHAN));
        assertThatThrownBy(() -> SubscriptionPolicies.countyCommitteeFiltersOnlyItsOwnCounty(Subscription.Scope.COUNTY,
                MISHAN, Set.of(MISHAN, HULIN)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        // the city committee and departments may narrow by any county
        SubscriptionPolicies.countyCommitteeFiltersOnlyItsOwnCounty(Subscription.Scope.CITY_COMMITTEE, "jixi-committee",
                Set.of(HULIN));
    }

    @Test
    void aCountySubscriptionReceivesNothingOfAnotherCountyWhateverItsFilter() {
        Subscription mishan = subscription(MISHAN, Subscription.Scope.COUNTY, Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(SubscriptionPolicies.receives(mishan, "ReportOverdueEvent", HULIN_ONLY)).isFalse();
        assertThat(SubscriptionPolicies.receives(mishan, "TaskAssignedEvent", ASSIGNMENT)).isTrue();
        // a filter naming 虎林 (stored by any means) still cannot widen what 密山 hears
        Subscription widened = subscription(MISHAN, Subscription.Scope.COUNTY, Set.of(), Set.of(HULIN), Set.of(), Set.of());
        assertThat(SubscriptionPolicies.receives(widened, "ReportOverdueEvent", HULIN_ONLY)).isFalse();
    }

    @Test
    void aUnitHearsWhatConcernsItAndTheCityCommitteeEverything() {
        Subscription education = subscription(EDUCATION, Subscription.Scope.UNIT, Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(SubscriptionPolicies.receives(education, "ReportOverdueEvent", HULIN_ONLY)).isTrue();
        Subscription justice = subscription("jixi-justice", Subscription.Scope.UNIT, Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(SubscriptionPolicies.receives(justice, "ReportOverdueEvent", HULIN_ONLY)).isFalse();
        Subscription committee = subscription("jixi-committee", Subscription.Scope.CITY_COMMITTEE, Set.of(), Set.of(),
                Set.of(), Set.of());
        assertThat(SubscriptionPolicies.receives(committee, "ReportOverdueEvent", HULIN_ONLY)).isTrue();
    }

    @Test
    void filtersNarrowByTypeTaskSectionAndCounty() {
        String type = "ReportOverdueEvent";
        Subscription.Scope all = Subscription.Scope.CITY_COMMITTEE;
        String owner = "jixi-committee";
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of("UrgeIssuedEvent"), Set.of(), Set.of(),
                Set.of()), type, HULIN_ONLY)).isFalse();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(type), Set.of(), Set.of(), Set.of()),
                type, HULIN_ONLY)).isTrue();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(), Set.of(), Set.of(), Set.of("p-08")),
                type, HULIN_ONLY)).isFalse();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(), Set.of(), Set.of(4), Set.of("p-07")),
                type, HULIN_ONLY)).isTrue();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(), Set.of(), Set.of(5), Set.of()),
                type, HULIN_ONLY)).isFalse();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(), Set.of(MISHAN), Set.of(), Set.of()),
                type, HULIN_ONLY)).isFalse();
        assertThat(SubscriptionPolicies.receives(subscription(owner, all, Set.of(), Set.of(HULIN), Set.of(), Set.of()),
                type, HULIN_ONLY)).isTrue();
    }

    @Test
    void onlyEventTypesTheServiceSendsMayBeNamed() {
        SubscriptionPolicies.onlyKnownEventTypes(Set.of("ProgressReportReturnedEvent", "UrgeIssuedEvent"));
        assertThatThrownBy(() -> SubscriptionPolicies.onlyKnownEventTypes(Set.of("PlanImportedEvent")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors().get(0).field()).isEqualTo("eventTypes[0]");
                });
    }

    @Test
    void anEndpointIsDisabledOnlyAfterFailingForTheWholeConfiguredTime() {
        Instant since = Instant.parse("2026-12-01T00:00:00Z");
        Duration fiveDays = Duration.ofDays(5);
        assertThat(Subscriptions.WebhookHealthPolicy.shouldDisable(null, since, fiveDays)).isFalse();
        assertThat(Subscriptions.WebhookHealthPolicy.shouldDisable(since, since.plus(fiveDays).minusSeconds(1), fiveDays))
                .isFalse();
        assertThat(Subscriptions.WebhookHealthPolicy.shouldDisable(since, since.plus(fiveDays), fiveDays)).isTrue();
    }
}
