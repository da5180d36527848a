package dev.stratus.api.persistence;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class StringListConverter extends JsonColumn<List<String>> implements AttributeConverter<List<String>, String> {

    public StringListConverter(JsonMapper mapper) {
        super(mapper, Argument.listOf(String.class));
    }

    @Override
    public String convertToPersistedValue(List<String> value, ConversionContext context) {
        return write(value);
    }

    @Override
    public List<String> convertToEntityValue(String value, ConversionContext context) {
        return read(value);
    }
}
