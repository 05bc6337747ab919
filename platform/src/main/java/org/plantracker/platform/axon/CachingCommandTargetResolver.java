package org.plantracker.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Finds a command's target aggregate the way Axon's {@code AnnotationCommandTargetResolver} does
 * (the method or field annotated with {@link TargetAggregateIdentifier}, and optionally
 * {@link TargetAggregateVersion}), but looks the members up once per command class. Axon's resolver
 * walks the class's methods and fields and their annotations on every command: about 7 % of
 * progress-service's CPU per report under load (JFR, in the benchmark).
 */
public final class CachingCommandTargetResolver implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> commandType) {
            return new Target(commandType, accessor(commandType, TargetAggregateIdentifier.class),
                    accessor(commandType, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        Target target = targets.get(payload.getClass());
        Object identifier = target.identifier() == null ? null : read(target.identifier(), payload);
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [" + target.commandType().getSimpleName()
                    + "] class contains the @TargetAggregateIdentifier annotation and that it returns a non-null value.");
        }
        Object version = target.version() == null ? null : read(target.version(), payload);
        return new VersionedAggregateIdentifier(identifier, version == null ? null : ((Number) version).longValue());
    }

    private record Target(Class<?> commandType, Member identifier, Member version) {
    }

    /** Methods first, then fields, as Axon's resolver looks them up; null when the class has none. */
    private static Member accessor(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (method.getParameterCount() == 0 && AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object read(Member member, Object payload) {
        try {
            return member instanceof Method method ? method.invoke(payload) : ((Field) member).get(payload);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + member.getName() + " of "
                    + Objects.requireNonNull(payload).getClass().getSimpleName(), e);
        }
    }
}
