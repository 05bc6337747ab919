package org.plantracker.progress.config;

import org.axonframework.common.caching.Cache;
import org.plantracker.platform.axon.BoundedAggregateCache;
import org.plantracker.progress.command.TaskShare;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps recently used task shares in memory: a share collects a report per period for years, and
 * without a cache every command would rebuild it from all of them (the benchmark measured command
 * throughput falling with each share's report count before this).
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfig {

    @Bean(TaskShare.CACHE)
    public Cache taskShareCache(@Value("${plan-tracker.aggregate-cache.task-shares:50000}") long maximumSize) {
        return new BoundedAggregateCache(maximumSize);
    }
}
