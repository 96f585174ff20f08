package uk.ccmt.inforequest;

import java.util.List;

/** The six kinds of information a participant is asked for, each with its form's fields (PRODUCT.md §5). */
public enum RequestType {
  CONTACT_DETAILS("contactName", "contactEmail", "contactPhone"),
  DEFECT_MANAGEMENT_ACCESS("rqmUserEmails"),
  API_REGISTRATION("apiContactEmail", "sourceIpAddresses"),
  IX_SETUP("ixNodeName", "sourceIpAddresses"),
  SFTP_INFORMATION("sftpUsername", "sshPublicKey", "sourceIpAddresses"),
  REGISTRATION_CONFIRMATION("confirmedBy", "registrationConfirmed");

  private final List<String> fields;

  RequestType(String... fields) {
    this.fields = List.of(fields);
  }

  /** The field names, in the order the form shows them and the validator checks them. */
  public List<String> fields() {
    return fields;
  }
}
