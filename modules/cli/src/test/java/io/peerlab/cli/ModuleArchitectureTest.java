package io.peerlab.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the modules above core may use it (docs/architecture.md, "Layers"). The cli module's test
 * class path holds every module, so the rules across modules live here. Maven keeps the module
 * order (core never sees runtime, scenario or cli); these rules keep the hosts and the CLI out of
 * the protocols' internals, so that an overlay or strategy is found by name, never imported.
 */
@AnalyzeClasses(packages = "io.peerlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArchitectureTest {

  @ArchTest
  static final ArchRule runtimeImportsNoOverlayOrTransfer =
      noClasses()
          .that()
          .resideInAPackage("io.peerlab.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.peerlab.core.overlay..", "io.peerlab.core.transfer..")
          .because("a host runs any protocol through PeerNode and the api package");

  @ArchTest
  static final ArchRule cliImportsNoOverlayOrTransfer =
      noClasses()
          .that()
          .resideInAPackage("io.peerlab.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.peerlab.core.overlay..", "io.peerlab.core.transfer..")
          .because("the CLI only parses, prints and calls the scenario and runtime modules");

  @ArchTest
  static final ArchRule scenarioReadsOnlyProtocolSettings =
      noClasses()
          .that()
          .resideInAPackage("io.peerlab.scenario..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("io.peerlab.core.overlay..", "io.peerlab.core.transfer..")
                  .and(not(nameMatching(".*Settings"))))
          .because("scenario files name protocols; only their settings records are read here");

  @ArchTest
  static final ArchRule reportReadsResultsJsonNotCoreTypes =
      noClasses()
          .that()
          .resideInAPackage("io.peerlab.report..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.peerlab.core..", "io.peerlab.runtime..")
          .because("a report reads results.json, the contract of docs/results.md, so it reads files of"
              + " any version and does not follow the Java result types as they change");

  @ArchTest
  static final ArchRule onlyTheCliUsesTheDemo =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.peerlab.cli..", "io.peerlab.demo..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.peerlab.demo..")
          .because("the live demo and its web server (Pekko HTTP) stay out of every module but the"
              + " command line that starts it");

  @ArchTest
  static final ArchRule modulePackagesFormNoCycles =
      slices().matching("io.peerlab.(*)..").should().beFreeOfCycles();
}
