package uk.ccmt.system;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where participants reach the public CCMT web page (ccmt.web.*). Notes and emails link to it from
 * outside the application, so the address cannot be taken from a request.
 */
@Validated
@ConfigurationProperties("ccmt.web")
public record WebProperties(@DefaultValue("http://localhost:8080") @NotNull URI baseUrl) {

  /** The page of one release, where all its notes are published. */
  public URI releasePage(String releaseId) {
    return UriComponentsBuilder.fromUri(baseUrl)
        .path("/releases/{id}")
        .buildAndExpand(releaseId)
        .encode()
        .toUri();
  }

  /** One note on its release's page. */
  public URI notePage(String releaseId, String anchor) {
    return UriComponentsBuilder.fromUri(releasePage(releaseId)).fragment(anchor).build().toUri();
  }

  /** The public page itself, which lists every note, the calendar and the freezes. */
  public URI releasesPage() {
    return UriComponentsBuilder.fromUri(baseUrl).path("/releases").build().toUri();
  }

  /**
   * A calendar entry's UID, {@code name@host} (such as {@code slot-2026-W50@ccmt.example}): the
   * same in every reading of the feed, for as long as the page keeps its address.
   */
  public String calendarUid(String name) {
    return name + "@" + baseUrl.getHost();
  }
}
