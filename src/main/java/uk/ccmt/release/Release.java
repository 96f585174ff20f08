package uk.ccmt.release;

import java.time.LocalDate;

/** A release as stored; the API view adds its defects, deployments and notes. */
public record Release(
    String id,
    ReleaseType type,
    ReleaseStatus status,
    String buildVersion,
    String week,
    LocalDate plannedDate,
    String processInstanceId) {}
