package io.peerlab.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The protocol author's API ({@code io.peerlab.core.api}, docs/extending.md) as rules: its public
 * signatures name only types of the API and of the floor below it, so a plugin compiled against it
 * never reaches peerlab's assembly ({@code peer}, {@code run}, {@code sim}), an overlay or a
 * transfer strategy; and every public type says how stable it is.
 */
@AnalyzeClasses(packages = "io.peerlab.core.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiSurfaceTest {

  /** What a public signature in {@code api} may name, besides the JDK and apiguardian. */
  static final List<String> ALLOWED =
      List.of("api", "id", "content", "net", "workload", "util", "metrics").stream()
          .map(p -> "io.peerlab.core." + p)
          .toList();

  @ArchTest
  static final ArchRule publicSignaturesExposeOnlyTheFloor =
      classes()
          .that()
          .resideInAPackage("io.peerlab.core.api")
          .and()
          .arePublic()
          .should(exposeOnlyAllowedTypes())
          .because(
              "a plugin programs against api and the floor only (docs/extending.md); peer, run,"
                  + " sim, overlay and transfer types are peerlab's internals");

  @ArchTest
  static final ArchRule publicTypesSayHowStableTheyAre =
      classes()
          .that()
          .resideInAPackage("io.peerlab.core.api")
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should()
          .beAnnotatedWith(API.class)
          .because("users see from @API(status = ...) what they may rely on");

  private static ArchCondition<JavaClass> exposeOnlyAllowedTypes() {
    return new ArchCondition<>("expose only api, id, content, net, workload, util, metrics types") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> bad = new ArrayList<>();
        c.getRawSuperclass().ifPresent(s -> checkType(s, "superclass", bad));
        c.getRawInterfaces().forEach(i -> checkType(i, "interface", bad));
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!visible(u.getModifiers())) {
            continue;
          }
          checkType(u.getRawReturnType(), u.getFullName() + " returns", bad);
          u.getRawParameterTypes().forEach(p -> checkType(p, u.getFullName() + " takes", bad));
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers())) {
            checkType(f.getRawType(), f.getFullName(), bad);
          }
        }
        for (String b : bad) {
          events.add(SimpleConditionEvent.violated(c, b));
        }
        if (bad.isEmpty()) {
          events.add(SimpleConditionEvent.satisfied(c, c.getName() + " exposes only allowed types"));
        }
      }
    };
  }

  private static boolean visible(java.util.Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void checkType(JavaClass t, String where, List<String> bad) {
    JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
    if (base.isPrimitive()) {
      return;
    }
    String pkg = base.getPackageName();
    if (pkg.startsWith("java.") || pkg.startsWith("org.apiguardian") || ALLOWED.contains(pkg)) {
      return;
    }
    bad.add(where + " " + base.getName() + ", which is not part of the API or its floor");
  }
}
