package uk.ccmt.review;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.documents.*: what may be uploaded for a document review.
 *
 * @param maxSize the largest document accepted; a larger upload is refused with 413 (the servlet
 *     multipart limits are set above it, so the application refuses it, not the server)
 * @param allowedTypes the file extensions accepted, each checked against the content too; any of
 *     pdf, docx, xlsx, pptx, odt, ods, odp, txt, md
 */
@Validated
@ConfigurationProperties("ccmt.documents")
record DocumentProperties(
    @DefaultValue("20MB") @NotNull DataSize maxSize,
    @DefaultValue({"pdf", "docx", "xlsx", "pptx", "odt", "txt", "md"}) @NotEmpty
        List<String> allowedTypes) {}
