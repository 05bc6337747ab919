package org.plantracker.notification.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/subscriptions}.
 *
 * @param url        where deliveries are POSTed: http or https, a public address
 * @param eventTypes the event types to deliver (see GET /api/subscriptions/event-types); empty or
 *                   absent: every type the unit may hear
 * @param filter     narrows what is delivered; absent: no narrowing
 */
public record SubscriptionRequest(
        @NotBlank(message = "is required")
        @Size(max = 2000, message = "must be at most 2000 characters")
        String url,
        @Size(max = 500, message = "must be at most 500 characters")
        String description,
        @Size(max = 50, message = "must list at most 50 event types")
        List<@NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") String> eventTypes,
        @Valid
        Filter filter) {

    /**
     * @param taskIds  only events of these tasks
     * @param sections only events of tasks in these sections of the plan, by number (1 = 一)
     * @param counties only events that concern one of these county committees (a county committee
     *                 may name only itself)
     * @param planId   only events of this plan
     */
    public record Filter(
            @Size(max = 100, message = "must list at most 100 tasks")
            List<@NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String> taskIds,
            @Size(max = 50, message = "must list at most 50 sections")
            List<@NotNull(message = "must not be null") @Min(value = 1, message = "must be at least 1")
                    @Max(value = 99, message = "must be at most 99") Integer> sections,
            @Size(max = 50, message = "must list at most 50 counties")
            List<@NotBlank(message = "must not be blank") @Size(max = 100, message = "must be at most 100 characters") String> counties,
            @Size(max = 200, message = "must be at most 200 characters")
            String planId) {
    }
}
