package dev.harbormaster.slack;

import com.slack.api.bolt.App;

/**
 * A feature's Slack listeners (slash command, block actions, view submissions, options). Every bean
 * implementing this registers itself on the one Bolt {@link App}; Bolt then routes requests to it.
 */
public interface BoltListeners {

    void register(App app);
}
