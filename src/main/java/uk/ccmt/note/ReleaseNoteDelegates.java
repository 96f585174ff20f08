package uk.ccmt.note;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.ccmt.release.ReleaseService;

/** The note steps of the release models. */
@Configuration(proxyBeanMethods = false)
class ReleaseNoteDelegates {

  private static final String RELEASE_ID = "releaseId";

  @Bean
  JavaDelegate createProvisionalNoteDelegate(ReleaseNoteService notes) {
    return execution -> notes.createProvisional((String) execution.getVariable(RELEASE_ID));
  }

  @Bean
  JavaDelegate createFinalNoteDelegate(ReleaseNoteService notes) {
    return execution -> notes.createFinal((String) execution.getVariable(RELEASE_ID));
  }

  /** The week ends without a release, and participants get a notice saying so. */
  @Bean
  JavaDelegate recordNoReleaseDelegate(ReleaseService releases, ReleaseNoteService notes) {
    return execution -> {
      String releaseId = (String) execution.getVariable(RELEASE_ID);
      releases.recordNoRelease(releaseId);
      notes.createNoReleaseNotice(releaseId);
    };
  }
}
