package dev.cruddur.server.http;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cruddur.activity.Repost;

/**
 * The API's JSON conventions: snake_case names, ISO-8601 timestamps, strict parsing; a yes-or-no
 * the server has no answer to (whether an anonymous reader liked a crud) is left out, and so is
 * the repost of a crud that is not listed as one.
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonInclude.Value whenKnown = JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL);
        mapper.configOverride(Boolean.class).setInclude(whenKnown);
        mapper.configOverride(Repost.class).setInclude(whenKnown);
        // Request bodies are small; refuse pathological nesting and numbers early.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(100)
                .maxStringLength(64 * 1024)
                .build());
        return mapper;
    }
}
