using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using TalentHub.Infrastructure.Resilience;

namespace TalentHub.Api.Http;

/// <summary>Turns every exception into a problem: the client's own mistakes as 4xx, the rest as 500 with a trace id.</summary>
public sealed class ExceptionProblems(IProblemDetailsService problemDetails, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    private static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, DescribeJsonError(json)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body exceeds the limit of this endpoint."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => (StatusCodes.Status415UnsupportedMediaType, "The request's Content-Type is not accepted here."),
        BadHttpRequestException bad => (bad.StatusCode, SafeBadRequestDetail(bad)),
        _ when DatabaseResilience.IsTransient(exception) => (StatusCodes.Status503ServiceUnavailable, "The database is temporarily unavailable; retry shortly."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred. Quote the traceId when reporting it."),
    };

    private static string DescribeJsonError(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var message = json.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return $"Unknown field at '{path}'. Field names are case-sensitive.";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return $"A property appears twice at '{path}'.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The JSON body is nested deeper than {JsonConventions.MaxDepth} levels.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "The JSON body lacks a required field.";
        }

        return $"The JSON body is invalid at '{path}'.";
    }

    private static string SafeBadRequestDetail(BadHttpRequestException bad) =>
        bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) || bad.Message.StartsWith("Failed to read parameter", StringComparison.Ordinal)
            ? "The request body is missing or unreadable."
            : "The request is malformed.";
}
