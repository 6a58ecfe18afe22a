package dev.harbormaster.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Applies {@link EmbeddedPostgresResource} to every {@code @QuarkusTest} in the module. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public class PostgresTestResources {
}
