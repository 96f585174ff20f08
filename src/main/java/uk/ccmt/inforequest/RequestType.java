package uk.ccmt.inforequest;

import static uk.ccmt.inforequest.RequestType.Field.API_CONTACT_EMAIL;
import static uk.ccmt.inforequest.RequestType.Field.CONFIRMED_BY;
import static uk.ccmt.inforequest.RequestType.Field.CONTACT_EMAIL;
import static uk.ccmt.inforequest.RequestType.Field.CONTACT_NAME;
import static uk.ccmt.inforequest.RequestType.Field.CONTACT_PHONE;
import static uk.ccmt.inforequest.RequestType.Field.IX_NODE_NAME;
import static uk.ccmt.inforequest.RequestType.Field.REGISTRATION_CONFIRMED;
import static uk.ccmt.inforequest.RequestType.Field.RQM_USER_EMAILS;
import static uk.ccmt.inforequest.RequestType.Field.SFTP_USERNAME;
import static uk.ccmt.inforequest.RequestType.Field.SOURCE_IP_ADDRESSES;
import static uk.ccmt.inforequest.RequestType.Field.SSH_PUBLIC_KEY;

import java.util.List;
import java.util.Locale;

/**
 * The six kinds of information a participant is asked for, each with its form's fields (PRODUCT.md
 * §5).
 *
 * <p>A type, its fields and each field's rule are declared here and nowhere else: a new type is one
 * constant here (and new {@link Field}s if it asks something new) plus its
 * forms/information-request-&lt;type&gt;.form, whose keys a test holds to {@link #fields()}.
 */
public enum RequestType {
  CONTACT_DETAILS("contact details", CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE),
  DEFECT_MANAGEMENT_ACCESS("defect-management (RQM) access", RQM_USER_EMAILS),
  API_REGISTRATION("API registration", API_CONTACT_EMAIL, SOURCE_IP_ADDRESSES),
  IX_SETUP("IX set-up", IX_NODE_NAME, SOURCE_IP_ADDRESSES),
  SFTP_INFORMATION("SFTP information", SFTP_USERNAME, SSH_PUBLIC_KEY, SOURCE_IP_ADDRESSES),
  REGISTRATION_CONFIRMATION("registration confirmation", CONFIRMED_BY, REGISTRATION_CONFIRMED);

  private final String label;
  private final List<Field> fields;

  RequestType(String label, Field... fields) {
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

  /** The fields, in the order the form shows them and the validator checks them. */
  public List<Field> fields() {
    return fields;
  }

  /**
   * One answer field: its key in the form and in the stored answer, and the rule its value must
   * meet.
   */
  public enum Field {
    CONTACT_NAME("contactName", FieldRule.TEXT),
    CONTACT_EMAIL("contactEmail", FieldRule.EMAIL),
    CONTACT_PHONE("contactPhone", FieldRule.PHONE),
    RQM_USER_EMAILS("rqmUserEmails", FieldRule.EMAILS),
    API_CONTACT_EMAIL("apiContactEmail", FieldRule.EMAIL),
    SOURCE_IP_ADDRESSES("sourceIpAddresses", FieldRule.IPV4_RANGES),
    IX_NODE_NAME("ixNodeName", FieldRule.TEXT),
    SFTP_USERNAME("sftpUsername", FieldRule.SFTP_USERNAME),
    SSH_PUBLIC_KEY("sshPublicKey", FieldRule.SSH_PUBLIC_KEY),
    CONFIRMED_BY("confirmedBy", FieldRule.TEXT),
    REGISTRATION_CONFIRMED("registrationConfirmed", FieldRule.REGISTRATION_CONFIRMED);

    private final String key;
    private final FieldRule rule;

    Field(String key, FieldRule rule) {
      this.key = key;
      this.rule = rule;
    }

    /** The form component's key, and the name of the value in the stored answer. */
    public String key() {
      return key;
    }

    FieldRule rule() {
      return rule;
    }
  }
}
