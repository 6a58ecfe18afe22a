package dev.harbormaster.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceFormValidatorTest {

    private static ServiceFormValidator.Result validate(ServiceForm form) {
        return ServiceFormValidator.validate(form, true, "payments-api"::equals, "payments"::equals,
                Set.of("staging", "production"));
    }

    @Test
    void aCompleteFormIsValidAndItsEnvironmentsAreParsed() {
        ServiceFormValidator.Result result = validate(new ServiceForm("ledger-api", "Ledger", "payments", "2",
                "production", "https://github.com/example/ledger-api", null, EnvironmentLines.EXAMPLE + "\n\nstaging replicas=1"));
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(2, result.tier());
        assertEquals(new EnvironmentSpec("production", "eks-eu-1", "payments", "eu-west-1", "IE", 2, 6, "500m", "512Mi"),
                result.environments().get(0));
        assertEquals(new EnvironmentSpec("staging", null, null, null, null, 1, 1, null, null), result.environments().get(1));
    }

    @Test
    void errorsAreKeyedByTheBlockOfTheFieldAndSayWhatToDo() {
        Map<String, String> errors = validate(new ServiceForm("payments-api", null, "paymnts", "9", "production",
                "github.com/x", "ftp://runbooks", "production cluster=a\nstaging clustr=b")).errors();
        assertEquals("A service named payments-api already exists: pick another name, or edit it with service edit payments-api.",
                errors.get(ServiceForm.NAME));
        assertEquals("There is no team named paymnts: choose one from the list.", errors.get(ServiceForm.OWNER));
        assertEquals("The tier is 1, 2, 3 or 4.", errors.get(ServiceForm.TIER));
        assertTrue(errors.get(ServiceForm.REPO).startsWith("The repository URL must be a full http(s) address"));
        assertTrue(errors.get(ServiceForm.RUNBOOK).startsWith("The runbook URL must be"));
        assertEquals("Line 2: unknown key `clustr`; use cluster, namespace, region, country, replicas, cpu, memory",
                errors.get(ServiceForm.ENVIRONMENTS));
    }

    @Test
    void anInvalidNameSaysTheRule() {
        String error = validate(new ServiceForm("Payments API", null, "payments", null, "production", null, null, null))
                .errors().get(ServiceForm.NAME);
        assertTrue(error.startsWith("\"Payments API\" cannot name a Kubernetes workload: use lower-case letters"), error);
        assertTrue(error.endsWith("e.g. payments-api."), error);
    }

    @Test
    void aNameBackstageTakesButKubernetesRefusesIsRefusedAtTheDoor() {
        String error = validate(new ServiceForm("Fraud_Scorer", null, "payments", null, "production", null, null, null))
                .errors().get(ServiceForm.NAME);
        assertTrue(error.startsWith("\"Fraud_Scorer\" cannot name a Kubernetes workload") && error.endsWith("e.g. fraud-scorer."),
                error);
    }

    @Test
    void quantitiesAndNamespacesAreCheckedAsKubernetesWouldBeforeTheyReachAManifest() {
        assertEquals("production: cpu=lots is not a Kubernetes quantity, e.g. cpu=500m or cpu=1.", validate(new ServiceForm(
                "ledger-api", null, "payments", null, "production", null, null, "production cpu=lots")).errors().get(ServiceForm.ENVIRONMENTS));
        assertEquals("staging: memory=much is not a Kubernetes quantity, e.g. memory=512Mi or memory=1Gi.", validate(new ServiceForm(
                "ledger-api", null, "payments", null, "production", null, null, "staging memory=much")).errors().get(ServiceForm.ENVIRONMENTS));
        assertEquals("staging: namespace Payments_Staging is not a Kubernetes namespace name (lower-case letters, digits and '-').",
                validate(new ServiceForm("ledger-api", null, "payments", null, "production", null, null,
                        "staging namespace=Payments_Staging")).errors().get(ServiceForm.ENVIRONMENTS));
        assertTrue(validate(new ServiceForm("ledger-api", null, "payments", null, "production", null, null,
                "staging cpu=0.5 memory=1G\nproduction cpu=1500m memory=2Gi")).valid());
    }

    @Test
    void environmentLinesReportTheLineNumber() {
        assertEquals(Optional.of("line 3: replicas 6-2 has the larger number first"),
                EnvironmentLines.parse("a\nb\nc replicas=6-2").problem());
        assertEquals(Optional.of("line 2: environment `a` is already listed"), EnvironmentLines.parse("a\n a cpu=1").problem());
        assertEquals(Optional.of("line 1: `cpu` is not key=value"), EnvironmentLines.parse("a cpu").problem());
    }

    @Test
    void environmentLinesRoundTripThroughTheEditModal() {
        Environment environment = new Environment();
        environment.copyFrom(new EnvironmentSpec("production", "eks-eu-1", "payments", "eu-west-1", "IE", 2, 6, "500m", "512Mi"));
        String text = EnvironmentLines.format(List.of(environment));
        assertEquals(EnvironmentLines.EXAMPLE, text);
        assertEquals(List.of(new EnvironmentSpec("production", "eks-eu-1", "payments", "eu-west-1", "IE", 2, 6, "500m", "512Mi")),
                EnvironmentLines.parse(text).environments());
    }

    @Test
    void pagingButtonValuesCarryTheFilters() {
        ServiceQuery query = new ServiceQuery("payments", 1, "card & refunds", 3);
        assertEquals(Optional.of(query), ServicePageValue.decode(ServicePageValue.encode(query)));
        assertEquals(Optional.empty(), ServicePageValue.decode("page=two"));
    }

    @Test
    void pastedYamlLosesFencesAndSlackEscaping() {
        assertEquals("kind: Group\ndescription: R&D <core>\n",
                PastedYaml.clean("```yaml\nkind: Group\ndescription: R&amp;D &lt;core&gt;\n```"));
    }

    @Test
    void anEnvironmentThePlatformDoesNotHaveIsRefusedSoItCannotEscapeThePoliciesOfItsName() {
        ServiceFormValidator.Result result = validate(new ServiceForm("ledger-api", null, "payments", "2", "production",
                null, null, "prod cluster=eks-eu-1 namespace=payments"));
        assertTrue(result.errors().get(ServiceForm.ENVIRONMENTS).startsWith("\"prod\" is not one of the platform's environments "
                + "(production, staging)"), result.errors().toString());
    }
}
