package io.decisionlog.kit.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * A feature switched on from the environment: the properties it sets are worked out once, from the variables the
 * subclass reads, and offered at a low ordinal (150, under {@code application.properties}' 250), so configuration
 * files and tests still decide.
 */
public abstract class EnvironmentSwitch implements ConfigSource {
    private final String name;
    private final Map<String, String> properties;

    protected EnvironmentSwitch(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String property) {
        return properties.get(property);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
