package dev.stratus.runtime.deploy;

import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.secret.SecretCipher;
import dev.stratus.runtime.image.RevisionFiles;
import dev.stratus.runtime.instance.InstanceSpec;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an instance of a function gets: the image's own environment, then the namespace's variables and secrets,
 * then the function's (a function's value wins over its namespace's, as on Scaleway).
 */
@Singleton
public class InstanceSpecs {
    private final SecretCipher cipher;

    public InstanceSpecs(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public InstanceSpec spec(FunctionDesired function, NamespaceDesired namespace, RevisionFiles files) {
        Map<String, String> env = new LinkedHashMap<>(files.environment());
        if (namespace != null) {
            env.putAll(namespace.environmentVariables());
            namespace.encryptedSecrets().forEach((name, sealed) -> env.put(name, cipher.decrypt(sealed)));
        }
        env.putAll(function.environmentVariables());
        function.encryptedSecrets().forEach((name, sealed) -> env.put(name, cipher.decrypt(sealed)));
        env.put("FN_NAME", function.name());
        env.put("FN_HANDLER", function.handler());
        env.put("SCW_FUNCTION_ID", function.functionId());
        env.put("SCW_NAMESPACE_ID", function.namespaceId());
        return new InstanceSpec(function.functionId(), function.revision(), files.root(), files.entrypoint(),
                files.workingDir(), env, function.memoryLimitMb());
    }
}
