using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TalentHub.Api.Http;

/// <summary>RFC 9457 problem details for every error, each with its instance and trace id.</summary>
public static class ProblemConventions
{
    private static readonly Dictionary<int, (string Type, string Title)> Defaults = new()
    {
        [StatusCodes.Status400BadRequest] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1", "Bad Request"),
        [StatusCodes.Status401Unauthorized] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "Unauthorized"),
        [StatusCodes.Status403Forbidden] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4", "Forbidden"),
        [StatusCodes.Status404NotFound] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5", "Not Found"),
        [StatusCodes.Status405MethodNotAllowed] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6", "Method Not Allowed"),
        [StatusCodes.Status409Conflict] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10", "Conflict"),
        [StatusCodes.Status410Gone] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11", "Gone"),
        [StatusCodes.Status412PreconditionFailed] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13", "Precondition Failed"),
        [StatusCodes.Status413PayloadTooLarge] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14", "Content Too Large"),
        [StatusCodes.Status415UnsupportedMediaType] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16", "Unsupported Media Type"),
        [StatusCodes.Status422UnprocessableEntity] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21", "Unprocessable Content"),
        [StatusCodes.Status428PreconditionRequired] = ("https://www.rfc-editor.org/rfc/rfc6585#section-3", "Precondition Required"),
        [StatusCodes.Status429TooManyRequests] = ("https://www.rfc-editor.org/rfc/rfc6585#section-4", "Too Many Requests"),
        [StatusCodes.Status500InternalServerError] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1", "Internal Server Error"),
        [StatusCodes.Status503ServiceUnavailable] = ("https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4", "Service Unavailable"),
    };

    public static IServiceCollection AddTalentHubProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (Defaults.TryGetValue(status, out var defaults))
            {
                problem.Type ??= defaults.Type;
                problem.Title ??= defaults.Title;
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            // Never leak framework internals (exception text, stack traces) through the default writer.
            problem.Extensions.Remove("exception");
            problem.Detail ??= DefaultDetail(status, context.HttpContext);
        })
        // After the framework's writer, which declines when the Accept header names no JSON type.
        .AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();

    private static string? DefaultDetail(int status, HttpContext context) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token is required (POST /connect/token).",
        StatusCodes.Status403Forbidden => "The token does not carry the scope this endpoint requires.",
        StatusCodes.Status404NotFound => "No such resource.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on this resource.",
        StatusCodes.Status415UnsupportedMediaType => "The request's Content-Type is not accepted here.",
        StatusCodes.Status413PayloadTooLarge => "The request body exceeds the limit of this endpoint.",
        _ => context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase,
    };
}

/// <summary>
/// Writes problem details whatever the request's Accept header says: the framework's writer declines unless a JSON type
/// is acceptable, which left an empty error response (or, where the writer was required, a 500).
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
