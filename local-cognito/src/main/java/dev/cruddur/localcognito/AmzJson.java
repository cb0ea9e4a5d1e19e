package dev.cruddur.localcognito;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of Cognito's protocol ({@code application/x-amz-json-1.1}): members in UpperCamelCase
 * ({@code UserSub}, {@code AuthenticationResult}), absent members left out. Java records map onto
 * it by name ({@code userSub} → {@code UserSub}).
 */
final class AmzJson {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    AmzJson() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxNumberLength(100)
                .maxStringLength(64 * 1024)
                .build());
    }

    /** @throws CognitoError {@code InvalidParameterException} for anything that is not one JSON object */
    AmzRequest read(byte[] body, ClientAddress client) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw CognitoError.invalidParameter("The request body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw CognitoError.invalidParameter("The request body must be a JSON object.");
        }
        return new AmzRequest(object, client);
    }

    byte[] write(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] error(CognitoError error) {
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        return write(body);
    }
}
