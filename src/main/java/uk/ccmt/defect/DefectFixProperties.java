package uk.ccmt.defect;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.defects.*: the defectFix process's times.
 *
 * @param target how long the development team has, by severity, from raising a defect to delivering
 *     its fix; when it has passed, the release managers are emailed once and get a chase task, and
 *     the work goes on
 * @param confirmWithin how long the raiser has to confirm a released fix (or reopen it); without an
 *     answer the defect closes as "released, not confirmed"
 */
@Validated
@ConfigurationProperties("ccmt.defects")
public record DefectFixProperties(
    @DefaultValue @Valid @NotNull Target target,
    @DefaultValue("P5D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
        Duration confirmWithin) {

  /**
   * ccmt.defects.target.S1 … S4.
   *
   * @param s1 the target time of an S1 defect (one that does not stop testing: those go the
   *     emergency path)
   * @param s2 the target time of an S2 defect
   * @param s3 the target time of an S3 defect
   * @param s4 the target time of an S4 defect
   */
  public record Target(
      @DefaultValue("P1D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
          Duration s1,
      @DefaultValue("P3D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
          Duration s2,
      @DefaultValue("P10D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
          Duration s3,
      @DefaultValue("P20D") @NotNull @DurationMin(inclusive = false, message = "must be positive")
          Duration s4) {

    /** The target time of a severity. */
    public Duration of(Severity severity) {
      return switch (severity) {
        case S1 -> s1;
        case S2 -> s2;
        case S3 -> s3;
        case S4 -> s4;
      };
    }
  }
}
