package dev.harbormaster.catalog;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.harbormaster.command.CommandSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's command specs read strictly (unknown keys fail), agree with their handlers' names, and only the
 * edit, whose form can change what policies protect, is an action.
 */
class CatalogCommandSpecsTest {

    @Test
    void everyCatalogSpecReadsAndMatchesItsHandler() throws IOException {
        List<String> handlers = List.of(new ShowService().name(), new EditService().name(), new ListServices().name(),
                new ShowTeam().name(), new ListTeams().name(), new ShowOwner().name(), new RegisterService().name(),
                new ImportCatalog().name());
        List<String> files = List.of("service", "service-edit", "services", "team", "teams", "owner", "register",
                "catalog-import");
        YAMLMapper yaml = new YAMLMapper();
        for (int i = 0; i < files.size(); i++) {
            CommandSpec spec = yaml.readValue(Path.of("commands", files.get(i) + ".yaml").toFile(), CommandSpec.class);
            assertEquals(handlers.get(i), spec.name());
            assertTrue(spec.usage().startsWith(spec.name()), spec.usage());
            assertFalse(spec.examples().isEmpty());
            spec.examples().forEach(example -> assertTrue(example.startsWith(spec.name()), example));
            // the edit form's owner, tier, lifecycle and environments are gated; looking things up is not
            assertEquals(spec.name().equals("service edit"), spec.action(), spec.name());
        }
    }
}
