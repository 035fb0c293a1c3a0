package app.rechargeclose.lambda;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.InvalidCommandException;

/** Reads the JSON bodies callers send (an HTTP body, an SQS message) into plain field values, or a command. */
final class CloseRequestJson {

    static final String OUT_RECHARGE_NO = "out_recharge_no";
    static final String SUB_MCHID = "sub_mchid";
    /** Who scheduled a close, in the command a schedule sends when it is due: the actor of its outcome. */
    static final String SCHEDULED_BY = "scheduled_by";

    private CloseRequestJson() {
    }

    /** A close request is a few dozen bytes; anything far larger is not one, and is not parsed. */
    static final int MAX_BODY_CHARS = 4096;

    static JsonNode readObject(ObjectMapper json, String body, String what) {
        if (body.length() > MAX_BODY_CHARS) {
            throw new InvalidCommandException(what + " is larger than " + MAX_BODY_CHARS + " characters");
        }
        // A key given twice would leave which recharge to close to the parser (the last one wins): refused.
        try (JsonParser parser = json.createParser(body).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
            JsonNode node;
            try {
                node = json.readTree(parser);
            } catch (IOException e) {
                throw new InvalidCommandException(what + (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                        ? " has a field twice" : " is not valid JSON"));
            }
            if (node == null || !node.isObject()) {
                throw new InvalidCommandException(what + " must be a JSON object");
            }
            // Anything after the object (a second object, stray text) makes the body something other than one command.
            if (hasMore(parser)) {
                throw new InvalidCommandException(what + " has text after its JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidCommandException(what + " is not valid JSON");
        }
    }

    /** An SQS message: {@code {"out_recharge_no": "…", "sub_mchid": "…"}} (and {@code scheduled_by} from a schedule), nothing after it. */
    static QueuedCommand command(ObjectMapper json, String body, String what) {
        JsonNode object = readObject(json, Objects.requireNonNullElse(body, ""), what);
        return new QueuedCommand(new CloseCommand(field(object, OUT_RECHARGE_NO).orElse(null), field(object, SUB_MCHID).orElse(null)),
                field(object, SCHEDULED_BY).filter(actor -> !actor.isBlank()));
    }

    /** A queued close, and who scheduled it when a schedule sent it. */
    record QueuedCommand(CloseCommand command, Optional<String> scheduledBy) {
    }

    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException notJson) {
            return true;
        }
    }

    /**
     * A field that must be text; for {@code sub_mchid} callers often send a JSON number, which is
     * read as its digits. Absent or null gives empty.
     */
    static Optional<String> field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        throw new InvalidCommandException(name + " must be a string");
    }
}
