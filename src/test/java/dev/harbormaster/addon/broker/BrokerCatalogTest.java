package dev.harbormaster.addon.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void noParametersMeanTheDefaults() throws Exception {
        assertEquals(new BrokerCatalog.ProvisionParameters(Optional.empty(), 20), BrokerCatalog.validate(null));
        assertEquals(new BrokerCatalog.ProvisionParameters(Optional.empty(), 20), BrokerCatalog.validate(json("{}")));
    }

    @Test
    void validParametersAreTaken() throws Exception {
        assertEquals(new BrokerCatalog.ProvisionParameters(Optional.of("orders2"), 100),
                BrokerCatalog.validate(json("{\"database_name_suffix\":\"orders2\",\"connection_limit\":100}")));
    }

    @Test
    void violationsSayWhatToSendInstead() {
        assertRefused("{\"connection_limit\":0}", "connection_limit");
        assertRefused("{\"connection_limit\":101}", "connection_limit");
        assertRefused("{\"connection_limit\":2.5}", "connection_limit");
        assertRefused("{\"connection_limit\":\"20\"}", "connection_limit");
        assertRefused("{\"database_name_suffix\":\"Orders\"}", "database_name_suffix");
        assertRefused("{\"database_name_suffix\":\"a\\\"; DROP DATABASE x; --\"}", "database_name_suffix");
        assertRefused("{\"database_name_suffix\":\"\"}", "database_name_suffix");
        assertRefused("{\"extensions\":[\"postgis\"]}", "extensions");
        assertRefused("[1]", "JSON object");
    }

    @Test
    void onlyGeneratedNamesReachSql() {
        assertEquals("\"hm_0a1b_owner\"", PostgresAdmin.quote("hm_0a1b_owner"));
        assertThrows(IllegalArgumentException.class, () -> PostgresAdmin.quote("postgres"));
        assertThrows(IllegalArgumentException.class, () -> PostgresAdmin.quote("hm_x\"; DROP ROLE postgres; --"));
    }

    private static void assertRefused(String parameters, String mentioned) {
        BrokerException refused = assertThrows(BrokerException.class, () -> BrokerCatalog.validate(json(parameters)));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains(mentioned), refused.getMessage());
    }
}
