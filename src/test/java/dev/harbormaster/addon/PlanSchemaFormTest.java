package dev.harbormaster.addon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.RadioButtonsElement;
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

        assertEquals(List.of("version", "storage_gb", "cpu_ratio", "high_availability", "maintenance_window", "labels"),
                form.names());
        assertEquals(List.of("labels"), form.jsonFields(), "a free-form object is typed as JSON");
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
        RadioButtonsElement ha = (RadioButtonsElement) ((InputBlock) blocks.get(3)).getElement();
        assertEquals("false", ha.getInitialOption().getValue(), "yes / no, so that an untouched optional boolean is not sent");
        PlainTextInputElement labels = (PlainTextInputElement) ((InputBlock) blocks.get(5)).getElement();
        assertTrue(labels.isMultiline());
        assertEquals("labels (JSON)", ((InputBlock) blocks.get(5)).getLabel().getText());
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
        assertEquals("must be an object (JSON `{…}`)", validation.errors().get("param:labels"));
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
        ha.setSelectedOption(yes);
        ViewState state = new ViewState();
        state.setValues(Map.of("param:version", Map.of("value", version), "param:storage_gb", Map.of("value", storage),
                "param:high_availability", Map.of("value", ha)));

        PlanSchemaForm.Validation tooBig = form.read(state);
        storage.setValue("50");
        PlanSchemaForm.Validation fixed = form.read(state);

        assertEquals(Map.of("param:storage_gb", "must be at most 500"), tooBig.errors());
        assertEquals(Map.of("version", "16", "storage_gb", 50L, "high_availability", true), fixed.parameters());
    }

    // ---- nested objects, anyOf / oneOf, JSON fields ------------------------------------------------

    /**
     * A plan schema shaped like the PostgreSQL plans of Azure's Open Service Broker (region enum, storage, firewall
     * rules as a list of objects, extensions), with a nested {@code backup} object two levels deep, a {@code network}
     * object where exactly one of two fields is required (oneOf of required lists), and an {@code encryption} that is
     * one of two differently shaped alternatives.
     */
    static JsonNode nestedSchema() throws IOException {
        try (var in = PlanSchemaFormTest.class.getResourceAsStream("/osb/plan-parameters-nested.json")) {
            return JSON.readTree(in);
        }
    }

    private static final String RULES = "[{\"name\":\"office\",\"startIPAddress\":\"10.0.0.1\",\"endIPAddress\":\"10.0.0.9\"}]";

    @Test
    void nestedObjectsBecomeDottedInputsAndWhatInputsCannotHoldBecomesJson() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(nestedSchema());

        assertFalse(form.isEmpty(), "a plan with parameters never says it takes none");
        assertEquals(List.of("location", "sslEnforcement", "storage", "backup.retentionDays", "backup.geoRedundant",
                "backup.window.startHour", "backup.window.day", "network.subnetId", "network.publicAccess",
                "firewallRules", "extensions", "encryption"), form.names());
        assertEquals(List.of("firewallRules", "extensions", "encryption"), form.jsonFields());
        Map<String, InputBlock> blocks = new java.util.LinkedHashMap<>();
        form.inputBlocks().forEach(block -> blocks.put(((InputBlock) block).getBlockId(), (InputBlock) block));

        InputBlock retention = blocks.get("param:backup.retentionDays");
        assertEquals("backup.retentionDays", retention.getLabel().getText());
        assertFalse(retention.isOptional(), "backup is required and needs retentionDays");
        assertEquals("7", ((NumberInputElement) retention.getElement()).getMinValue());
        InputBlock startHour = blocks.get("param:backup.window.startHour");
        assertTrue(startHour.isOptional(), "backup.window itself is optional");
        assertEquals("Required when backup.window is given.", startHour.getHint().getText());
        InputBlock subnet = blocks.get("param:network.subnetId");
        InputBlock publicAccess = blocks.get("param:network.publicAccess");
        assertTrue(subnet.isOptional() && publicAccess.isOptional(), "required only through oneOf: Slack must not insist on both");
        assertTrue(subnet.getHint().getText().startsWith("Give exactly one of: subnetId or publicAccess."), subnet.getHint().getText());
        assertNull(((RadioButtonsElement) publicAccess.getElement()).getInitialOption());
        InputBlock rules = blocks.get("param:firewallRules");
        assertEquals("firewallRules (JSON)", rules.getLabel().getText());
        assertTrue(((PlainTextInputElement) rules.getElement()).isMultiline());
        assertTrue(rules.getHint().getText().contains("JSON: a list of objects with name*, startIPAddress*, endIPAddress* (* required)."),
                rules.getHint().getText());
        assertTrue(blocks.get("param:encryption").getHint().getText().contains("exactly one of 2 shapes"));
        assertEquals("Region", blocks.get("param:location").getLabel().getText());
    }

    @Test
    void dottedPathsBuildNestedTypedParametersWithDefaultsOnlyWhereTheObjectIsThere() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(nestedSchema());

        PlanSchemaForm.Validation validation = form.validate(Map.of("location", "westeurope",
                "backup.retentionDays", "14", "backup.window.startHour", "3", "network.publicAccess", "true",
                "firewallRules", RULES, "encryption", "platform-managed"));

        assertTrue(validation.valid(), validation.errors().toString());
        assertEquals(Map.of("location", "westeurope", "sslEnforcement", "enabled", "storage", 10L,
                "backup", Map.of("retentionDays", 14L, "geoRedundant", false, "window", Map.of("startHour", 3L)),
                "network", Map.of("publicAccess", true),
                "firewallRules", List.of(Map.of("name", "office", "startIPAddress", "10.0.0.1", "endIPAddress", "10.0.0.9")),
                "encryption", "platform-managed"), validation.parameters());
        assertEquals(Map.of("retentionDays", 7L, "geoRedundant", false), form.validate(Map.of("location", "eastus",
                "backup.retentionDays", "7", "network.publicAccess", "false")).parameters().get("backup"),
                "the optional window is not made up from nothing");
        assertEquals(Map.of("retentionDays", 8L, "geoRedundant", true), form.validate(Map.of("location", "eastus",
                "backup", "{\"retentionDays\": 8}", "backup.geoRedundant", "true", "network.publicAccess", "false"))
                .parameters().get("backup"), "a whole object as JSON, with one of its fields set beside it");
        assertEquals(Map.of("keyVaultUri", "https://vault.example", "keyName", "pg"), form.validate(Map.of(
                "location", "eastus", "backup.retentionDays", "7", "network.subnetId",
                "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets/db",
                "encryption", "{“keyVaultUri”: “https://vault.example”, “keyName”: “pg”}")).parameters().get("encryption"),
                "chat's smart quotes are read as JSON quotes");
    }

    @Test
    void everyBreachOfTheSchemaIsNamedByItsPathUnderTheFieldThatShowsIt() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(nestedSchema());

        PlanSchemaForm.Validation missing = form.validate(Map.of("location", "eastus"));
        assertEquals(Map.of(), missing.parameters());
        assertEquals("required", missing.errors().get("param:backup.retentionDays"));
        assertEquals("`network` give exactly one of `network.subnetId` or `network.publicAccess`",
                missing.errors().get("param:network.subnetId"), "a oneOf of required lists is said as such");

        PlanSchemaForm.Validation wrong = form.validate(Map.of("location", "eastus", "backup.retentionDays", "90",
                "backup.window.day", "sun", "network.publicAccess", "true", "network.subnetId", "x",
                "firewallRules", RULES.replace("10.0.0.9", "10.0.0"), "extensions", "[\"postgis\", \"postgis\"]",
                "encryption", "{\"keyVaultUri\": \"http://vault\", \"keyName\": \"pg\"}"));
        Map<String, String> errors = wrong.errors();
        assertEquals("must be at most 35", errors.get("param:backup.retentionDays"));
        assertEquals("required", errors.get("param:backup.window.startHour"),
                "once backup.window is given, its required field is");
        assertTrue(errors.get("param:network.subnetId").contains("must match"), errors.toString());
        assertTrue(errors.get("param:network.subnetId").contains("`network` give only one of `network.subnetId` or `network.publicAccess`, not more"),
                errors.get("param:network.subnetId"));
        assertEquals("`firewallRules[0].endIPAddress` must match `^([0-9]{1,3}\\.){3}[0-9]{1,3}$`", errors.get("param:firewallRules"));
        assertEquals("`extensions[1]` repeats extensions[0]; entries must differ", errors.get("param:extensions"));
        assertTrue(errors.get("param:encryption").startsWith("fits none of the 2 alternatives the plan allows (closest: `encryption.keyVaultUri` must match `^https://`"),
                errors.get("param:encryption"));

        PlanSchemaForm.Validation typos = form.validate(Map.of("location", "eastus", "backup.retention", "7",
                "network.publicAccess", "ja", "firewallRules", "[{\"name\": \"office\",]", "backup.window.day", "someday"));
        assertTrue(typos.errors().get("param:backup.retention").startsWith("`backup` has no field `retention`. Did you mean `backup.retentionDays`?"),
                typos.errors().toString());
        assertEquals("must be true or false", typos.errors().get("param:network.publicAccess"));
        assertEquals("must be one of sun, mon, tue, wed, thu, fri, sat", typos.errors().get("param:backup.window.day"));
        assertTrue(typos.errors().get("param:firewallRules").startsWith("is not valid JSON"), typos.errors().toString());
        assertEquals(Map.of(), typos.parameters(), "nothing goes to the broker while anything is wrong");
    }

    @Test
    void theFormDoorReadsTheSameFieldsAndMeetsTheSameValidator() throws IOException {
        PlanSchemaForm form = PlanSchemaForm.of(nestedSchema());
        ViewState state = new ViewState();
        Map<String, Map<String, ViewState.Value>> values = new java.util.HashMap<>();
        values.put("param:location", Map.of("value", selected("northeurope")));
        values.put("param:backup.retentionDays", Map.of("value", typed("10")));
        values.put("param:network.subnetId", Map.of("value", typed("")));
        values.put("param:network.publicAccess", Map.of("value", selected("false")));
        values.put("param:firewallRules", Map.of("value", typed(RULES)));
        state.setValues(values);

        assertEquals(Map.of("location", "northeurope", "backup.retentionDays", "10", "network.publicAccess", "false",
                "firewallRules", RULES), form.raw(state), "blank inputs are not given");
        PlanSchemaForm.Validation read = form.read(state);
        assertTrue(read.valid(), read.errors().toString());
        assertEquals(Map.of("publicAccess", false), read.parameters().get("network"));
    }

    @Test
    void aPlanSaysItTakesNoParametersOnlyWhenItSaysSo() throws IOException {
        PlanSchemaForm none = PlanSchemaForm.of(JSON.readTree("{\"type\": \"object\", \"additionalProperties\": false}"));
        assertTrue(none.isEmpty());
        assertEquals("This plan takes no parameters.", none.emptyNote());
        assertTrue(PlanSchemaForm.of(null).emptyNote().startsWith("This plan does not describe its parameters"));

        PlanSchemaForm shapes = PlanSchemaForm.of(JSON.readTree("""
                {"type": "object", "oneOf": [
                  {"properties": {"size": {"type": "string"}}, "required": ["size"], "additionalProperties": false},
                  {"properties": {"cpu": {"type": "integer"}, "memory_gb": {"type": "integer"}}, "required": ["cpu", "memory_gb"],
                   "additionalProperties": false}]}"""));
        assertEquals(List.of(""), shapes.names(), "alternatives of different shapes: one JSON field for all parameters");
        InputBlock whole = (InputBlock) shapes.inputBlocks().get(0);
        assertEquals("param:", whole.getBlockId());
        assertEquals("Parameters (JSON)", whole.getLabel().getText());
        assertTrue(whole.isOptional());
        assertEquals(Map.of("cpu", 2L, "memory_gb", 4L), shapes.validate(Map.of("", "{\"cpu\": 2, \"memory_gb\": 4}")).parameters());
        assertTrue(shapes.validate(Map.of("", "{\"cpu\": 2}")).errors().get("param:").startsWith("fits none of the 2 alternatives"),
                shapes.validate(Map.of("", "{\"cpu\": 2}")).errors().toString());
        assertTrue(shapes.validate(Map.of("size", "large")).valid(), "a path typed on the command line reaches the same check");
    }

    @Test
    void brokerTextIsCutToBlockKitLimitsAndHugeSchemasStayWithinAModal() throws IOException {
        String longName = "n".repeat(300);
        StringBuilder many = new StringBuilder("{\"type\": \"object\", \"properties\": {");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",").append("\"group").append(i).append("\": {\"type\": \"object\", \"properties\": {")
                    .append("\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"string\"}}}");
        }
        PlanSchemaForm form = PlanSchemaForm.of(JSON.readTree(many.append("}}").toString()));

        assertEquals(60, form.names().size(), "120 inputs would not fit a modal: each group becomes one JSON field");
        assertEquals(form.names(), form.jsonFields());

        PlanSchemaForm deep = PlanSchemaForm.of(JSON.readTree("{\"type\": \"object\", \"properties\": {\"deep\": "
                + "{\"type\": \"object\", \"properties\": {\"" + longName + "\": {\"type\": \"string\", \"title\": \""
                + "T".repeat(3000) + "\", \"description\": \"<!channel> " + "d".repeat(3000) + "\"}}}}}"));
        InputBlock field = (InputBlock) deep.inputBlocks().get(0);
        assertTrue(field.getBlockId().length() <= 255, field.getBlockId());
        assertTrue(field.getLabel().getText().length() <= 2000);
        assertTrue(field.getHint().getText().length() <= 2000);
        ViewState.Value value = typed("x");
        ViewState state = new ViewState();
        state.setValues(Map.of(field.getBlockId(), Map.of("value", value)));
        assertEquals(Map.of("deep." + longName, "x"), deep.raw(state), "a long path still reads back by its own block");
    }

    private static ViewState.Value typed(String text) {
        ViewState.Value value = new ViewState.Value();
        value.setValue(text);
        return value;
    }

    private static ViewState.Value selected(String option) {
        ViewState.Value value = new ViewState.Value();
        ViewState.SelectedOption chosen = new ViewState.SelectedOption();
        chosen.setValue(option);
        value.setSelectedOption(chosen);
        return value;
    }
}
