using Microsoft.Extensions.FileProviders;

namespace TalentHub.Api.WebConsole;

/// <summary>
/// The console for BKN's people at <c>/console</c>: static HTML, CSS and JavaScript modules embedded in this assembly and
/// served by middleware before routing, like Swagger UI, so the files are anonymous and no endpoint exists for the
/// deny-by-default fallback to judge. Every data call the page makes goes to the API with a bearer token that it keeps in
/// memory only. The Content-Security-Policy allows nothing but this origin: no inline script or style, no other host.
/// </summary>
public static class ConsoleSetup
{
    public const string Path = "/console";

    /// <summary>The resource-name prefix of the embedded files (see the Api project file).</summary>
    private const string ResourcePrefix = "TalentHub.Console";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseConsole(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleSetup).Assembly, ResourcePrefix);
        return app.Map(Path, console =>
        {
            console.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
                return next(context);
            });
            console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            console.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        });
    }
}
