package dev.harbormaster.deployment.watch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Lease timings short enough that losing and regaining the Lease takes seconds, and a fast catalog refresh. */
public class ShortLeaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "harbormaster.watch.lease-duration", "2s",
                "harbormaster.watch.renew-deadline", "1500ms",
                "harbormaster.watch.retry-period", "200ms",
                "harbormaster.watch.refresh", "300ms");
    }
}
