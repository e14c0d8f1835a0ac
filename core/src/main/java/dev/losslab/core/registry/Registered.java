package dev.losslab.core.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static final} {@link Component} field as a registry entry. The
 * {@code losslab-processor} annotation processor lists every marked field of a module in
 * {@code META-INF/losslab/components}, and {@link Registry#defaults()} reads those lists: a new
 * component is declared beside its class and edits no central file.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Registered {}
