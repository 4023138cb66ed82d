package io.decisionlog.kit.config;

import io.decisionlog.events.webhook.UnsignedDeliveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Plain objects of events made from the shared settings, for every service. */
@ApplicationScoped
public class SharedBeans {

    @Produces
    @Singleton
    UnsignedDeliveries unsignedDeliveries(SharedConfig config) {
        return new UnsignedDeliveries(config.webhooks().allowUnsigned());
    }
}
