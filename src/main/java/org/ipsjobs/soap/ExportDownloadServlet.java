package org.ipsjobs.soap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.ipsjobs.auth.AuthenticationException;
import org.ipsjobs.auth.AuthorizationException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Credentials;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.model.InvalidRequestException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Downloads an export job's zip: {@code GET /scene7/export/<file>.zip?companyHandle=<handle>} with the
 * IPS user's credentials as HTTP Basic. The job service decides whether the caller may read the
 * company's exports; refusals are plain HTTP statuses (401, 403, 404) with the API's fault document,
 * since a download client looks at the status first.
 */
public final class ExportDownloadServlet extends HttpServlet {

    private final transient JobService jobs;
    private final transient UserDirectory directory;

    public ExportDownloadServlet(JobService jobs, UserDirectory directory) {
        this.jobs = jobs;
        this.directory = directory;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Caller caller = new Caller(directory.authenticate(basic(request), request.getRemoteAddr()), null, null, null);
            String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
            Path file = jobs.exportFile(caller, request.getParameter("companyHandle"), name);
            response.setStatus(200);
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
            response.setContentLengthLong(Files.size(file));
            try (OutputStream out = response.getOutputStream()) {
                Files.copy(file, out);
            }
        } catch (AuthenticationException e) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"IPS\", charset=\"UTF-8\"");
            refuse(response, 401, e);
        } catch (AuthorizationException e) {
            refuse(response, 403, e);
        } catch (InvalidRequestException e) {
            refuse(response, 404, e);
        }
    }

    private static Credentials basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, int status, RuntimeException e) throws IOException {
        byte[] body = SoapFaultDocument.bare(FaultMapper.ownFault(e));
        response.setStatus(status);
        response.setContentType("text/xml;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
