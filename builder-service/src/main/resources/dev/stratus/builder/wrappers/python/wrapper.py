"""Stratus Python runtime wrapper.

Started by the platform as ``/usr/bin/python3 /stratus/wrapper.py`` inside the sandbox, with the
working directory set to the code dir. Loads the user's handler (FN_HANDLER, Scaleway style
``<relative path>.<function>``), listens with HTTP/1.1 on the unix socket FN_SOCKET and translates
every request into a Scaleway-style event and the handler's result back into an HTTP response.

Protocol with the platform:
  - on success: prints exactly ``STRATUS_READY`` on stdout once the socket is listening;
  - when the handler cannot be loaded: prints one line ``STRATUS_HANDLER_ERROR: <reason>`` on
    stderr and exits with code 3.
Stem mode (FN_STEM=1), for starting before the function is known: listens and prints
``STRATUS_READY`` without loading any handler, answers 503 to everything but
``POST /__stratus/specialize`` with ``{"handler": ..., "env": {...}}``. That request merges env into
the process environment and loads the handler from the code dir as a normal start would (on the
main thread): 200 once loaded, from then on the instance serves the function and refuses (409) to
be specialised again; or 422 ``{"error": <reason>}`` followed by the same STRATUS_HANDLER_ERROR
line and exit 3.
Only the standard library is used, and only cheap modules are imported at start-up (start-up time
is cold-start latency): no http.server, traceback/asyncio only when needed.
"""

import binascii
import importlib.util
import json
import os
import socketserver
import sys
import time
from urllib.parse import parse_qsl

HANDLER_ERROR_EXIT = 3
SPECIALIZE_PATH = "/__stratus/specialize"
TEXT_TYPES = frozenset(("application/json", "application/x-www-form-urlencoded", "application/xml"))
DROPPED_HEADERS = frozenset(("content-length", "transfer-encoding", "connection", "keep-alive"))


def _env_int(name):
    try:
        return int(os.environ.get(name, ""))
    except ValueError:
        return 0


CODE_DIR = FUNCTION_NAME = MEMORY_MB = None


def _configure():
    """(Re)reads the function's settings: at start, or once a stem-mode wrapper is given its function."""
    global CODE_DIR, FUNCTION_NAME, MEMORY_MB
    CODE_DIR = os.path.abspath(os.environ.get("FN_CODE_DIR") or os.getcwd())
    FUNCTION_NAME = os.environ.get("FN_NAME", "")
    MEMORY_MB = _env_int("FN_MEMORY_MB")


_configure()


def _one_line(text):
    return " ".join(str(text).split())


def _handler_error(reason):
    sys.stderr.write("STRATUS_HANDLER_ERROR: " + _one_line(reason) + "\n")
    sys.stderr.flush()
    sys.exit(HANDLER_ERROR_EXIT)


class HandlerLoadError(Exception):
    """The handler cannot be loaded; the message is the reason reported to the user."""

    def __init__(self, reason):
        super().__init__(_one_line(reason))


def _rel(path):
    return os.path.relpath(path, CODE_DIR).replace(os.sep, "/")


def _describe_load_error(exc, file):
    if isinstance(exc, SyntaxError) and exc.filename:
        # "invalid syntax (app.py, line 3)" -> name the file relative to the code dir
        msg = exc.msg or "invalid syntax"
        where = _rel(exc.filename) if os.path.isabs(exc.filename) else exc.filename
        return "%s: %s (%s:%s)" % (type(exc).__name__, msg, where, exc.lineno)
    import traceback
    location = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(CODE_DIR + os.sep):
            location = "%s:%s" % (_rel(frame.filename), frame.lineno)
    text = "%s: %s" % (type(exc).__name__, exc) if str(exc) else type(exc).__name__
    return "%s (%s)" % (text, location or "while loading " + _rel(file))


def load_handler(spec):
    module_path, dot, func_name = spec.rpartition(".")
    if not dot or not module_path or not func_name:
        raise HandlerLoadError("invalid handler '%s': expected '<file path without extension>.<function>', "
                       "e.g. 'handler.handle'" % spec)
    file = os.path.join(CODE_DIR, module_path + ".py")
    if not os.path.isfile(file):
        raise HandlerLoadError("handler file %s.py not found" % module_path)
    # the user's own modules import from the code dir
    if CODE_DIR not in sys.path:
        sys.path.insert(0, CODE_DIR)
    module_name = module_path.strip("/").replace("/", ".")
    if module_name in sys.modules:  # e.g. a handler file named like a stdlib module
        module_name = "stratus_handler"
    try:
        module_spec = importlib.util.spec_from_file_location(module_name, file)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        module_spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure is a handler error
        sys.modules.pop(module_name, None)
        raise HandlerLoadError(_describe_load_error(exc, file)) from None
    fn = getattr(module, func_name, None)
    if not callable(fn):
        kind = "" if fn is None and not hasattr(module, func_name) else " (it is %s)" % type(fn).__name__
        raise HandlerLoadError("%s has no function export '%s'%s" % (os.path.basename(file), func_name, kind))
    return fn


# ------------------------------------------------------------------ request -> event

def _is_textual(content_type):
    if content_type is None:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or media in TEXT_TYPES


def build_event(method, target, header_items, body_bytes):
    headers = {}
    seen = {}
    for name, value in header_items:
        lower = name.lower()
        key = seen.get(lower)
        if key is None:
            seen[lower] = name
            headers[name] = value
        else:
            headers[key] += ("; " if lower == "cookie" else ", ") + value
    path, _, query_string = target.partition("?")
    query = {}
    if query_string:
        for k, v in parse_qsl(query_string, keep_blank_values=True):
            query[k] = v  # last value wins
    body = ""
    is_b64 = False
    if body_bytes:
        content_type = headers.get(seen.get("content-type", "content-type"))
        text = None
        if _is_textual(content_type):
            try:
                text = body_bytes.decode("utf-8")
            except UnicodeDecodeError:
                text = None
        if text is None:
            body = binascii.b2a_base64(body_bytes, newline=False).decode("ascii")
            is_b64 = True
        else:
            body = text
    return {
        "httpMethod": method,
        "path": path,
        "headers": headers,
        "queryStringParameters": query,
        "body": body,
        "isBase64Encoded": is_b64,
        "requestContext": {"httpMethod": method, "path": path, "stage": ""},
        "pathParameters": None,
        "stageVariables": {},
    }


def new_context():
    return {"memoryLimitInMb": MEMORY_MB, "functionName": FUNCTION_NAME, "functionVersion": ""}


# ------------------------------------------------------------------ invocation

async def _await(awaitable):
    return await awaitable


def invoke(fn, event):
    result = fn(event, new_context())
    if hasattr(result, "__await__"):  # async def handler
        import asyncio
        result = asyncio.run(_await(result))
    return result


# ------------------------------------------------------------------ result -> response

class ResultError(Exception):
    pass


def _json_default(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _to_json(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      default=_json_default).encode("utf-8")


def translate(result):
    """Returns (status, [(name, value)], body bytes)."""
    headers = []
    status = 200
    default_type = None
    if result is None:
        body = b""
    elif isinstance(result, str):
        body = result.encode("utf-8")
        default_type = "text/plain; charset=utf-8"
    elif isinstance(result, (bytes, bytearray, memoryview)):
        body = bytes(result)
        default_type = "application/octet-stream"
    elif isinstance(result, dict) and "statusCode" in result:
        code = result["statusCode"]
        status = _status(code)
        if status is None:
            raise ResultError("invalid statusCode %s returned by the handler" % json.dumps(code, default=str))
        result_headers = result.get("headers")
        if result_headers is not None:
            if not isinstance(result_headers, dict):
                raise ResultError("result.headers must be an object")
            for name, value in result_headers.items():
                name = str(name)
                if value is None or name.lower() in DROPPED_HEADERS:
                    continue
                for v in (value if isinstance(value, (list, tuple)) else (value,)):
                    v = _header_str(v)
                    if "\r" in v or "\n" in v or "\r" in name or "\n" in name or ":" in name:
                        raise ResultError("invalid header %r" % name)
                    headers.append((name, v))
        b = result.get("body")
        if b is None:
            body = b""
        elif result.get("isBase64Encoded") is True:
            if not isinstance(b, (str, bytes)):
                raise ResultError("result.body must be a base64 string when isBase64Encoded is true")
            try:
                body = binascii.a2b_base64(b)
            except (binascii.Error, ValueError) as exc:
                raise ResultError("result.body is not valid base64: %s" % exc) from None
        elif isinstance(b, str):
            body = b.encode("utf-8")
        elif isinstance(b, (bytes, bytearray, memoryview)):
            body = bytes(b)
        else:
            body = _to_json(b)
            default_type = "application/json"
    else:
        body = _to_json(result)
        default_type = "application/json"
    if default_type and not any(n.lower() == "content-type" for n, _ in headers):
        headers.append(("Content-Type", default_type))
    return status, headers, body


def _status(code):
    if isinstance(code, bool):
        return None
    try:
        status = int(code.strip()) if isinstance(code, str) else int(code)
    except (TypeError, ValueError, OverflowError):
        return None
    if isinstance(code, float) and status != code:
        return None
    return status if 100 <= status <= 599 else None


def _header_str(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _error_message(exc):
    text = str(exc)
    return text if text else type(exc).__name__


def _log_error(what, exc):
    import traceback
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    sys.stderr.write(what + ": " + text.rstrip("\n") + "\n")
    sys.stderr.flush()


# ------------------------------------------------------------------ HTTP server
#
# A small HTTP/1.1 server on socketserver instead of http.server: importing http.server pulls in
# email, http.client and ssl and doubles the wrapper's start-up time. The only client is the
# platform (one request per connection), but keep-alive, chunked request bodies and
# "Expect: 100-continue" are supported anyway.

MAX_LINE = 65536
MAX_HEADERS = 200
KEEP_ALIVE_IDLE_SECONDS = 5.0
REASONS = {
    100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
    204: "No Content", 205: "Reset Content", 206: "Partial Content", 300: "Multiple Choices",
    301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized",
    402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 418: "I'm a teapot", 422: "Unprocessable Content",
    425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 501: "Not Implemented",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _http_date():
    t = time.gmtime()
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        _DAYS[t.tm_wday], t.tm_mday, _MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)


class BadRequest(Exception):
    def __init__(self, status=400):
        super().__init__(status)
        self.status = status


class Handler(socketserver.StreamRequestHandler):
    fn = None
    stem = False
    specialized = False

    def handle(self):
        first = True
        while True:
            if not first:
                self.connection.settimeout(KEEP_ALIVE_IDLE_SECONDS)
            try:
                request = self._read_request()
            except BadRequest as bad:
                self._write_raw(bad.status, [], b"", "GET", False)
                return
            except (OSError, ValueError):
                return  # idle keep-alive timeout, reset, ...
            if request is None:
                return
            self.connection.settimeout(None)
            first = False
            if not self._serve(*request):
                return

    def _readline(self):
        line = self.rfile.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise BadRequest(431)
        return line

    def _read_request(self):
        line = self._readline()
        while line in (b"\r\n", b"\n"):  # tolerate empty lines before a request
            line = self._readline()
        if not line:
            return None
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise BadRequest()
        method, target, version = parts
        if not version.startswith("HTTP/1."):
            raise BadRequest(505)
        headers = []
        while True:
            raw = self._readline()
            if raw in (b"\r\n", b"\n"):
                break
            if not raw:
                raise BadRequest()
            text = raw.decode("latin-1").rstrip("\r\n")
            if text[:1] in (" ", "\t"):  # obsolete line folding
                if not headers:
                    raise BadRequest()
                headers[-1] = (headers[-1][0], headers[-1][1] + " " + text.strip(" \t"))
                continue
            name, sep, value = text.partition(":")
            if not sep or not name or name != name.strip():
                raise BadRequest()
            headers.append((name, value.strip(" \t")))
            if len(headers) > MAX_HEADERS:
                raise BadRequest(431)
        lower = {}
        for name, value in headers:
            key = name.lower()
            lower[key] = lower[key] + ", " + value if key in lower else value
        tokens = [t.strip().lower() for t in lower.get("connection", "").split(",")]
        if version == "HTTP/1.0":
            keep_alive = "keep-alive" in tokens
        else:
            keep_alive = "close" not in tokens
        if lower.get("expect", "").lower() == "100-continue" and version != "HTTP/1.0":
            self.connection.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        if "chunked" in lower.get("transfer-encoding", "").lower():
            body = self._read_chunked()
        else:
            try:
                length = int(lower.get("content-length", "0").split(",")[0])
            except ValueError:
                raise BadRequest() from None
            if length < 0:
                raise BadRequest()
            body = self.rfile.read(length) if length else b""
            if len(body) != length:
                return None  # client went away
        return method, target, headers, body, keep_alive

    def _read_chunked(self):
        parts = []
        while True:
            size_line = self._readline()
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadRequest() from None
            if size == 0:
                while self._readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            chunk = self.rfile.read(size)
            if len(chunk) != size:
                raise BadRequest()
            parts.append(chunk)
            self._readline()  # CRLF after the chunk

    def _serve(self, method, target, headers, body, keep_alive):
        if Handler.stem and target.partition("?")[0] == SPECIALIZE_PATH:
            return self._specialize(method, body)
        if Handler.fn is None:
            return self._write_json(503, {"error": "this instance has not been given a function yet"}, method)
        event = build_event(method, target, headers, body)
        try:
            result = invoke(self.fn, event)
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            _log_error("handler error", exc)
            return self._write_error(exc, method, keep_alive)
        try:
            status, out_headers, out_body = translate(result)
        except Exception as exc:  # noqa: BLE001
            _log_error("invalid handler result", exc)
            return self._write_error(exc, method, keep_alive)
        return self._write_raw(status, out_headers, out_body, method, keep_alive)

    def _specialize(self, method, body):
        if Handler.specialized:
            return self._write_json(409, {"error": "this instance has already been given a function"}, method)
        if method != "POST":
            return self._write_json(405, {"error": "POST the function to specialize to"}, method)
        try:
            request = json.loads(body.decode("utf-8"))
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            return self._write_json(400, {"error": "invalid specialization request: %s" % exc}, method)
        Handler.specialized = True  # from here on the process belongs to this function, whatever happens
        variables = request.get("env")
        os.environ.update({str(k): str(v) for k, v in (variables if isinstance(variables, dict) else {}).items()})
        if isinstance(request.get("handler"), str):
            os.environ["FN_HANDLER"] = request["handler"]
        os.environ.pop("FN_STEM", None)
        time.tzset()  # the interpreter read TZ at start
        _configure()
        importlib.invalidate_caches()
        try:
            fn = load_handler(os.environ.get("FN_HANDLER", ""))
        except HandlerLoadError as exc:
            self._write_json(422, {"error": str(exc)}, method)
            _handler_error(str(exc))
        Handler.fn = staticmethod(fn)
        return self._write_json(200, {"ready": True}, method)

    def _write_json(self, status, value, method):
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # one exchange per connection: a stem serves connections one at a time until it has a function
        return self._write_raw(status, [("Content-Type", "application/json")], body, method, False)

    def _write_error(self, exc, method, keep_alive):
        body = json.dumps({"error": _error_message(exc)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        return self._write_raw(500, [("Content-Type", "application/json")], body, method, keep_alive)

    def _write_raw(self, status, headers, body, method, keep_alive):
        no_body = status in (204, 304) or status < 200
        lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, ""))]
        for name, value in headers:
            lines.append("%s: %s" % (name, value))
        if not any(n.lower() == "date" for n, _ in headers):
            lines.append("Date: " + _http_date())
        if not no_body:
            lines.append("Content-Length: %d" % len(body))
        lines.append("Connection: keep-alive" if keep_alive else "Connection: close")
        try:
            head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        except UnicodeEncodeError:
            head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
        try:
            if no_body or method == "HEAD":
                self.connection.sendall(head)
            else:
                self.connection.sendall(head + body)
        except OSError:
            return False
        return keep_alive


class Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            _log_error("stratus wrapper: request failed", exc)


def _await_function(server):
    """Stem mode: serves connections one at a time on this, the main, thread until one has given the
    function, so that the user's module is imported on the main thread as at a normal start."""
    while Handler.fn is None:
        try:
            request, address = server.get_request()
        except OSError:
            continue
        try:
            request.settimeout(30)  # a silent client must not hold the stem forever
            server.finish_request(request, address)
        except Exception:  # noqa: BLE001 - one bad connection does not end the stem
            server.handle_error(request, address)
        finally:
            server.shutdown_request(request)


def main():
    sock = os.environ.get("FN_SOCKET")
    if not sock:
        _handler_error("FN_SOCKET is not set")
    # user output arrives line by line even though stdout is a pipe
    try:
        sys.stdout.reconfigure(line_buffering=True)
    except (AttributeError, ValueError):
        pass
    Handler.stem = os.environ.get("FN_STEM") == "1"
    if not Handler.stem:
        try:
            Handler.fn = staticmethod(load_handler(os.environ.get("FN_HANDLER", "")))
        except HandlerLoadError as exc:
            _handler_error(str(exc))
    try:
        os.unlink(sock)
    except FileNotFoundError:
        pass
    server = Server(sock, Handler)
    sys.stdout.write("STRATUS_READY\n")
    sys.stdout.flush()
    try:
        if Handler.stem:
            _await_function(server)
        server.serve_forever(poll_interval=3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
