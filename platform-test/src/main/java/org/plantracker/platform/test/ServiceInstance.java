package org.plantracker.platform.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a service started by a test itself (not by {@code @SpringBootTest}), so the test can stop it
 * and start another on the same database: how a restart test shows that what was scheduled before survives.
 */
public final class ServiceInstance {

    private ServiceInstance() {
    }

    /**
     * Starts {@code application} with the test's {@code clock} (the platform's Clock bean, which db-scheduler
     * reads too) on {@code databaseUrl}, the shared broker and the test secret, db-scheduler polling every half
     * second; {@code settings} (name=value) are added as command-line arguments: above application.properties,
     * as a deployment's settings are.
     */
    public static ConfigurableApplicationContext start(Class<?> application, Clock clock, String databaseUrl,
                                                       String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--plan-tracker.security.jwt-secret=" + TestInfrastructure.JWT_SECRET,
                "--db-scheduler.polling-interval=PT0.5S"));
        for (String setting : settings) {
            arguments.add("--" + setting);
        }
        return new SpringApplicationBuilder(application)
                .initializers(context -> {
                    context.getBeanFactory()
                            .registerSingleton(TestConfigurationsExcluded.class.getName(), new TestConfigurationsExcluded());
                    context.getBeanFactory().registerSingleton("clock", clock);
                })
                .run(arguments.toArray(new String[0]));
    }

    /** The port the instance's web server took. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Keeps other tests' {@code @TestConfiguration} classes (which the service's component scan would find on
     * the test classpath) out of the contexts a test starts itself, as {@code @SpringBootTest} does.
     */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }
    }
}
