package dev.harbormaster;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date (src/main/resources/db/migration) before anything else at start-up uses the database:
 * first among the start-up observers, ahead of Quartz (priority 0) and the bot's own. Quarkus's migrate-at-start would
 * run earlier, inside its boot, where it would have to wait for the embedded PostgreSQL that now starts beside that
 * boot; here the wait ({@link EmbeddedDatabase#awaitStarted()}) is usually over before it begins.
 */
@ApplicationScoped
class SchemaMigration {

    @Inject
    Flyway flyway;

    void migrate(@Observes @Priority(-1000) StartupEvent start) {
        EmbeddedDatabase.awaitStarted();
        flyway.migrate();
    }
}
