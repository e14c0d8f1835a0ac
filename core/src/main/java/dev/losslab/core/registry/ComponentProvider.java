package dev.losslab.core.registry;

import java.util.List;

/**
 * Service-provider interface: each module lists its components in
 * {@code META-INF/services/dev.losslab.core.registry.ComponentProvider}.
 */
public interface ComponentProvider {
    List<Component<?>> components();
}
