package uk.ccmt;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies between feature packages point one way: a package cycle fails the build. A view that
 * combines features lives above them (web/), and a feature that needs something of a feature above
 * it says so with an interface it owns (release.RunningBuilds, implemented in environment/).
 */
@AnalyzeClasses(packages = "uk.ccmt", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles =
      slices().matching("uk.ccmt.(*)..").should().beFreeOfCycles();
}
