package io.peerlab.core;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The layers of {@code modules/core} (docs/architecture.md, "Layers"), as rules that fail the
 * build. The floor (ids, network model, content, workload, metrics and the peer API in {@code
 * api}) imports nothing above it; the protocols ({@code overlay.*}, {@code transfer.*}) import the
 * floor only; the assembly ({@code peer}, {@code run}, {@code sim}) puts them together. The
 * enforcer plugin keeps Pekko and Typesafe Config out of core's dependencies; these rules keep
 * them, the wall clock and global randomness out of its code.
 */
@AnalyzeClasses(packages = "io.peerlab.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Overlays that may import only themselves and the shared overlay packages. */
  static final List<String> OVERLAYS =
      List.of("index", "superpeer", "flooding", "randomwalk", "chord", "kademlia");

  /** What overlays may share: the unstructured base, the DHT layer, and common pieces. */
  static final List<String> SHARED_OVERLAY_PACKAGES = List.of("unstructured", "dht", "common");

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices().matching("io.peerlab.core.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layersPointDown =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("floor")
          .definedBy(
              "io.peerlab.core.util..",
              "io.peerlab.core.id..",
              "io.peerlab.core.net..",
              "io.peerlab.core.content..",
              "io.peerlab.core.workload..",
              "io.peerlab.core.metrics..",
              "io.peerlab.core.api..",
              "io.peerlab.core.churn..")
          .layer("protocols")
          .definedBy("io.peerlab.core.overlay..", "io.peerlab.core.transfer..")
          .layer("assembly")
          .definedBy("io.peerlab.core.peer..", "io.peerlab.core.run..", "io.peerlab.core.sim..")
          .whereLayer("assembly")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("protocols")
          .mayOnlyBeAccessedByLayers("assembly")
          .whereLayer("floor")
          .mayOnlyBeAccessedByLayers("protocols", "assembly");

  @ArchTest
  static final ArchRule peerGetsItsPartsFromTheSpecNotTheRegistries =
      noClasses()
          .that()
          .resideInAPackage("io.peerlab.core.peer..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.peerlab.core.run..", "io.peerlab.core.sim..")
          .because(
              "a PeerNode is built from its RunSetup: the spec carries its Topology and"
                  + " TransferStrategy, so the node needs no registry and no host");

  @ArchTest
  static final ArchRule noActorRuntimeConfigOrJson =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.pekko..", "akka..", "com.typesafe.config..", "com.fasterxml.jackson..")
          .because("the core is sans-IO and runs unchanged on every host");

  @ArchTest
  static final ArchRule noWallClockGlobalRandomnessSleepsOrFiles =
      noClasses()
          .should()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethodWhere(
              describe(
                  "a java.time now()",
                  (JavaCall<?> c) ->
                      c.getTarget().getName().equals("now")
                          && c.getTargetOwner().getPackageName().equals("java.time")))
          .orShould()
          .callMethod(Math.class, "random")
          .orShould()
          .callConstructor(Random.class)
          .orShould()
          .callConstructor(SplittableRandom.class)
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(ThreadLocalRandom.class, File.class)
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.nio.file..")
          .because(
              "time comes from the host's port, randomness from the run's seed (util.Seeds), and"
                  + " the core does no I/O");

  @ArchTest
  static final ArchRule overlaysShareOnlyThroughSharedPackages = overlayIsolation();

  private static ArchRule overlayIsolation() {
    List<ArchRule> rules = new ArrayList<>();
    for (String overlay : OVERLAYS) {
      String[] others =
          OVERLAYS.stream()
              .filter(o -> !o.equals(overlay))
              .map(o -> "io.peerlab.core.overlay." + o + "..")
              .toArray(String[]::new);
      rules.add(
          noClasses()
              .that()
              .resideInAPackage("io.peerlab.core.overlay." + overlay + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(others)
              .because("overlays share code only through overlay." + SHARED_OVERLAY_PACKAGES));
    }
    String[] all =
        OVERLAYS.stream().map(o -> "io.peerlab.core.overlay." + o + "..").toArray(String[]::new);
    for (String shared : SHARED_OVERLAY_PACKAGES) {
      rules.add(
          noClasses()
              .that()
              .resideInAPackage("io.peerlab.core.overlay." + shared + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(all)
              .because("a shared package serves every overlay and knows none of them"));
    }
    rules.add(
        noClasses()
            .that()
            .resideInAPackage("io.peerlab.core.transfer..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.peerlab.core.overlay..")
            .because("transfer strategies reach the overlay only through NodeContext"));
    return CompositeArchRule.of(rules);
  }
}
