package uk.ccmt.inforequest;

import java.util.List;
import java.util.Locale;

/** The six kinds of information a participant is asked for, each with its form's fields (PRODUCT.md §5). */
public enum RequestType {
  CONTACT_DETAILS("contact details", "contactName", "contactEmail", "contactPhone"),
  DEFECT_MANAGEMENT_ACCESS("defect-management (RQM) access", "rqmUserEmails"),
  API_REGISTRATION("API registration", "apiContactEmail", "sourceIpAddresses"),
  IX_SETUP("IX set-up", "ixNodeName", "sourceIpAddresses"),
  SFTP_INFORMATION("SFTP information", "sftpUsername", "sshPublicKey", "sourceIpAddresses"),
  REGISTRATION_CONFIRMATION("registration confirmation", "confirmedBy", "registrationConfirmed");

  private final String label;
  private final List<String> fields;

  RequestType(String label, String... fields) {
    this.label = label;
    this.fields = List.of(fields);
  }

  /** What is asked for, as a sentence says it: "SFTP information". */
  public String label() {
    return label;
  }

  /** The id of its Camunda Form, forms/information-request-&lt;type&gt;.form. */
  public String formKey() {
    return "information-request-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The field names, in the order the form shows them and the validator checks them. */
  public List<String> fields() {
    return fields;
  }
}
