package dev.harbormaster.addon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.ViewState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanSchemaFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plan schema using every type a form can hold, in the shape brokers publish them. */
    private static final String RICH_SCHEMA = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "additionalProperties": false, "required": ["version"],
             "properties": {
               "version": {"type": "string", "enum": ["15", "16", "17"], "default": "17", "title": "PostgreSQL version"},
               "storage_gb": {"type": "integer", "minimum": 10, "maximum": 500, "default": 20},
               "cpu_ratio": {"type": "number", "minimum": 0.5, "maximum": 4},
               "high_availability": {"type": "boolean", "default": false, "description": "Standby in a second zone"},
               "maintenance_window": {"type": "string", "pattern": "^(mon|tue|wed|thu|fri|sat|sun) [0-2][0-9]:00$"},
               "labels": {"type": "object"}
             }}""";

    @Test
    void realBrokerCatalogPlanBecomesOneOptionalTextField() throws IOException {
        JsonNode catalog = JSON.readTree(Path.of("../shared/fixtures/osb/catalog-get.json").toFile());
        JsonNode plans = catalog.path("services").get(0).path("plans");
        PlanSchemaForm withSchema = PlanSchemaForm.of(
                plans.get(0).path("schemas").path("service_instance").path("create").path("parameters"));
        PlanSchemaForm withoutSchema = PlanSchemaForm.of(
                plans.get(1).path("schemas").path("service_instance").path("create").path("parameters"));

        List<LayoutBlock> blocks = withSchema.inputBlocks();
        assertEquals(1, blocks.size());
        InputBlock field = (InputBlock) blocks.get(0);
        assertEquals("param:billing-account", field.getBlockId());
        assertTrue(field.isOptional());
        assertTrue(field.getElement() instanceof PlainTextInputElement);
        assertEquals("Billing account number used to charge use of shared fake server.", field.getHint().getText());
        assertEquals(Map.of("billing-account", "ACC-1"),
                withSchema.validate(Map.of("billing-account", "ACC-1")).parameters());
        assertFalse(withSchema.validate(Map.of("billing", "ACC-1")).valid());

        assertTrue(withoutSchema.isEmpty());
        assertEquals(Map.of("anything", "goes"), withoutSchema.validate(Map.of("anything", "goes")).parameters(),
                "a plan without a schema leaves validation to the broker");
    }

    @Test
    void everyTypeGetsTheMatchingSlackInput() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(JSON.readTree(RICH_SCHEMA));

        assertEquals(List.of("version", "storage_gb", "cpu_ratio", "high_availability", "maintenance_window"),
                form.names());
        assertEquals(java.util.Set.of("labels"), form.unsupported());
        List<LayoutBlock> blocks = form.inputBlocks();
        StaticSelectElement version = (StaticSelectElement) ((InputBlock) blocks.get(0)).getElement();
        assertEquals(List.of("15", "16", "17"), version.getOptions().stream().map(o -> o.getValue()).toList());
        assertEquals("17", version.getInitialOption().getValue());
        assertEquals("PostgreSQL version", ((InputBlock) blocks.get(0)).getLabel().getText());
        assertFalse(((InputBlock) blocks.get(0)).isOptional());
        NumberInputElement storage = (NumberInputElement) ((InputBlock) blocks.get(1)).getElement();
        assertFalse(storage.isDecimalAllowed());
        assertEquals("10", storage.getMinValue());
        assertEquals("500", storage.getMaxValue());
        assertEquals("20", storage.getInitialValue());
        assertTrue(((NumberInputElement) ((InputBlock) blocks.get(2)).getElement()).isDecimalAllowed());
        assertTrue(((InputBlock) blocks.get(3)).getElement() instanceof CheckboxesElement);
    }

    @Test
    void commandLineValuesAreTypedAndDefaulted() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(JSON.readTree(RICH_SCHEMA));

        PlanSchemaForm.Validation validation = form.validate(Map.of("storage_gb", "100", "cpu_ratio", "1.5",
                "high_availability", "true", "maintenance_window", "sun 03:00"));

        assertTrue(validation.valid(), validation.errors().toString());
        assertEquals(Map.of("version", "17", "storage_gb", 100L, "cpu_ratio", 1.5, "high_availability", true,
                "maintenance_window", "sun 03:00"), validation.parameters());
    }

    @Test
    void wrongValuesAreNamedPerFieldAndNothingIsReturned() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(JSON.readTree(RICH_SCHEMA));

        PlanSchemaForm.Validation validation = form.validate(Map.of("version", "9", "storage_gb", "5",
                "cpu_ratio", "lots", "high_availability", "maybe", "maintenance_window", "someday",
                "storage", "1", "labels", "a=b"));

        assertEquals(Map.of(), validation.parameters());
        assertEquals("must be one of 15, 16, 17", validation.errors().get("param:version"));
        assertEquals("must be at least 10", validation.errors().get("param:storage_gb"));
        assertEquals("must be a number", validation.errors().get("param:cpu_ratio"));
        assertEquals("must be true or false", validation.errors().get("param:high_availability"));
        assertTrue(validation.errors().get("param:maintenance_window").startsWith("must match"));
        assertTrue(validation.errors().get("param:storage").contains("Did you mean `storage_gb`"),
                validation.errors().get("param:storage"));
        assertTrue(validation.errors().get("param:labels").contains("cannot be set from chat"));
        assertEquals("must be a whole number", form.validate(Map.of("storage_gb", "20.5")).errors().get("param:storage_gb"));
    }

    @Test
    void submittedModalIsReadFromViewState() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(JSON.readTree(RICH_SCHEMA));
        ViewState.Value version = new ViewState.Value();
        ViewState.SelectedOption sixteen = new ViewState.SelectedOption();
        sixteen.setValue("16");
        version.setSelectedOption(sixteen);
        ViewState.Value storage = new ViewState.Value();
        storage.setValue("600");
        ViewState.Value ha = new ViewState.Value();
        ViewState.SelectedOption yes = new ViewState.SelectedOption();
        yes.setValue("true");
        ha.setSelectedOptions(List.of(yes));
        ViewState state = new ViewState();
        state.setValues(Map.of("param:version", Map.of("value", version), "param:storage_gb", Map.of("value", storage),
                "param:high_availability", Map.of("value", ha)));

        PlanSchemaForm.Validation tooBig = form.read(state);
        storage.setValue("50");
        PlanSchemaForm.Validation fixed = form.read(state);

        assertEquals(Map.of("param:storage_gb", "must be at most 500"), tooBig.errors());
        assertEquals(Map.of("version", "16", "storage_gb", 50L, "high_availability", true), fixed.parameters());
    }
}
