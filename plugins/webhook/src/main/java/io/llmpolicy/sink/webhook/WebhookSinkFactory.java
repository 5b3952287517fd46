package io.llmpolicy.sink.webhook;

import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.AlertSinkFactory;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import org.pf4j.Extension;

/** Creates {@code webhook} sinks, one per configured URL. Stateless and thread-safe. */
@Extension
public final class WebhookSinkFactory implements AlertSinkFactory {

    @Override
    public String sinkType() {
        return "webhook";
    }

    @Override
    public AlertSink create(EndpointConfig config, PluginEnvironment environment) {
        return new WebhookSink(config, environment);
    }
}
