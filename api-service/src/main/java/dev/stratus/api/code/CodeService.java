package dev.stratus.api.code;

import dev.stratus.common.store.CodeArchives;
import dev.stratus.common.store.ObjectStore;

import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionRepository;
import dev.stratus.api.web.Times;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives uploaded archives: streams them to a scratch file while hashing, checks the size the URL was signed
 * for, then moves the file into the store and records its digest on the function. Uploading does not deploy.
 */
@Singleton
public class CodeService {
    private static final Logger LOG = LoggerFactory.getLogger(CodeService.class);
    private final ObjectStore store;
    private final FunctionRepository functions;
    private final long maxArchiveBytes;

    public CodeService(ObjectStore store, FunctionRepository functions,
                       @Value("${stratus.limits.max-archive-bytes:104857600}") long maxArchiveBytes) {
        this.store = store;
        this.functions = functions;
        this.maxArchiveBytes = maxArchiveBytes;
    }

    public long maxArchiveBytes() {
        return maxArchiveBytes;
    }

    /** Returns the archive's SHA-256 once it is stored. */
    public String receive(String functionId, long expectedBytes, InputStream body) throws IOException {
        Path scratch = store.newTempFile();
        try {
            MessageDigest sha = sha256();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(scratch), sha)) {
                written = body.transferTo(out);
            }
            if (written != expectedBytes) {
                throw ApiException.invalidArgument("content_length", "constraint", "the upload URL was signed for "
                        + expectedBytes + " bytes but " + written + " arrived");
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            store.put(CodeArchives.keyFor(functionId), scratch);
            recordUpload(functionId, digest, written);
            return digest;
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    @Transactional
    void recordUpload(String functionId, String sha256, long size) {
        Function fn = functions.findByIdForUpdate(functionId).orElseThrow(() ->
                ApiException.notFound("function", functionId));
        fn.setCodeSha256(sha256);
        fn.setCodeSize(size);
        fn.setCodeUploadedAt(Times.now());
        functions.update(fn);
    }

    public InputStream open(String functionId) throws IOException {
        return store.get(CodeArchives.keyFor(functionId)).orElseThrow(() ->
                ApiException.plain(HttpStatus.NOT_FOUND, "not_found", "no code was uploaded for this function"));
    }

    public boolean exists(@Nullable Function fn) {
        return fn != null && fn.getCodeSha256() != null;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onDiscarded(CodeDiscarded event) {
        try {
            store.delete(CodeArchives.keyFor(event.functionId()));
        } catch (IOException e) {
            LOG.warn("Could not delete the archive of deleted function {}: {}", event.functionId(), e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
