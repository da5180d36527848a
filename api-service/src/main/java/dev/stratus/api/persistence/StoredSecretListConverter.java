package dev.stratus.api.persistence;

import dev.stratus.api.secret.StoredSecret;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
public class StoredSecretListConverter extends JsonColumn<List<StoredSecret>> implements AttributeConverter<List<StoredSecret>, String> {

    public StoredSecretListConverter(JsonMapper mapper) {
        super(mapper, Argument.listOf(StoredSecret.class));
    }

    @Override
    public String convertToPersistedValue(List<StoredSecret> value, ConversionContext context) {
        return write(value);
    }

    @Override
    public List<StoredSecret> convertToEntityValue(String value, ConversionContext context) {
        return read(value);
    }
}
