package uk.ccmt.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Every text of every product API body goes through {@link TextInput}'s character rule as it is
 * read, whatever the endpoint: NUL and control characters (other than tab and line breaks) are
 * refused with 400 naming the field, before any service sees them. Spring Boot registers this
 * module with its ObjectMapper; the engine REST API has its own mapper and its own guard ({@link
 * EngineRestInputFilter}).
 */
@Component
class TextJsonModule extends SimpleModule {

  TextJsonModule() {
    super("ccmt-text-input");
    addDeserializer(String.class, new CheckedString());
  }

  private static final class CheckedString extends StdScalarDeserializer<String> {

    CheckedString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      // a number or true where text belongs is a client's mistake, not a text to store as "true"
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        throw new UnacceptableText(parser, "must be text, not " + describe(parser.currentToken()));
      }
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null) {
        var problem = TextInput.characterProblem(value, true);
        if (problem.isPresent()) {
          throw new UnacceptableText(parser, problem.get());
        }
      }
      return value;
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      default -> "a " + token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** A text refused by {@link TextInput}; Jackson adds the path to the field. */
  static final class UnacceptableText extends JsonMappingException {

    private final String reason;

    UnacceptableText(JsonParser parser, String reason) {
      super(parser, reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}
