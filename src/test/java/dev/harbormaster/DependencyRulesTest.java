package dev.harbormaster;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The floor plan of DESIGN.md, checked over the compiled classes so that it stays true: the sandbox is an outside
 * party, features do not import each other in a circle, and only the Slack-facing classes of a feature (its message
 * builders, modals, listeners and interaction handlers) touch the Slack SDK.
 */
class DependencyRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.harbormaster");

    /** Where Slack's SDK belongs: the door in and out, and the classes of a feature that speak Block Kit. */
    private static final Pattern SLACK_FACING = Pattern.compile(
            ".*(Message|Messages|Modal|Form|Listeners|Interactions|Clicks|Replies)(\\$.*)?$|.*\\.Modal[A-Z].*");

    @Test
    void nothingButTheSandboxItselfImportsTheSandbox() {
        noClasses().that().resideOutsideOfPackage("dev.harbormaster.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("dev.harbormaster.sandbox..")
                .because("the sandbox stands in for Slack and reaches the bot over HTTP only")
                .check(CLASSES);
    }

    @Test
    void featurePackagesDoNotImportEachOtherInACircle() {
        slices().matching("dev.harbormaster.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void featureServicesHoldNoSlackSdkTypes() {
        noClasses().that().resideInAnyPackage("dev.harbormaster.approval..", "dev.harbormaster.audit..",
                        "dev.harbormaster.catalog..", "dev.harbormaster.addon..", "dev.harbormaster.deployment..",
                        "dev.harbormaster.kubernetes..", "dev.harbormaster.team..", "dev.harbormaster.alert..",
                        "dev.harbormaster.digest..", "dev.harbormaster.cost..")
                .and(DescribedPredicate.not(slackFacing()))
                .should().dependOnClassesThat().resideInAPackage("com.slack.api..")
                .because("Slack is reached through slack/ and notify/; a feature's services stay testable without it")
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> slackFacing() {
        return DescribedPredicate.describe("Slack-facing (messages, modals, forms, listeners, interactions)",
                javaClass -> SLACK_FACING.matcher(javaClass.getName()).matches());
    }
}
