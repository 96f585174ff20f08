package uk.ccmt.inforequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ccmt.inforequest.SshKeys.line;
import static uk.ccmt.inforequest.SshKeys.mpint;
import static uk.ccmt.inforequest.SshKeys.text;
import static uk.ccmt.inforequest.SshKeys.wire;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ccmt.system.InvalidInputException;

class InformationValidatorTest {

  private final InformationValidator validator = new InformationValidator();

  @Nested
  class ContactDetails {

    @Test
    void shouldAcceptAndTrimContactDetails() {
      Map<String, Object> stored =
          validator.validate(
              RequestType.CONTACT_DETAILS,
              Map.of(
                  "contactName",
                  "  Ada Lovelace ",
                  "contactEmail",
                  " ada@supplier.co.uk\n",
                  "contactPhone",
                  "+44 (0)20 7946-0958"));

      assertThat(stored)
          .containsExactly(
              Map.entry("contactName", "Ada Lovelace"),
              Map.entry("contactEmail", "ada@supplier.co.uk"),
              Map.entry("contactPhone", "+44 (0)20 7946-0958"));
    }

    @Test
    void shouldRefuseAMissingContactName() {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactName", "   "))
          .hasMessage("contactName: is required");
    }

    @Test
    void shouldRefuseANameLongerThanAnAnswerHolds() {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactName", "A".repeat(5_000)))
          .hasMessage("contactName: must be at most 4000 characters, this one has 5000");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "ada.supplier.co.uk",
          "ada@supplier",
          "ada@@supplier.co.uk",
          "ada@supplier.co.uk."
        })
    void shouldRefuseABadEmail(String email) {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactEmail", email))
          .hasMessage(
              "contactEmail: '" + email + "' is not an email address such as name@example.co.uk");
    }

    @Test
    void shouldRefuseTwoAddressesWhereOneIsAsked() {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactEmail", "a@x.com, b@x.com"))
          .hasMessage("contactEmail: must be one email address, found 2: a@x.com, b@x.com");
    }

    @Test
    void shouldRefuseAPhoneNumberWithLetters() {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactPhone", "0800 CALL NOW"))
          .hasMessage(
              "contactPhone: '0800 CALL NOW' may hold only digits, spaces, '+', '(', ')' and '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123 456", "+44 1234 567 890 1234"})
    void shouldRefuseAPhoneNumberWithTooFewOrTooManyDigits(String phone) {
      refusal(RequestType.CONTACT_DETAILS, contactDetails("contactPhone", phone))
          .hasMessageStartingWith("contactPhone: must have 7 to 15 digits");
    }

    private Map<String, Object> contactDetails(String field, Object value) {
      Map<String, Object> values =
          new HashMap<>(
              Map.of(
                  "contactName",
                  "Ada Lovelace",
                  "contactEmail",
                  "ada@supplier.co.uk",
                  "contactPhone",
                  "020 7946 0958"));
      values.put(field, value);
      return values;
    }
  }

  @Nested
  class DefectManagementAccess {

    @Test
    void shouldSplitAddressesSeparatedByCommasSpacesAndNewLines() {
      Map<String, Object> stored =
          validator.validate(
              RequestType.DEFECT_MANAGEMENT_ACCESS,
              Map.of("rqmUserEmails", "a@x.com,b@x.com c@x.com\nd@x.com ,\r\n e@x.com"));

      assertThat(stored.get("rqmUserEmails"))
          .isEqualTo(List.of("a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com"));
    }

    @Test
    void shouldAcceptAListOfAddresses() {
      Map<String, Object> stored =
          validator.validate(
              RequestType.DEFECT_MANAGEMENT_ACCESS,
              Map.of("rqmUserEmails", List.of(" a@x.com", "b@x.com\n")));

      assertThat(stored.get("rqmUserEmails")).isEqualTo(List.of("a@x.com", "b@x.com"));
    }

    @Test
    void shouldRefuseNoAddresses() {
      refusal(RequestType.DEFECT_MANAGEMENT_ACCESS, Map.of("rqmUserEmails", " ,\n "))
          .hasMessageStartingWith("rqmUserEmails: is required: one or more email addresses");
    }

    @Test
    void shouldRefuseTheBadAddressInAList() {
      refusal(RequestType.DEFECT_MANAGEMENT_ACCESS, Map.of("rqmUserEmails", "a@x.com, b-at-x.com"))
          .hasMessage(
              "rqmUserEmails: 'b-at-x.com' is not an email address such as name@example.co.uk");
    }
  }

  @Nested
  class ApiRegistration {

    @Test
    void shouldAcceptAddressesAndCidrRanges() {
      Map<String, Object> stored =
          validator.validate(
              RequestType.API_REGISTRATION,
              Map.of(
                  "apiContactEmail", "api@supplier.co.uk",
                  "sourceIpAddresses", "10.0.0.1, 192.168.0.0/16\n0.0.0.0/0 255.255.255.255/32"));

      assertThat(stored)
          .containsExactly(
              Map.entry("apiContactEmail", "api@supplier.co.uk"),
              Map.entry(
                  "sourceIpAddresses",
                  List.of("10.0.0.1", "192.168.0.0/16", "0.0.0.0/0", "255.255.255.255/32")));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "10.0.0.0/33",
          "10.0.0/24",
          "256.1.1.1",
          "10.0.0.01",
          "10.0.0.0/",
          "10.0.0.0/8/8",
          "::1"
        })
    void shouldRefuseAMalformedAddressOrCidrNamingTheEntry(String entry) {
      refusal(
              RequestType.API_REGISTRATION,
              Map.of(
                  "apiContactEmail",
                  "api@supplier.co.uk",
                  "sourceIpAddresses",
                  "10.1.1.1, " + entry))
          .hasMessageStartingWith("sourceIpAddresses: '" + entry + "' is not");
    }

    @Test
    void shouldSayWhatIsWrongWithAPrefixLength() {
      refusal(
              RequestType.API_REGISTRATION,
              Map.of("apiContactEmail", "api@supplier.co.uk", "sourceIpAddresses", "10.0.0.0/33"))
          .hasMessage(
              "sourceIpAddresses: '10.0.0.0/33' is not a CIDR range: "
                  + "the prefix length '33' must be a number from 0 to 32");
    }

    @Test
    void shouldRefuseABadApiContactEmailFirst() {
      refusal(
              RequestType.API_REGISTRATION,
              Map.of("apiContactEmail", "nobody", "sourceIpAddresses", "300.0.0.1"))
          .hasMessageStartingWith("apiContactEmail: 'nobody' is not an email address");
    }
  }

  @Nested
  class IxSetup {

    @Test
    void shouldAcceptANodeNameAndAddresses() {
      Map<String, Object> stored =
          validator.validate(
              RequestType.IX_SETUP,
              Map.of(
                  "ixNodeName",
                  " IX-NODE-07 ",
                  "sourceIpAddresses",
                  List.of("10.2.3.4", "10.2.3.0/24")));

      assertThat(stored)
          .containsExactly(
              Map.entry("ixNodeName", "IX-NODE-07"),
              Map.entry("sourceIpAddresses", List.of("10.2.3.4", "10.2.3.0/24")));
    }

    @Test
    void shouldRefuseAMissingNodeName() {
      refusal(RequestType.IX_SETUP, Map.of("sourceIpAddresses", "10.2.3.4"))
          .hasMessage("ixNodeName: is required");
    }

    @Test
    void shouldRefuseMissingAddresses() {
      refusal(RequestType.IX_SETUP, Map.of("ixNodeName", "IX-NODE-07"))
          .hasMessageStartingWith("sourceIpAddresses: is required");
    }
  }

  @Nested
  class SftpInformation {

    @Test
    void shouldAcceptA2048BitRsaKey() {
      String key = SshKeys.rsaKey(2048);

      assertThat(validator.validate(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key)))
          .containsEntry("sshPublicKey", key);
    }

    @Test
    void shouldAcceptA4096BitRsaKey() {
      String key = SshKeys.rsaKey(4096);

      assertThat(validator.validate(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key)))
          .containsEntry("sshPublicKey", key);
    }

    @Test
    void shouldRefuseA1024BitRsaKey() {
      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", SshKeys.rsaKey(1024)))
          .hasMessage(
              "sshPublicKey: an ssh-rsa key must have at least 2048 bits, this one has 1024");
    }

    @Test
    void shouldAcceptAnEd25519KeyAndStoreItOnOneNormalisedLine() {
      String key = SshKeys.ed25519Key();

      Map<String, Object> stored =
          validator.validate(
              RequestType.SFTP_INFORMATION,
              sftp("sshPublicKey", "  " + key.replace(" ", "   ") + "\n"));

      assertThat(stored)
          .containsExactly(
              Map.entry("sftpUsername", "ccmt.sftp_user-01"),
              Map.entry("sshPublicKey", key),
              Map.entry("sourceIpAddresses", List.of("10.9.8.7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nistp256", "nistp384", "nistp521"})
    void shouldAcceptAnEcdsaKey(String curve) {
      String key = SshKeys.ecdsaKey(curve);

      assertThat(validator.validate(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key)))
          .containsEntry("sshPublicKey", key);
    }

    @Test
    void shouldRefuseAP256KeyWhosePointIsNotOnTheCurve() {
      byte[] point = SshKeys.ecdsaPoint("nistp256");
      point[point.length - 1] ^= 1;
      String key =
          line("ecdsa-sha2-nistp256", wire(text("ecdsa-sha2-nistp256"), text("nistp256"), point));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessageContaining("sshPublicKey: the ecdsa-sha2-nistp256 key data")
          .hasMessageContaining("not on the nistp256 curve");
    }

    @Test
    void shouldRefuseAnyBlobOf65BytesStartingWith4AsAP256Point() {
      byte[] point = new byte[65];
      point[0] = 0x04;
      String key =
          line("ecdsa-sha2-nistp256", wire(text("ecdsa-sha2-nistp256"), text("nistp256"), point));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessageContaining("not on the nistp256 curve");
    }

    @Test
    void shouldRefuseAP256PointAtInfinity() {
      String key =
          line(
              "ecdsa-sha2-nistp256",
              wire(text("ecdsa-sha2-nistp256"), text("nistp256"), new byte[1]));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessageStartingWith("sshPublicKey: ");
    }

    @Test
    void shouldRefuseAKeyWhoseCurveIsNotTheOneTheLineSays() {
      String p384DataCalledP256 =
          SshKeys.ecdsaKey("nistp384").replaceFirst("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp256");

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", p384DataCalledP256))
          .hasMessage(
              "sshPublicKey: the key data is for 'ecdsa-sha2-nistp384' but the line says 'ecdsa-sha2-nistp256'");
    }

    @Test
    void shouldRefuseACompressedPoint() {
      byte[] point = SshKeys.ecdsaPoint("nistp256");
      byte[] compressed = java.util.Arrays.copyOf(point, 33);
      compressed[0] = (byte) (2 + (point[64] & 1));
      String key =
          line(
              "ecdsa-sha2-nistp256",
              wire(text("ecdsa-sha2-nistp256"), text("nistp256"), compressed));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessage(
              "sshPublicKey: the ecdsa-sha2-nistp256 key data is not in OpenSSH's encoding (an uncompressed point)");
    }

    @Test
    void shouldRefuseKeyDataWithBytesAtTheEnd() {
      String key = line("ssh-ed25519", wire(text("ssh-ed25519"), new byte[32], new byte[1]));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessage("sshPublicKey: the ssh-ed25519 key data is truncated or malformed");
    }

    @Test
    void shouldRefuseADsaKey() {
      refusal(
              RequestType.SFTP_INFORMATION,
              sftp("sshPublicKey", "ssh-dss AAAAB3NzaC1kc3MAAACBAP1 me@host"))
          .hasMessageStartingWith("sshPublicKey: DSA keys (ssh-dss) are not accepted");
    }

    @Test
    void shouldRefuseAKeyWhoseDataIsOfAnotherType() {
      String rsaDataCalledEd25519 = SshKeys.rsaKey(2048).replaceFirst("ssh-rsa", "ssh-ed25519");

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", rsaDataCalledEd25519))
          .hasMessage(
              "sshPublicKey: the key data is for 'ssh-rsa' but the line says 'ssh-ed25519'");
    }

    @Test
    void shouldRefuseAnEd25519KeyOfTheWrongLength() {
      String key = line("ssh-ed25519", wire(text("ssh-ed25519"), new byte[31]));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessage("sshPublicKey: an ssh-ed25519 key must be 32 bytes, this one has 31");
    }

    @Test
    void shouldRefuseATruncatedRsaKey() {
      String key = line("ssh-rsa", wire(text("ssh-rsa"), mpint(BigInteger.valueOf(65537))));

      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", key))
          .hasMessage("sshPublicKey: the ssh-rsa key data is truncated or malformed");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "not a key",
          "ssh-rsa",
          "ssh-rsa !!!not-base64!!!",
          "ssh-ed25519 AAAA",
          "nistp256 AAAACG5pc3RwMjU2",
          "ecdsa-sha2-nistp999 AAAA"
        })
    void shouldRefuseGarbage(String garbage) {
      refusal(RequestType.SFTP_INFORMATION, sftp("sshPublicKey", garbage))
          .hasMessageStartingWith("sshPublicKey: ");
    }

    @Test
    void shouldRefuseAnSftpUsernameWithOtherCharacters() {
      refusal(RequestType.SFTP_INFORMATION, sftp("sftpUsername", "ccmt user"))
          .hasMessage("sftpUsername: 'ccmt user' may hold only letters, digits, '.', '_' and '-'");
    }

    @Test
    void shouldRefuseAnSftpUsernameLongerThan32Characters() {
      refusal(RequestType.SFTP_INFORMATION, sftp("sftpUsername", "u".repeat(33)))
          .hasMessage("sftpUsername: must be at most 32 characters, this one has 33");
    }

    private Map<String, Object> sftp(String field, Object value) {
      Map<String, Object> values =
          new HashMap<>(
              Map.of(
                  "sftpUsername",
                  "ccmt.sftp_user-01",
                  "sshPublicKey",
                  SshKeys.ed25519Key(),
                  "sourceIpAddresses",
                  "10.9.8.7"));
      values.put(field, value);
      return values;
    }
  }

  @Nested
  class RegistrationConfirmation {

    @Test
    void shouldAcceptAConfirmationAsBooleanOrText() {
      assertThat(
              validator.validate(
                  RequestType.REGISTRATION_CONFIRMATION,
                  Map.of("confirmedBy", " Grace Hopper ", "registrationConfirmed", true)))
          .containsExactly(
              Map.entry("confirmedBy", "Grace Hopper"),
              Map.entry("registrationConfirmed", Boolean.TRUE));
      assertThat(
              validator.validate(
                  RequestType.REGISTRATION_CONFIRMATION,
                  Map.of("confirmedBy", "Grace Hopper", "registrationConfirmed", "true")))
          .containsEntry("registrationConfirmed", Boolean.TRUE);
    }

    @Test
    void shouldRefuseAnUnconfirmedRegistration() {
      refusal(
              RequestType.REGISTRATION_CONFIRMATION,
              Map.of("confirmedBy", "Grace Hopper", "registrationConfirmed", false))
          .hasMessage(
              "registrationConfirmed: must be true: the registration must be confirmed, not 'false'");
    }

    @Test
    void shouldRefuseAMissingConfirmation() {
      refusal(RequestType.REGISTRATION_CONFIRMATION, Map.of("confirmedBy", "Grace Hopper"))
          .hasMessage("registrationConfirmed: is required: the registration must be confirmed");
    }

    @Test
    void shouldRefuseAMissingName() {
      refusal(RequestType.REGISTRATION_CONFIRMATION, Map.of("registrationConfirmed", true))
          .hasMessage("confirmedBy: is required");
    }
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refusal(
      RequestType type, Map<String, Object> submitted) {
    return assertThatThrownBy(() -> validator.validate(type, submitted))
        .isInstanceOf(InvalidInputException.class);
  }
}
