package dev.stratus.api.persistence;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.Map;

@Singleton
public class StringMapConverter extends JsonColumn<Map<String, String>> implements AttributeConverter<Map<String, String>, String> {

    public StringMapConverter(JsonMapper mapper) {
        super(mapper, Argument.mapOf(String.class, String.class));
    }

    @Override
    public String convertToPersistedValue(Map<String, String> value, ConversionContext context) {
        return write(value);
    }

    @Override
    public Map<String, String> convertToEntityValue(String value, ConversionContext context) {
        return read(value);
    }
}
