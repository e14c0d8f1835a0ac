package dev.losslab.core.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static final} field as a declaration to discover: a {@link Component} for
 * the {@link Registry}, a reproduction for {@code losslab reproduce}. The {@code losslab-processor}
 * annotation processor lists every marked field of a module by its type ({@link Declarations}), and
 * the registry and the reproductions read those lists: a new component or reproduction is declared
 * beside its class and edits no central file.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Registered {}
