package org.ipsjobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of the README's Architecture section, checked on the compiled main classes:
 * data flows one way, from the entry points (soap, wired by server) through the JobService API to
 * the rules (jobs.core) and on to the store SPI, the scheduler and the runners; the domain knows
 * nothing of SOAP, JAXB, CXF or Jetty, and reads time only from the service clock.
 */
@AnalyzeClasses(packages = "org.ipsjobs", importOptions = {ImportOption.DoNotIncludeTests.class,
        ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    /** Everything below the entry points. */
    private static final String[] DOMAIN = {"org.ipsjobs.time..", "org.ipsjobs.auth..", "org.ipsjobs.schedule..",
            "org.ipsjobs.jobs..", "org.ipsjobs.run..", "org.ipsjobs.control..", "org.ipsjobs.assets.."};

    @ArchTest
    static final ArchRule layersOnlyCallDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Time").definedBy("org.ipsjobs.time..")
            .layer("Auth").definedBy("org.ipsjobs.auth..")
            .layer("Schedule").definedBy("org.ipsjobs.schedule..")
            .layer("Model").definedBy("org.ipsjobs.jobs.model..")
            .layer("Api").definedBy("org.ipsjobs.jobs.api..")
            .layer("StoreSpi").definedBy("org.ipsjobs.jobs.store")
            .layer("MemoryStore").definedBy("org.ipsjobs.jobs.store.memory..")
            .layer("Control").definedBy("org.ipsjobs.control..")
            .layer("Run").definedBy("org.ipsjobs.run..")
            .layer("Assets").definedBy("org.ipsjobs.assets..")
            .layer("Core").definedBy("org.ipsjobs.jobs.core..")
            .layer("Soap").definedBy("org.ipsjobs.soap..")
            .layer("Admin").definedBy("org.ipsjobs.admin..")
            .layer("Dashboard").definedBy("org.ipsjobs.dashboard..")
            .layer("Metrics").definedBy("org.ipsjobs.metrics..")
            .layer("Generated").definedBy("org.ipsjobs.ipsapi..")
            .layer("Server").definedBy("org.ipsjobs.server..")
            .layer("Testkit").definedBy("org.ipsjobs.testkit..")
            .whereLayer("Testkit").mayNotBeAccessedByAnyLayer()
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Testkit")
            .whereLayer("Soap").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Dashboard").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Soap", "Server")
            .whereLayer("Admin").mayOnlyBeAccessedByLayers("Dashboard", "Metrics", "Server", "Testkit")
            .whereLayer("Control").mayOnlyBeAccessedByLayers("Run", "Core", "Soap", "Admin", "Dashboard", "Metrics", "Server",
                    "Testkit")
            .whereLayer("Generated").mayOnlyBeAccessedByLayers("Soap", "Server")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Server", "Testkit")
            .whereLayer("MemoryStore").mayOnlyBeAccessedByLayers("Server")
            .whereLayer("Run").mayOnlyBeAccessedByLayers("Core", "Server")
            .whereLayer("Assets").mayOnlyBeAccessedByLayers("Run", "Core", "Server")
            .whereLayer("StoreSpi").mayOnlyBeAccessedByLayers("MemoryStore", "Run", "Core", "Server")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("StoreSpi", "MemoryStore", "Run", "Core", "Soap", "Admin",
                    "Dashboard", "Server")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Api", "StoreSpi", "MemoryStore", "Control", "Run", "Core",
                    "Soap", "Admin", "Dashboard", "Metrics", "Server")
            .whereLayer("Schedule").mayOnlyBeAccessedByLayers("Model", "Api", "Control", "Core", "Run", "Soap", "Admin",
                    "Dashboard", "Server")
            .whereLayer("Auth").mayOnlyBeAccessedByLayers("Api", "Core", "Soap", "Dashboard", "Metrics", "Server")
            .whereLayer("Time").mayOnlyBeAccessedByLayers("Schedule", "Control", "Run", "Core", "Admin", "Server",
                    "Testkit");

    @ArchTest
    static final ArchRule theDomainKnowsNoWireTechnology = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.ipsjobs.ipsapi..", "jakarta.xml.bind..",
                    "javax.xml.bind..", "org.apache.cxf..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "jakarta.xml.ws..", "javax.xml.ws..", "jakarta.jws..", "javax.xml.soap..", "jakarta.xml.soap..")
            .because("the rules must hold for every entry point, and a store must be able to persist the records");

    @ArchTest
    static final ArchRule quartzStaysInTheSchedulePackage = noClasses().that()
            .resideOutsideOfPackage("org.ipsjobs.schedule..")
            .should().dependOnClassesThat().resideInAPackage("org.quartz..")
            .because("a clustered scheduler can then replace it behind JobScheduler");

    @ArchTest
    static final ArchRule theDomainReadsTimeOnlyFromTheServiceClock = noClasses().that()
            .resideInAnyPackage(DOMAIN).and().resideOutsideOfPackage("org.ipsjobs.time..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .because("moving the service clock must move every schedule, pace, expiry and timestamp");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.ipsjobs.(**)").should().beFreeOfCycles();
}
