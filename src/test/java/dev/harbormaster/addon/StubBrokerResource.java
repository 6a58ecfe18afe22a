package dev.harbormaster.addon;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts the {@link StubBroker} before the bot and registers it as broker {@code stub}, with a 1 s request timeout. */
public class StubBrokerResource implements QuarkusTestResourceLifecycleManager {

    private StubBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new StubBroker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("harbormaster.addons.brokers.stub.url", broker.url(),
                "harbormaster.addons.brokers.stub.username", StubBroker.USER,
                "harbormaster.addons.brokers.stub.password", StubBroker.PASSWORD,
                "harbormaster.addons.request-timeout", "1s",
                "harbormaster.addons.max-poll-interval", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker, new TestInjector.MatchesType(StubBroker.class));
    }

    @Override
    public void stop() {
        broker.close();
    }
}
