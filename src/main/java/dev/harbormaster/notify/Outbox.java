package dev.harbormaster.notify;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until the outbox lands: see the issue. */
@ApplicationScoped
public class Outbox {

    public void enqueue(OutboundMessage message) {
        throw new UnsupportedOperationException("not built yet");
    }
}
