package app.rechargeclose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contract other teams generate from, held to what the packaged function does: the HTTP API's
 * OpenAPI document ({@code api/openapi.yaml}) and the SQS command's JSON Schema
 * ({@code api/close-command.schema.json}). Every exchange of an IT goes through {@link #held}: the
 * answer must be one the document declares for its operation and status, with the body it
 * describes; a request the function took (anything but its own refusal of the request) must be
 * one the document allows. So neither can drift from the code.
 */
public final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode OPENAPI = read(new YAMLMapper(), Path.of("api/openapi.yaml"));
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema COMMAND = SCHEMAS.getSchema(read(JSON, Path.of("api/close-command.schema.json")), CONFIG);
    private static final Map<String, JsonSchema> SCHEMAS_MADE = new ConcurrentHashMap<>();
    private static final String CLOSE_PATH = "/recharges/{out_recharge_no}/close";
    /** Our own refusals of a request: the document describes these answers, not the requests that get them. */
    private static final Set<String> REFUSALS = Set.of("INVALID_ARGUMENT", "NOT_FOUND", "METHOD_NOT_ALLOWED");

    private Contract() {
    }

    /** The messages of events/sqs-mixed-batch.json that are no command: the tests send them to see them refused. */
    public static final Set<String> MIXED_BATCH_REFUSED = Set.of("{\"out_recharge_no\": \"sqs-bad\", \"sub_mchid\": \"1900001121\"}",
            "not json at all", "{\"out_recharge_no\": \"sqsok8\"}");

    /** {@code running} with every exchange held to the contract, none deliberately outside it. */
    public static RunningFunction held(RunningFunction running) {
        return held(running, Set.of());
    }

    /**
     * @param invalidOnPurpose the bodies of SQS messages a test sends to see them refused: each must
     *                         break the command's schema, every other message must keep it
     */
    public static RunningFunction held(RunningFunction running, Set<String> invalidOnPurpose) {
        running.runtime().checkEveryExchange((payload, outcome) -> {
            List<String> violations = check(read(payload), outcome, invalidOnPurpose);
            if (!violations.isEmpty()) {
                throw new AssertionError("the exchange breaks the contract in api/:\n  " + String.join("\n  ", violations)
                        + "\nrequest: " + payload + "\nanswer: " + outcome.body());
            }
        });
        return running;
    }

    static List<String> check(JsonNode event, LambdaRuntimeEmulator.Outcome outcome, Set<String> invalidOnPurpose) {
        if (event.has("Records")) {
            List<String> violations = new ArrayList<>();
            for (JsonNode record : event.get("Records")) {
                String body = record.path("body").asText();
                List<String> broken = commandViolations(body);
                if (invalidOnPurpose.contains(body) == broken.isEmpty()) {
                    violations.add(invalidOnPurpose.contains(body) ? "a command sent to be refused keeps the schema: " + body
                            : "a command breaks close-command.schema.json: " + broken);
                }
            }
            return violations;
        }
        return httpViolations(event, outcome);
    }

    private static final JsonSchema OUTCOME_EVENT = SCHEMAS.getSchema(read(JSON, Path.of("api/close-outcome-event.schema.json")), CONFIG);

    /** What of close-outcome-event.schema.json an event, as EventBridge delivers it, breaks; empty when it keeps it. */
    public static List<String> outcomeEventViolations(JsonNode event) {
        return messages(OUTCOME_EVENT.validate(event));
    }

    /** What of close-command.schema.json the SQS message body breaks; empty when it keeps it. */
    public static List<String> commandViolations(String body) {
        JsonNode command;
        try {
            command = JSON.readTree(body);
        } catch (IOException notJson) {
            return List.of("not JSON");
        }
        return messages(COMMAND.validate(command == null ? JSON.missingNode() : command));
    }

    private static List<String> httpViolations(JsonNode event, LambdaRuntimeEmulator.Outcome outcome) {
        if (outcome.error()) {
            return List.of("the function answered with an invocation error, which API Gateway turns into a bare 500");
        }
        JsonNode response = read(JSON, outcome.body());
        int status = response.path("statusCode").asInt();
        String body = response.path("body").asText("");
        JsonNode headers = response.path("headers");
        String method = event.path("requestContext").path("http").path("method").asText().toLowerCase();
        boolean onClosePath = event.path("rawPath").asText().matches("/recharges/[^/]+/close");
        JsonNode operation = OPENAPI.path("paths").path(CLOSE_PATH).path(method);

        JsonNode declared;
        if (!onClosePath) {
            declared = resolve(OPENAPI.at("/components/responses/NotFound"));
        } else if (operation.isMissingNode()) {
            declared = resolve(OPENAPI.at("/components/responses/MethodNotAllowed"));
        } else {
            declared = resolve(operation.path("responses").path(Integer.toString(status)));
        }
        List<String> violations = new ArrayList<>();
        if (declared.isMissingNode()) {
            return List.of(method.toUpperCase() + " " + event.path("rawPath").asText() + " answered " + status + ", which the document does not declare");
        }
        JsonNode schema = declared.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            if (!body.isEmpty() || headers.has("content-type")) {
                violations.add(status + " declares no body, but one came (content-type " + headers.path("content-type").asText() + ")");
            }
        } else {
            if (!"application/json".equals(headers.path("content-type").asText())) {
                violations.add(status + " must be application/json, is " + headers.path("content-type").asText());
            }
            violations.addAll(messages(schemaOf(schema).validate(read(JSON, body))).stream().map(v -> status + " body: " + v).toList());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            if (headers.has(header.getKey())) {
                violations.addAll(messages(schemaOf(resolve(header.getValue()).path("schema")).validate(headers.get(header.getKey())))
                        .stream().map(v -> "header " + header.getKey() + ": " + v).toList());
            }
        }
        String code = body.isEmpty() ? "" : read(JSON, body).path("code").asText();
        if (onClosePath && !operation.isMissingNode() && !REFUSALS.contains(code)) {
            violations.addAll(requestViolations(event, operation));
        }
        return violations;
    }

    /** The path, the query parameters the document names and the JSON body, each against its schema. */
    private static List<String> requestViolations(JsonNode event, JsonNode operation) {
        List<String> violations = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        OPENAPI.path("paths").path(CLOSE_PATH).path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        operation.path("parameters").forEach(parameter -> parameters.add(resolve(parameter)));
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            JsonNode value = "path".equals(parameter.path("in").asText()) ? event.path("pathParameters").path(name)
                    : event.path("queryStringParameters").path(name);
            if (value.isMissingNode() || value.isNull()) {
                if (parameter.path("required").asBoolean()) {
                    violations.add("request: the required " + name + " is missing");
                }
                continue;
            }
            violations.addAll(messages(schemaOf(parameter.path("schema")).validate(TextNode.valueOf(value.asText())))
                    .stream().map(v -> "request " + name + ": " + v).toList());
        }
        String body = event.path("body").asText("");
        if (!body.isBlank()) {
            String text = event.path("isBase64Encoded").asBoolean() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
            JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
            violations.addAll(messages(schemaOf(schema).validate(read(JSON, text))).stream().map(v -> "request body: " + v).toList());
        }
        return violations;
    }

    /** A schema of the document: its components beside it, so every {@code $ref} inside resolves; made once per schema. */
    private static JsonSchema schemaOf(JsonNode schema) {
        return SCHEMAS_MADE.computeIfAbsent(schema.toString(), text -> standalone(schema));
    }

    private static JsonSchema standalone(JsonNode schema) {
        ObjectNode standalone = JSON.createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("allOf", JSON.createArrayNode().add(schema));
        standalone.set("components", OPENAPI.get("components"));
        return SCHEMAS.getSchema(standalone, CONFIG);
    }

    /** A response, parameter or header object, or its {@code $ref} within the document followed. */
    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? OPENAPI.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode read(String text) {
        return read(JSON, text);
    }

    private static JsonNode read(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
