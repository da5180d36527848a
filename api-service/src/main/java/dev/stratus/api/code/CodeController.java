package dev.stratus.api.code;

import dev.stratus.api.auth.Scope;
import dev.stratus.api.error.ApiException;
import dev.stratus.api.function.Function;
import dev.stratus.api.function.FunctionService;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Code upload and download through self-authenticating signed URLs (API reference §6): the API hands out the
 * URL, the client PUTs the raw zip to it without an API key, and the PUT answers exactly 200.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CodeController {
    static final String CODE_PATH = "/_code/functions/";
    private final FunctionService functions;
    private final CodeService code;
    private final UrlSigner signer;
    private final String publicUrl;
    private final Duration urlLifetime;

    public CodeController(FunctionService functions, CodeService code, UrlSigner signer,
                          @Value("${stratus.api.public-url:}") String publicUrl,
                          @Value("${stratus.code.url-lifetime:1h}") Duration urlLifetime) {
        this.functions = functions;
        this.code = code;
        this.signer = signer;
        this.publicUrl = publicUrl;
        this.urlLifetime = urlLifetime;
    }

    @Get("/functions/v1beta1/regions/{region}/functions/{functionId}/upload-url")
    public Map<String, Object> uploadUrl(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope,
                                         @PathVariable String functionId,
                                         @QueryValue("content_length") String contentLength) {
        long size = parseSize(contentLength);
        Function fn = functions.get(scope, functionId);
        long expires = Instant.now().plus(urlLifetime).getEpochSecond();
        String url = base(request) + CODE_PATH + fn.getId() + "?content_length=" + size + "&expires=" + expires
                + "&signature=" + signer.sign("PUT", fn.getId(), size, expires);
        return Map.of("url", url, "headers", Map.of("content-type", List.of("application/octet-stream"),
                "content-length", List.of(Long.toString(size))));
    }

    @Get("/functions/v1beta1/regions/{region}/functions/{functionId}/download-url")
    public Map<String, Object> downloadUrl(HttpRequest<?> request, @RequestAttribute(Scope.ATTRIBUTE) Scope scope,
                                           @PathVariable String functionId) {
        Function fn = functions.get(scope, functionId);
        if (!code.exists(fn)) {
            throw ApiException.preconditionFailed("code_uploaded", "function " + fn.getName() + " has no code yet");
        }
        long expires = Instant.now().plus(urlLifetime).getEpochSecond();
        String url = base(request) + CODE_PATH + fn.getId() + "?expires=" + expires
                + "&signature=" + signer.sign("GET", fn.getId(), 0, expires);
        return Map.of("url", url, "headers", Map.of());
    }

    @Put(CODE_PATH + "{functionId}")
    @Consumes(MediaType.ALL)
    public HttpResponse<?> upload(@PathVariable String functionId, HttpRequest<?> request,
                                  @QueryValue("content_length") String contentLength,
                                  @QueryValue("expires") String expires,
                                  @QueryValue("signature") String signature,
                                  @Body InputStream body) throws IOException {
        long size = parseSize(contentLength);
        checkSignature("PUT", functionId, size, expires, signature);
        long declared = request.getHeaders().contentLength().orElse(-1);
        if (declared >= 0 && declared != size) {
            throw ApiException.invalidArgument("Content-Length", "constraint",
                    "the upload URL was signed for " + size + " bytes, the request declares " + declared);
        }
        String digest = code.receive(functionId, size, body);
        return HttpResponse.ok().header(HttpHeaders.ETAG, "\"" + digest + "\"");
    }

    @Get(CODE_PATH + "{functionId}")
    public HttpResponse<StreamedFile> download(@PathVariable String functionId, @QueryValue("expires") String expires,
                                               @QueryValue("signature") String signature) throws IOException {
        checkSignature("GET", functionId, 0, expires, signature);
        return HttpResponse.ok(new StreamedFile(code.open(functionId), MediaType.APPLICATION_OCTET_STREAM_TYPE));
    }

    private void checkSignature(String method, String functionId, long size, String expires, String signature) {
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument("expires", "format", "must be a Unix time in seconds");
        }
        if (!signer.verify(method, functionId, size, expiry, signature)) {
            throw ApiException.plain(HttpStatus.FORBIDDEN, "permissions_denied",
                    "the signed URL is invalid or has expired: ask for a new one");
        }
    }

    private long parseSize(String contentLength) {
        try {
            long size = Long.parseLong(contentLength);
            if (size < 1 || size > code.maxArchiveBytes()) {
                throw ApiException.invalidArgument("content_length", "constraint",
                        "must be between 1 and " + code.maxArchiveBytes() + " bytes");
            }
            return size;
        } catch (NumberFormatException e) {
            // digits beyond a long are too big an archive, not a malformed size
            throw contentLength.matches("[+-]?\\d+")
                    ? ApiException.invalidArgument("content_length", "constraint",
                            "must be between 1 and " + code.maxArchiveBytes() + " bytes")
                    : ApiException.invalidArgument("content_length", "format", "must be a number of bytes");
        }
    }

    /** Where clients reach this API: configured, or else the Host the request came in on. */
    private String base(HttpRequest<?> request) {
        if (!publicUrl.isBlank()) {
            return publicUrl.replaceAll("/+$", "");
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return "http://" + (host == null ? "localhost" : host);
    }
}
