package dev.harbormaster.catalog;

/** A link on a service card; {@code type} follows Backstage ({@code runbook}, {@code repository}, …), may be null. */
public record Link(String title, String url, String type) {
}
