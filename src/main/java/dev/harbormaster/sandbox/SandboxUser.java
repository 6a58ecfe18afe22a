package dev.harbormaster.sandbox;

/** A person (or the bot) in the sandbox workspace. */
record SandboxUser(String id, String name, String realName, String displayName, String title, String email, boolean admin, boolean bot) {
}
