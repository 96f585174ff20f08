package uk.ccmt.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import uk.ccmt.support.CcmtTest;
import uk.ccmt.support.TestData;

/**
 * POST /api/reviews refuses what makes no sense with a 4xx naming the field and why, and writes
 * nothing: no review row, no document, no request, no process. Uploads are checked by size, by
 * extension and by content, and a document is only ever served as a download.
 */
@CcmtTest
class ReviewBadInputTest {

  private static final String RELEASE_MANAGER = "rachel";
  private static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Autowired MockMvc mvc;
  @Autowired TestData given;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @BeforeEach
  void programme() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(
        java.util.Date.from(Instant.parse("2026-11-30T09:00:00Z")));
    given.releaseManager(RELEASE_MANAGER);
    given.participant("NLE", "CHALLENGER", "ops@nle.example");
    given.participant("BRG", "LARGE_SUPPLIER", "trials@brg.example");
  }

  @Test
  void shouldRefuseADeadlineInThePast() throws Exception {
    refusedJson(Map.of("dueDate", "2026-11-29"), "dueDate", "is in the past");
    refusedJson(Map.of("dueDate", "next week"), "dueDate", "is not a date");
  }

  @Test
  void shouldNameTheUnknownOrganisations() throws Exception {
    refusedJson(
        Map.of("participants", List.of("NLE", "NOPE", "GONE")),
        "participants",
        "'NOPE', 'GONE' are not registered participants");
  }

  @Test
  void shouldTakeOnlyAnHttpLinkOrAnUploadButNotBothNorNeither() throws Exception {
    refusedJson(Map.of("documentUrl", "javascript:alert(1)"), "documentUrl", "http or https");
    refusedJson(Map.of("documentUrl", "file:///etc/passwd"), "documentUrl", "http or https");
    Map<String, Object> noLink = new HashMap<>(review());
    noLink.remove("documentUrl");
    refused(postJson(noLink), 400, "documentUrl", "is required");
    refused(
        upload(new MockMultipartFile("document", "plan.pdf", "application/pdf", PDF), true),
        400,
        "documentUrl",
        "not both");
  }

  @Test
  void shouldRefuseAnUploadLargerThanTheLimitWith413NamingIt() throws Exception {
    byte[] large = new byte[20 * 1024 * 1024 + 1];
    System.arraycopy(PDF, 0, large, 0, PDF.length);
    refused(
        upload(new MockMultipartFile("document", "plan.pdf", "application/pdf", large), false),
        413,
        "document",
        "ccmt.documents.max-size");
  }

  @Test
  void shouldRefuseTypesThatAreNotAllowedOrWhoseContentIsNotWhatTheirNameSays() throws Exception {
    for (MockMultipartFile file :
        List.of(
            file("plan.html", "text/html", "<html><script>alert(1)</script></html>"),
            file("plan.svg", "image/svg+xml", "<svg onload=alert(1)></svg>"),
            file("plan.js", "text/javascript", "alert(1)"),
            file("setup.exe", "application/octet-stream", "MZ\u0090\u0000"),
            file("plan", "application/pdf", "%PDF-1.7"),
            file("plan.pdf", "application/pdf", "<!DOCTYPE html><html><script>x</script>"),
            file("plan.docx", "application/octet-stream", "<html></html>"),
            file("notes.txt", "text/plain", "<html><body onload=alert(1)>"),
            file("notes.md", "text/markdown", "<svg onload=alert(1)></svg>"))) {
      refused(upload(file, false), 400, "document", file.getOriginalFilename());
    }
  }

  @Test
  void shouldServeATextDocumentAsADownloadOnlyWhateverItHolds() throws Exception {
    String id =
        json.readTree(
                upload(
                        file(
                            "../../notes<script>.txt",
                            "text/html",
                            "Section 3: see <script>alert(1)</script>"),
                        false)
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .path("id")
            .asText();
    mvc.perform(
            get("/api/reviews/" + id + "/document")
                .with(httpBasic(RELEASE_MANAGER, TestData.PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", containsString("text/plain")))
        .andExpect(header().string("Content-Disposition", containsString("attachment;")))
        .andExpect(header().string("Content-Disposition", containsString("notes_script_.txt")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(
            header().string("Content-Security-Policy", containsString("default-src 'none'")));
  }

  // --- helpers ------------------------------------------------------------------------------

  private Map<String, Object> review() {
    return Map.of(
        "title",
        "Release Management Plan",
        "version",
        "1.0",
        "documentUrl",
        "https://ccmt.example/plan.pdf",
        "dueDate",
        "2026-12-11",
        "participants",
        List.of("NLE", "BRG"));
  }

  private void refusedJson(Map<String, Object> change, String field, String reason)
      throws Exception {
    Map<String, Object> body = new HashMap<>(review());
    body.putAll(change);
    refused(postJson(body), 400, field, reason);
  }

  private ResultActions postJson(Map<String, Object> body) throws Exception {
    return mvc.perform(
        post("/api/reviews")
            .with(httpBasic(RELEASE_MANAGER, TestData.PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(body)));
  }

  private ResultActions upload(MockMultipartFile document, boolean withLink) throws Exception {
    MockMultipartHttpServletRequestBuilder request = multipart("/api/reviews").file(document);
    request
        .param("title", "Release Management Plan")
        .param("version", "1.0")
        .param("dueDate", "2026-12-11")
        .param("participants", "NLE,BRG");
    if (withLink) {
      request.param("documentUrl", "https://ccmt.example/plan.pdf");
    }
    return mvc.perform(request.with(httpBasic(RELEASE_MANAGER, TestData.PASSWORD)));
  }

  private void refused(ResultActions answer, int status, String field, String reason)
      throws Exception {
    long reviewsBefore = count();
    answer
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(jsonPath("$.detail").value(containsString(reason)));
    assertThat(count()).as("nothing written").isEqualTo(reviewsBefore).isZero();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("documentReview")
                .count())
        .isZero();
  }

  private long count() {
    return jdbc.sql(
            """
            select (select count(*) from document_review) + (select count(*) from review_document)
              + (select count(*) from review_request)""")
        .query(Long.class)
        .single();
  }

  private static MockMultipartFile file(String name, String type, String content) {
    return new MockMultipartFile("document", name, type, content.getBytes(StandardCharsets.UTF_8));
  }
}
